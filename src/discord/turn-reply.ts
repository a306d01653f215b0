import type { Reply } from '../core/types.ts';
import type { Db } from '../db/client.ts';

type TurnRow = { id: number; answer: string; cited_ids: string; mode: 'llm' | 'offline'; model: string | null };
type ChunkRow = { id: string; title: string; sources: string };

/**
 * The reply a stored turn gave: its answer and the sources it cited. Used
 * when the process stopped after the turn was stored but before the answer
 * was sent, so the member gets the answer that was recorded rather than a
 * second, different one.
 */
export function replyFromTurn(db: Db, turnId: number): Reply | undefined {
  const turn = db.$client.prepare('SELECT id, answer, cited_ids, mode, model FROM turns WHERE id = ?').get(turnId) as TurnRow | undefined;
  if (!turn) return undefined;
  const chunk = db.$client.prepare('SELECT id, title, sources FROM knowledge_chunks WHERE id = ?');
  const citations = (JSON.parse(turn.cited_ids) as string[])
    .map((id) => chunk.get(id) as ChunkRow | undefined)
    .filter((c): c is ChunkRow => c !== undefined)
    .map((c) => ({ id: c.id, title: c.title, source: (JSON.parse(c.sources) as string[]).join(', ') }));
  return { text: turn.answer, citations, mode: turn.mode, model: turn.model ?? undefined, turnId: turn.id };
}
