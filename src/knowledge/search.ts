import type { Db } from '../db/client.ts';
import { buildMatchQuery } from './query.ts';

export type SearchHit = {
  id: string;
  title: string;
  sources: string[];
  tags: string[];
  text: string;
  /** Higher is better (negated BM25). */
  score: number;
};

/** Column weights for bm25(): chunk_id (unindexed), title, tags, body. */
const BM25_WEIGHTS = [0, 6, 3, 1] as const;

export const MAX_K = 50;

type Row = { id: string; title: string; sources: string; tags: string; body: string; rank: number };

/** Best-first chunks for a question; empty when the question has nothing searchable. */
export function searchKnowledge(db: Db, question: string, k = 5): SearchHit[] {
  const match = buildMatchQuery(question);
  if (!match) return [];
  const rows = db.$client
    .prepare(
      `SELECT c.id, c.title, c.sources, c.tags, c.body, bm25(knowledge_fts, ${BM25_WEIGHTS.join(', ')}) AS rank
         FROM knowledge_fts f JOIN knowledge_chunks c ON c.id = f.chunk_id
        WHERE knowledge_fts MATCH ?
        ORDER BY rank
        LIMIT ?`,
    )
    .all(match, Math.min(Math.max(1, k), MAX_K)) as Row[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    sources: JSON.parse(r.sources) as string[],
    tags: JSON.parse(r.tags) as string[],
    text: r.body,
    score: Math.round(-r.rank * 1000) / 1000,
  }));
}
