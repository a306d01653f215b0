import { eq } from 'drizzle-orm';
import type { Reply } from '../core/types.ts';
import type { Db } from '../db/client.ts';
import { knowledgeChunks, turns } from '../db/schema.ts';

/**
 * The reply a stored turn gave: its answer and the sources it cited. Used
 * when the process stopped after the turn was stored but before the answer
 * was sent, so the member gets the answer that was recorded rather than a
 * second, different one.
 */
export function replyFromTurn(db: Db, turnId: number): Reply | undefined {
  const turn = db
    .select({ id: turns.id, answer: turns.answer, citedIds: turns.citedIds, mode: turns.mode, model: turns.model })
    .from(turns)
    .where(eq(turns.id, turnId))
    .get();
  if (!turn) return undefined;
  const chunk = (id: string) =>
    db
      .select({ id: knowledgeChunks.id, title: knowledgeChunks.title, sources: knowledgeChunks.sources })
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.id, id))
      .get();
  const citations = turn.citedIds
    .map(chunk)
    .filter((c) => c !== undefined)
    .map((c) => ({ id: c.id, title: c.title, source: c.sources.join(', ') }));
  return { text: turn.answer, citations, mode: turn.mode, model: turn.model ?? undefined, turnId: turn.id };
}
