import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { turns } from '../db/schema.ts';

export type NewTurn = typeof turns.$inferInsert;
export type StoredTurn = typeof turns.$inferSelect;

/** The last `limit` turns of one conversation, oldest first. */
export function recentTurns(db: Db, conversationId: string, limit: number): StoredTurn[] {
  return db
    .select()
    .from(turns)
    .where(eq(turns.conversationId, conversationId))
    .orderBy(desc(turns.id))
    .limit(limit)
    .all()
    .reverse();
}

/** When the member's questions since `sinceMs` started, oldest first (for rate limits). */
export function questionTimesSince(db: Db, memberId: string, sinceMs: number): number[] {
  return db
    .select({ at: turns.createdAt })
    .from(turns)
    .where(and(eq(turns.memberId, memberId), gte(turns.createdAt, new Date(sinceMs))))
    .orderBy(asc(turns.createdAt))
    .all()
    .map((r) => r.at.getTime());
}

export function tokensUsedSince(db: Db, memberId: string, sinceMs: number): number {
  const row = db
    .select({ used: sql<number>`coalesce(sum(${turns.promptTokens} + ${turns.completionTokens}), 0)` })
    .from(turns)
    .where(and(eq(turns.memberId, memberId), gte(turns.createdAt, new Date(sinceMs))))
    .get();
  return row?.used ?? 0;
}

export function storeTurn(db: Db, turn: NewTurn): number {
  return db.insert(turns).values(turn).returning({ id: turns.id }).get().id;
}
