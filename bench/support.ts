// Shared by the benchmarks: the labelled questions and a seeded random source.
import { readFileSync } from 'node:fs';
import type { EvalCase } from '../src/knowledge/evaluate.ts';

/** The questions of a fixture in test/fixtures (default: the labelled retrieval set). */
export function fixtureQuestions(file = 'retrieval-eval.json'): string[] {
  const url = new URL(`../test/fixtures/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as EvalCase[]).map((c) => c.question);
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
