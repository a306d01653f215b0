// Shared by the benchmarks: the labelled questions, a seeded random source and percentiles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalCase } from '../src/answer/evaluate.ts';
import { PACKAGE_ROOT } from '../src/paths.ts';

/** The questions of a fixture in test/fixtures (default: the labelled retrieval set). */
export function fixtureQuestions(file = 'retrieval-eval.json'): string[] {
  // From the package root, so the compiled copy the bench's bot runs finds them too.
  const path = join(PACKAGE_ROOT, 'test', 'fixtures', file);
  return (JSON.parse(readFileSync(path, 'utf8')) as EvalCase[]).map((c) => c.question);
}

/** Every labelled question, tuning set and hold-out: what members ask, in their words. */
export function allQuestions(): string[] {
  return [...fixtureQuestions('retrieval-eval.json'), ...fixtureQuestions('retrieval-holdout.json')];
}

/** Deterministic pseudo-random numbers (mulberry32), so every run uses the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Percentiles = { p50: number; p99: number; mean: number; max: number; count: number };

/** Nearest-rank percentiles of a set of samples. */
export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { p50: at(0.5), p99: at(0.99), mean, max: sorted.at(-1) ?? 0, count: sorted.length };
}

/** Rounds to `digits` decimals, for figures printed as JSON. */
export function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Member ids look like Discord user ids (snowflakes), so the same ids work in the loopback Discord. */
export const memberId = (index: number) => `3${String(index).padStart(17, '0')}`;
/** Each member's DM with the bot, as the Discord adapter names the conversation. */
export const dmConversation = (index: number) => `dm:4${String(index).padStart(17, '0')}`;
