import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { turns } from '../db/schema.ts';

export type NewTurn = {
  memberId: string;
  conversationId: string;
  question: string;
  answer: string;
  chunkIds: string[];
  citedIds: string[];
  mode: 'llm' | 'offline';
  model: string | null;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  createdAt: Date;
};

/** `citedIds`: the cards the answer cited, so "tell me more" can go past them. */
export type PastTurn = { question: string; answer: string; citedIds: string[] };

/**
 * The queries every answer runs, prepared once: they sit on the answer's hot
 * path, where building SQL per call costs more than the query itself.
 */
export type TurnStore = {
  /** The last `limit` turns of one conversation, oldest first. */
  recent(conversationId: string, limit: number): PastTurn[];
  /** When the member's questions since `sinceMs` were asked, oldest first (for rate limits). */
  questionTimesSince(memberId: string, sinceMs: number): number[];
  store(turn: NewTurn): number;
};

export function createTurnStore(db: Db): TurnStore {
  const recent = db
    .select({ question: turns.question, answer: turns.answer, citedIds: turns.citedIds })
    .from(turns)
    .where(eq(turns.conversationId, sql.placeholder('conversationId')))
    .orderBy(desc(turns.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const times = db
    .select({ createdAt: turns.createdAt })
    .from(turns)
    .where(and(eq(turns.memberId, sql.placeholder('memberId')), gte(turns.createdAt, sql.placeholder('since'))))
    .orderBy(turns.createdAt)
    .prepare();
  const insert = db
    .insert(turns)
    .values({
      memberId: sql.placeholder('memberId'),
      conversationId: sql.placeholder('conversationId'),
      question: sql.placeholder('question'),
      answer: sql.placeholder('answer'),
      chunkIds: sql.placeholder('chunkIds'),
      citedIds: sql.placeholder('citedIds'),
      mode: sql.placeholder('mode'),
      model: sql.placeholder('model'),
      promptTokens: sql.placeholder('promptTokens'),
      completionTokens: sql.placeholder('completionTokens'),
      latencyMs: sql.placeholder('latencyMs'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();
  return {
    recent: (conversationId, limit) => recent.all({ conversationId, limit }).reverse(),
    questionTimesSince: (memberId, sinceMs) => times.all({ memberId, since: sinceMs }).map((r) => r.createdAt.getTime()),
    store: (turn: NewTurn) => Number(insert.run({ ...turn }).lastInsertRowid),
  };
}
