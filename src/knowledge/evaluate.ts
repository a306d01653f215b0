import type { Db } from '../db/client.ts';
import { searchKnowledge } from './search.ts';

export type EvalCase = { question: string; expected: string[] };

export type EvalReport = {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  meanTop5Chars: number;
  misses: { question: string; expected: string[]; got: string[] }[];
};

/** Scores retrieval against questions labelled with the chunk ids that answer them. */
export function evaluateRetrieval(db: Db, cases: EvalCase[]): EvalReport {
  let hits1 = 0;
  let hits5 = 0;
  let reciprocal = 0;
  let chars = 0;
  const misses: EvalReport['misses'] = [];
  for (const c of cases) {
    const top = searchKnowledge(db, c.question, 5);
    const rank = top.findIndex((hit) => c.expected.includes(hit.id));
    if (rank === 0) hits1++;
    if (rank >= 0) {
      hits5++;
      reciprocal += 1 / (rank + 1);
    } else {
      misses.push({ question: c.question, expected: c.expected, got: top.map((h) => h.id) });
    }
    chars += top.reduce((sum, hit) => sum + hit.text.length, 0);
  }
  const n = cases.length || 1;
  return {
    questions: cases.length,
    recallAt1: hits1 / n,
    recallAt5: hits5 / n,
    mrr: reciprocal / n,
    meanTop5Chars: Math.round(chars / n),
    misses,
  };
}
