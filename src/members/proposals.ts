import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Roadmaps } from './roadmap.ts';
import { doneMilestones, getMember, markMilestoneDone } from './store.ts';

/** The one state change the model may propose; it is only ever written after the member confirms. */
export const PROPOSE_MILESTONE_TOOL = {
  type: 'function' as const,
  function: {
    name: 'propose_milestone_done',
    description:
      "Propose marking one of the member's open roadmap milestones as done, only when the member clearly says they finished it. The member is asked to confirm before anything is saved.",
    parameters: {
      type: 'object',
      properties: {
        milestone_id: { type: 'string', description: 'The id of an open milestone listed in the member summary' },
      },
      required: ['milestone_id'],
      additionalProperties: false,
    },
  },
};

const proposalArguments = z.object({ milestone_id: z.string().trim().min(1).max(100) });

export type Proposal = { id: number; milestoneId: string; title: string };

/**
 * Validates a proposal from the model: well-formed, a milestone of the
 * member's track, not already done. Anything else is dropped.
 */
export function createProposal(
  db: Db,
  roadmaps: Roadmaps,
  input: { memberId: string; conversationId: string; argumentsJson: string; now: number },
): Proposal | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(input.argumentsJson);
  } catch {
    return undefined;
  }
  const parsed = proposalArguments.safeParse(raw);
  if (!parsed.success) return undefined;
  const track = getMember(db, input.memberId)?.profile.track;
  const milestone = roadmaps.milestone(parsed.data.milestone_id);
  if (!track || !milestone || !roadmaps.milestones(track).some((m) => m.id === milestone.id)) return undefined;
  if (doneMilestones(db, input.memberId).has(milestone.id)) return undefined;
  db.$client
    .prepare("UPDATE proposals SET status = 'declined' WHERE member_id = ? AND conversation_id = ? AND status = 'pending'")
    .run(input.memberId, input.conversationId);
  const id = Number(
    db.$client
      .prepare("INSERT INTO proposals (member_id, conversation_id, milestone_id, status, created_at) VALUES (?, ?, ?, 'pending', ?)")
      .run(input.memberId, input.conversationId, milestone.id, input.now).lastInsertRowid,
  );
  return { id, milestoneId: milestone.id, title: milestone.title };
}

export function pendingProposal(db: Db, memberId: string, conversationId: string): { id: number } | undefined {
  return db.$client
    .prepare("SELECT id FROM proposals WHERE member_id = ? AND conversation_id = ? AND status = 'pending' ORDER BY id DESC LIMIT 1")
    .get(memberId, conversationId) as { id: number } | undefined;
}

/**
 * Applies or declines a pending proposal of this member; the text says what
 * happened. Settling and applying are one transaction, and only the answer that
 * moves the proposal out of "pending" applies it, so a double click or two
 * "yes" messages at once mark the milestone once.
 */
export function settleProposal(db: Db, roadmaps: Roadmaps, input: { memberId: string; proposalId: number; accept: boolean; now: number }): string {
  return db.$client
    .transaction(() => {
      const row = db.$client.prepare('SELECT milestone_id FROM proposals WHERE id = ? AND member_id = ?').get(input.proposalId, input.memberId) as
        | { milestone_id: string }
        | undefined;
      const settled = db.$client
        .prepare("UPDATE proposals SET status = ? WHERE id = ? AND member_id = ? AND status = 'pending'")
        .run(input.accept ? 'confirmed' : 'declined', input.proposalId, input.memberId).changes;
      if (!row || settled === 0) return 'That suggestion is no longer open.';
      const title = roadmaps.milestone(row.milestone_id)?.title ?? row.milestone_id;
      if (!input.accept) return `OK, I left ${title} open.`;
      markMilestoneDone(db, input.memberId, row.milestone_id, input.now);
      return `Marked done: ${title}. /undo reverses it; /plan shows what is next.`;
    })
    .immediate();
}
