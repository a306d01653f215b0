// Times what a member waits on: opening an indexed database, an index check
// with nothing changed, a full rebuild, and a search. Prints figures; asserts nothing.
import { openDatabase } from '../src/db/client.ts';
import { ensureKnowledgeIndex } from '../src/knowledge/index-store.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/knowledge/load.ts';
import { searchKnowledge } from '../src/knowledge/search.ts';
import { fixtureQuestions } from './support.ts';

const questions = fixtureQuestions();

function time(runs: number, work: (i: number) => void): { p50: number; p95: number; mean: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const fmt = (r: { p50: number; p95: number; mean: number }) =>
  `p50 ${r.p50.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms  mean ${r.mean.toFixed(2)} ms`;

const rebuild = time(10, () => ensureKnowledgeIndex(openDatabase(':memory:'), DEFAULT_KNOWLEDGE_DIR));
const db = openDatabase(':memory:');
const status = ensureKnowledgeIndex(db, DEFAULT_KNOWLEDGE_DIR);
const check = time(50, () => ensureKnowledgeIndex(db, DEFAULT_KNOWLEDGE_DIR));
const search = time(questions.length * 10, (i) => searchKnowledge(db, questions[i % questions.length] ?? '', 5));

console.log(`knowledge: ${status.chunks} chunks; ${questions.length} distinct questions`);
console.log(`migrate + full index rebuild   ${fmt(rebuild)}`);
console.log(`index check, nothing changed   ${fmt(check)}`);
console.log(`search, top 5                  ${fmt(search)}`);
