// Grades offline answers to the questions in test/fixtures/answer-eval/ (tuning and held-out splits):
// facts carried, both sides named where the guides disagree, mean words, repeated sentences and fragments.
// `--json` prints only the figures; `--misses` lists what the tuning split's answers lack (never the held-out's).
import { readFileSync } from 'node:fs';
import { type AnswerCase, type Grade, gradeAnswer, type SplitReport, summarise } from './answer-grade.ts';
import { evalApp, say } from './eval-app.ts';

const SPLITS = ['tuning', 'held-out'] as const;
const json = process.argv.includes('--json');
const showMisses = process.argv.includes('--misses');

async function runSplit(split: (typeof SPLITS)[number]): Promise<{ report: SplitReport; grades: Grade[]; answers: Map<string, string> }> {
  const file = new URL(`../test/fixtures/answer-eval/${split}.json`, import.meta.url);
  const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: AnswerCase[] }).cases;
  const app = evalApp();
  const grades: Grade[] = [];
  const answers = new Map<string, string>();
  try {
    for (const c of cases) {
      const memberId = `eval-${c.id}`;
      for (const line of c.setup ?? []) await say(app, memberId, line);
      const text = await say(app, memberId, c.question);
      answers.set(c.id, text);
      grades.push(gradeAnswer(c, text));
    }
  } finally {
    app.close();
  }
  return { report: summarise(split, grades, cases), grades, answers };
}

const results = [];
for (const split of SPLITS) results.push(await runSplit(split));

if (json) {
  console.log(JSON.stringify(Object.fromEntries(results.map((r) => [r.report.split, r.report])), null, 2));
} else {
  for (const { report } of results) {
    console.log(`${report.split} (${report.answers} answers)`);
    console.log(`  facts carried:        ${(report.factsCarried * 100).toFixed(1)}%`);
    console.log(`  both sides named:     ${(report.bothSidesNamed * 100).toFixed(1)}% of ${report.disagreementQuestions} disagreement questions`);
    console.log(`  mean words:           ${report.meanWords}`);
    console.log(`  repeated sentences:   ${report.repeatedSentences}`);
    console.log(`  fragments:            ${report.fragments}`);
  }
  if (showMisses) {
    const tuning = results[0];
    for (const g of tuning?.grades ?? []) {
      if (!g.missingFacts.length && !g.missingSides.length && !g.repeated.length && !g.fragments.length) continue;
      console.log(`\n# ${g.id} (${g.words} words)`);
      for (const f of g.missingFacts) console.log(`  missing fact: ${f.join(' | ')}`);
      for (const s of g.missingSides) console.log(`  missing side: ${s}`);
      for (const [a, b] of g.repeated) console.log(`  repeated: "${a}" ~ "${b}"`);
      for (const f of g.fragments) console.log(`  fragment: ${f}`);
      if (process.env.EVAL_VERBOSE) console.log(tuning?.answers.get(g.id));
    }
  }
}
