import type { Db } from '../db/client.ts';

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

export type PastTurn = { question: string; answer: string };

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
  const sqlite = db.$client;
  const recent = sqlite.prepare('SELECT question, answer FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?');
  const times = sqlite.prepare('SELECT created_at FROM turns WHERE member_id = ? AND created_at >= ? ORDER BY created_at').pluck();
  const insert = sqlite.prepare(
    `INSERT INTO turns (member_id, conversation_id, question, answer, chunk_ids, cited_ids, mode, model,
                        prompt_tokens, completion_tokens, latency_ms, created_at)
     VALUES (@memberId, @conversationId, @question, @answer, @chunkIds, @citedIds, @mode, @model,
             @promptTokens, @completionTokens, @latencyMs, @createdAt)`,
  );
  return {
    recent: (conversationId, limit) => (recent.all(conversationId, limit) as PastTurn[]).reverse(),
    questionTimesSince: (memberId, sinceMs) => times.all(memberId, sinceMs) as number[],
    store: (turn) =>
      Number(
        insert.run({
          ...turn,
          chunkIds: JSON.stringify(turn.chunkIds),
          citedIds: JSON.stringify(turn.citedIds),
          createdAt: turn.createdAt.getTime(),
        }).lastInsertRowid,
      ),
  };
}
