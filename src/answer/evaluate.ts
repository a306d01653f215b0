import type { Db } from '../db/client.ts';
import { type Route, routeQuestion } from './route.ts';

/**
 * One labelled line a member might send. `answer` (the default) and
 * `follow-up` name the chunk ids that answer it; a follow-up without
 * `previous` has no earlier turn and should be asked what it means.
 */
export type EvalCase = {
  question: string;
  kind?: 'answer' | 'off-topic' | 'small-talk' | 'follow-up';
  expected?: string[];
  previous?: string;
};

export type EvalFigures = {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  meanTop5Chars: number;
  offTopicRefused: number;
  inScopeRefused: number;
  smallTalkRecognised: number;
  followUpsResolved: number;
};

export type EvalMiss = { kind: string; question: string; previous?: string; expected: string[]; got: string[] | string };

export type EvalReport = { figures: EvalFigures; misses: EvalMiss[] };

const share = (hits: number, total: number) => (total === 0 ? 1 : hits / total);
const hitIds = (route: Route) => (route.kind === 'answer' ? route.retrieval.hits.slice(0, 5) : []);

/**
 * Scores what members would get for labelled questions: retrieval quality of
 * in-scope questions (a refused one counts as a miss), and how the gate
 * routes off-topic lines, small talk and follow-ups.
 */
export function evaluate(db: Db, cases: EvalCase[]): EvalReport {
  const misses: EvalMiss[] = [];
  const answers = cases.filter((c) => (c.kind ?? 'answer') === 'answer');
  let hits1 = 0;
  let hits5 = 0;
  let reciprocal = 0;
  let chars = 0;
  let refused = 0;
  for (const c of answers) {
    const route = routeQuestion(db, c.question);
    if (route.kind === 'off-topic') refused++;
    const top = hitIds(route);
    const rank = top.findIndex((hit) => c.expected?.includes(hit.id));
    if (rank === 0) hits1++;
    if (rank >= 0) {
      hits5++;
      reciprocal += 1 / (rank + 1);
    } else {
      misses.push({ kind: 'answer', question: c.question, expected: c.expected ?? [], got: route.kind === 'answer' ? top.map((h) => h.id) : route.kind });
    }
    chars += top.reduce((sum, hit) => sum + hit.text.length, 0);
  }
  const offTopic = cases.filter((c) => c.kind === 'off-topic');
  const offTopicRefused = offTopic.filter((c) => {
    const kind = routeQuestion(db, c.question).kind;
    if (kind !== 'off-topic') misses.push({ kind: 'off-topic', question: c.question, expected: [], got: kind });
    return kind === 'off-topic';
  }).length;
  const smallTalk = cases.filter((c) => c.kind === 'small-talk');
  const recognised = smallTalk.filter((c) => {
    const kind: string = routeQuestion(db, c.question).kind;
    if (kind !== 'small-talk') misses.push({ kind: 'small-talk', question: c.question, expected: [], got: kind });
    return kind === 'small-talk';
  }).length;
  const followUps = cases.filter((c) => c.kind === 'follow-up');
  const resolved = followUps.filter((c) => {
    const route = routeQuestion(db, c.question, c.previous);
    const ok = c.previous ? hitIds(route).some((hit) => c.expected?.includes(hit.id)) : (route.kind as string) === 'clarify';
    if (!ok)
      misses.push({
        kind: 'follow-up',
        question: c.question,
        previous: c.previous,
        expected: c.expected ?? ['clarify'],
        got: route.kind === 'answer' ? hitIds(route).map((h) => h.id) : route.kind,
      });
    return ok;
  }).length;
  const n = answers.length || 1;
  return {
    figures: {
      questions: cases.length,
      recallAt1: hits1 / n,
      recallAt5: hits5 / n,
      mrr: reciprocal / n,
      meanTop5Chars: Math.round(chars / n),
      offTopicRefused: share(offTopicRefused, offTopic.length),
      inScopeRefused: refused / n,
      smallTalkRecognised: share(recognised, smallTalk.length),
      followUpsResolved: share(resolved, followUps.length),
    },
    misses,
  };
}
