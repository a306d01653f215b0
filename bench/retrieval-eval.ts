// Scores the answer pipeline's routing and retrieval on the labelled
// questions: the tuning split (test/fixtures/retrieval-eval.json) and the
// held-out split (test/fixtures/retrieval-holdout.json). Tune knowledge and
// ranking only on the tuning split; --misses lists that split's misses only.
//   --json    print only { tuning: figures, heldOut: figures }
//   --misses  list the tuning split's misses on stderr
import { readFileSync } from 'node:fs';
import { type EvalCase, type EvalFigures, evaluate } from '../src/answer/evaluate.ts';
import { openDatabase } from '../src/db/client.ts';
import { ensureKnowledgeIndex } from '../src/knowledge/index-store.ts';
import { chunkFiles, DEFAULT_KNOWLEDGE_DIR, readKnowledgeFiles } from '../src/knowledge/load.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const showMisses = args.includes('--misses') || Boolean(process.env.EVAL_VERBOSE);

const SPLITS = { tuning: 'retrieval-eval.json', heldOut: 'retrieval-holdout.json' } as const;

const readCases = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')) as EvalCase[];

const known = new Set(chunkFiles(readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIR)).map((c) => c.id));
const db = openDatabase(':memory:');
ensureKnowledgeIndex(db, DEFAULT_KNOWLEDGE_DIR);

const results: Record<string, EvalFigures> = {};
for (const [split, file] of Object.entries(SPLITS)) {
  const cases = readCases(file);
  const unknown = cases.flatMap((c) => (c.expected ?? []).filter((id) => !known.has(id)));
  if (unknown.length) {
    console.error(`${file} names chunk ids that do not exist: ${[...new Set(unknown)].join(', ')}`);
    process.exit(1);
  }
  const report = evaluate(db, cases);
  results[split] = report.figures;
  if (showMisses && split === 'tuning')
    for (const m of report.misses)
      console.error(
        `miss (${m.kind}): ${m.previous ? `${m.previous} → ` : ''}${m.question}\n  want ${m.expected.join(' | ')}\n  got  ${Array.isArray(m.got) ? m.got.join(' | ') : m.got}`,
      );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ROWS: [string, (f: EvalFigures) => string][] = [
  ['questions', (f) => String(f.questions)],
  ['recall@1', (f) => f.recallAt1.toFixed(3)],
  ['recall@5', (f) => f.recallAt5.toFixed(3)],
  ['MRR', (f) => f.mrr.toFixed(3)],
  ['mean top-5 chars', (f) => String(f.meanTop5Chars)],
  ['off-topic refused', (f) => pct(f.offTopicRefused)],
  ['in-scope refused', (f) => pct(f.inScopeRefused)],
  ['small talk recognised', (f) => pct(f.smallTalkRecognised)],
  ['follow-ups resolved', (f) => pct(f.followUpsResolved)],
];

if (json) {
  const round = (f: EvalFigures) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number.isInteger(v) ? v : Math.round(v * 1000) / 1000]));
  console.log(JSON.stringify({ tuning: round(results.tuning as EvalFigures), heldOut: round(results.heldOut as EvalFigures) }));
} else {
  console.log(`${''.padEnd(22)} ${'tuning'.padStart(9)} ${'held-out'.padStart(9)}`);
  for (const [label, show] of ROWS)
    console.log(`${label.padEnd(22)} ${show(results.tuning as EvalFigures).padStart(9)} ${show(results.heldOut as EvalFigures).padStart(9)}`);
}
