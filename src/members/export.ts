import type { Db } from '../db/client.ts';
import type { Roadmaps } from './roadmap.ts';
import { doneMilestones, getMember, listProjects } from './store.ts';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Everything Pivot stores about one member, as plain JSON; undefined when it stores nothing. */
export function exportMember(db: Db, roadmaps: Roadmaps, memberId: string) {
  const member = getMember(db, memberId);
  const turns = db.$client
    .prepare(
      'SELECT id, conversation_id, question, answer, mode, model, prompt_tokens, completion_tokens, created_at FROM turns WHERE member_id = ? ORDER BY id',
    )
    .all(memberId) as {
    id: number;
    conversation_id: string;
    question: string;
    answer: string;
    mode: string;
    model: string | null;
    prompt_tokens: number;
    completion_tokens: number;
    created_at: number;
  }[];
  if (!member && turns.length === 0) return undefined;
  const done = doneMilestones(db, memberId);
  const track = member?.profile.track;
  const feedback = db.$client
    .prepare('SELECT turn_id, helpful, created_at FROM feedback WHERE member_id = ? ORDER BY created_at')
    .all(memberId) as { turn_id: number; helpful: number; created_at: number }[];
  return {
    member: memberId,
    profile: member?.profile ?? null,
    milestones: (track ? roadmaps.milestones(track) : []).map((m) => ({
      id: m.id,
      title: m.title,
      phase: m.phaseId,
      done: done.has(m.id),
      doneAt: iso(done.get(m.id)),
    })),
    projects: listProjects(db, memberId).map((p) => ({ ...p, createdAt: iso(p.createdAt) })),
    turns: turns.map((t) => ({
      id: t.id,
      conversation: t.conversation_id,
      question: t.question,
      answer: t.answer,
      mode: t.mode,
      model: t.model,
      promptTokens: t.prompt_tokens,
      completionTokens: t.completion_tokens,
      at: iso(t.created_at),
    })),
    feedback: feedback.map((f) => ({ turnId: f.turn_id, helpful: f.helpful === 1, at: iso(f.created_at) })),
  };
}
