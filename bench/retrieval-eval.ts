// Prints recall@1, recall@5, MRR and the mean size of the top-5 context for
// the labelled questions in test/fixtures/retrieval-eval.json (or a file given).
import { readFileSync } from 'node:fs';
import { openDatabase } from '../src/db/client.ts';
import { type EvalCase, evaluateRetrieval } from '../src/knowledge/evaluate.ts';
import { ensureKnowledgeIndex } from '../src/knowledge/index-store.ts';
import { chunkFiles, DEFAULT_KNOWLEDGE_DIR, readKnowledgeFiles } from '../src/knowledge/load.ts';

const file = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? new URL('../test/fixtures/retrieval-eval.json', import.meta.url);
const cases = JSON.parse(readFileSync(file, 'utf8')) as EvalCase[];
const known = new Set(chunkFiles(readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIR)).map((c) => c.id));
const unknown = cases.flatMap((c) => c.expected.filter((id) => !known.has(id)));
if (unknown.length) {
  console.error(`The eval names chunk ids that do not exist: ${[...new Set(unknown)].join(', ')}`);
  process.exit(1);
}

const db = openDatabase(':memory:');
ensureKnowledgeIndex(db, DEFAULT_KNOWLEDGE_DIR);
const report = evaluateRetrieval(db, cases);
const verbose = process.argv.includes('--misses') || process.env.EVAL_VERBOSE;
if (verbose) for (const m of report.misses) console.log(`miss: ${m.question}\n  want ${m.expected.join(' | ')}\n  got  ${m.got.join(' | ')}`);
console.log(`questions:        ${report.questions}`);
console.log(`recall@1:         ${report.recallAt1.toFixed(3)}`);
console.log(`recall@5:         ${report.recallAt5.toFixed(3)}`);
console.log(`MRR:              ${report.mrr.toFixed(3)}`);
console.log(`mean top-5 chars: ${report.meanTop5Chars}`);
