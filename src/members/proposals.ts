import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { proposals } from '../db/schema.ts';
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
  db.update(proposals)
    .set({ status: 'declined' })
    .where(and(eq(proposals.memberId, input.memberId), eq(proposals.conversationId, input.conversationId), eq(proposals.status, 'pending')))
    .run();
  const id = Number(
    db
      .insert(proposals)
      .values({ memberId: input.memberId, conversationId: input.conversationId, milestoneId: milestone.id, status: 'pending', createdAt: new Date(input.now) })
      .run().lastInsertRowid,
  );
  return { id, milestoneId: milestone.id, title: milestone.title };
}

/** Every plain-text message looks for one. */
const pendingIn = preparedPerDatabase((db) =>
  db
    .select({ id: proposals.id })
    .from(proposals)
    .where(
      and(
        eq(proposals.memberId, sql.placeholder('memberId')),
        eq(proposals.conversationId, sql.placeholder('conversationId')),
        eq(proposals.status, 'pending'),
      ),
    )
    .orderBy(desc(proposals.id))
    .limit(1)
    .prepare(),
);

export function pendingProposal(db: Db, memberId: string, conversationId: string): { id: number } | undefined {
  return pendingIn(db).get({ memberId, conversationId });
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
      const ofMember = and(eq(proposals.id, input.proposalId), eq(proposals.memberId, input.memberId));
      const row = db.select({ milestoneId: proposals.milestoneId }).from(proposals).where(ofMember).get();
      const settled = db
        .update(proposals)
        .set({ status: input.accept ? 'confirmed' : 'declined' })
        .where(and(ofMember, eq(proposals.status, 'pending')))
        .run().changes;
      if (!row || settled === 0) return 'That suggestion is no longer open.';
      const title = roadmaps.milestone(row.milestoneId)?.title ?? row.milestoneId;
      if (!input.accept) return `OK, I left ${title} open.`;
      markMilestoneDone(db, input.memberId, row.milestoneId, input.now);
      return `Marked done: ${title}. /undo reverses it; /plan shows what is next.`;
    })
    .immediate();
}
