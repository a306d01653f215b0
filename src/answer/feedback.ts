import type { Db } from '../db/client.ts';

/** Stores a member's vote on an answer (a later vote replaces theirs); false when the turn does not exist. */
export function recordFeedback(db: Db, vote: { turnId: number; memberId: string; helpful: boolean; at: number }): boolean {
  const exists = db.$client.prepare('SELECT 1 FROM turns WHERE id = ?').get(vote.turnId);
  if (!exists) return false;
  db.$client
    .prepare(
      `INSERT INTO feedback (turn_id, member_id, helpful, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (turn_id, member_id) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at`,
    )
    .run(vote.turnId, vote.memberId, vote.helpful ? 1 : 0, vote.at);
  return true;
}
