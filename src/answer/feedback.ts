import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { feedback, turns } from '../db/schema.ts';

/** Stores a member's vote on an answer (a later vote replaces theirs); false when the turn does not exist. */
export function recordFeedback(db: Db, vote: { turnId: number; memberId: string; helpful: boolean; at: number }): boolean {
  const exists = db.select({ id: turns.id }).from(turns).where(eq(turns.id, vote.turnId)).get();
  if (!exists) return false;
  const at = new Date(vote.at);
  db.insert(feedback)
    .values({ turnId: vote.turnId, memberId: vote.memberId, helpful: vote.helpful, createdAt: at })
    .onConflictDoUpdate({ target: [feedback.turnId, feedback.memberId], set: { helpful: vote.helpful, createdAt: at } })
    .run();
  return true;
}
