// `npm run eval:interview [--json]`: scores every answer of test/fixtures/interview-calibration.json through the
// practice flow (a question asked, the answer typed next), offline and through a scripted model that gives 5/5
// to everything, and prints how many scores fall inside the expected band per criterion.
import { readFileSync } from 'node:fs';
import type { App } from '../src/main.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../test/support/fake-openai.ts';
import { evalApp, say } from './eval-app.ts';

type Band = [number, number];
type Case = { question: string; kind: string; answer: string; expected: Record<string, Band> };
const { cases } = JSON.parse(readFileSync(new URL('../test/fixtures/interview-calibration.json', import.meta.url), 'utf8')) as { cases: Case[] };
const asJson = process.argv.includes('--json');
const CRITERIA = ['Structure', 'Technical depth', 'Evidence', 'Career-change framing'];

/** A model that rates every answer 5/5, quoting its opening words: the floors and quote checks must hold against it. */
function generousModel(fake: FakeOpenAi): void {
  fake.respondWith((request) => {
    const prompt = String(request.body.messages.at(-1)?.content ?? '');
    const answer = /<member_answer>\n([\s\S]*?)\n<\/member_answer>/.exec(prompt)?.[1] ?? '';
    const opening = answer.split(/\s+/).slice(0, 6).join(' ');
    const scores = Object.fromEntries(CRITERIA.map((c) => [c, 5]));
    const quotes = Object.fromEntries(CRITERIA.map((c) => [c, opening]));
    return { text: JSON.stringify({ scores, quotes, strong: ['Excellent answer'], add: ['Nothing'], outline: ['Say it again', 'The same way'] }) };
  });
}

async function scoreThroughPractice(app: App, c: Case, i: number): Promise<Record<string, number>> {
  const member = `cal-${i}`;
  app.db.$client
    .prepare("INSERT INTO practice_sessions (member_id, conversation_id, question_id, status, asked_at) VALUES (?, ?, ?, 'asked', ?)")
    .run(member, `dm:${member}`, c.question, Date.now());
  // An empty message is not delivered by any door; a single space stands for it.
  await say(app, member, c.answer.trim() ? c.answer : ' ');
  const row = app.db.$client.prepare('SELECT scores FROM practice_sessions WHERE member_id = ? ORDER BY id DESC LIMIT 1').get(member) as {
    scores: string | null;
  };
  return row.scores ? (JSON.parse(row.scores) as Record<string, number>) : {};
}

type Result = {
  scores: number;
  inBand: number;
  answers: number;
  answersAllInBand: number;
  byKind: Record<string, { answers: number; allInBand: number }>;
  misses: string[];
};

async function run(mode: 'offline' | 'model'): Promise<Result> {
  const fake = mode === 'model' ? await startFakeOpenAi() : undefined;
  const app = evalApp(fake?.baseURL);
  const result: Result = { scores: 0, inBand: 0, answers: 0, answersAllInBand: 0, byKind: {}, misses: [] };
  try {
    for (const [i, c] of cases.entries()) {
      if (fake) generousModel(fake);
      const got = await scoreThroughPractice(app, c, i);
      let all = true;
      for (const criterion of CRITERIA) {
        const [lo, hi] = c.expected[criterion] ?? [1, 5];
        const score = got[criterion];
        result.scores++;
        if (score !== undefined && score >= lo && score <= hi) result.inBand++;
        else {
          all = false;
          result.misses.push(`${c.question} (${c.kind}) ${criterion}: ${score ?? 'none'} not in ${lo}-${hi}`);
        }
      }
      result.answers++;
      if (all) result.answersAllInBand++;
      const k = result.byKind[c.kind] ?? { answers: 0, allInBand: 0 };
      result.byKind[c.kind] = k;
      k.answers++;
      if (all) k.allInBand++;
    }
  } finally {
    app.close();
    await fake?.close();
  }
  return result;
}

const offline = await run('offline');
const model = await run('model');
const summary = (r: Result) => ({ ...r, agreement: Math.round((1000 * r.inBand) / Math.max(1, r.scores)) / 10 });
if (asJson) console.log(JSON.stringify({ questions: new Set(cases.map((c) => c.question)).size, offline: summary(offline), model: summary(model) }, null, 2));
else {
  console.log(`${cases.length} answers to ${new Set(cases.map((c) => c.question)).size} questions`);
  for (const [name, r] of [
    ['offline', offline],
    ['scripted model (5/5 for everything)', model],
  ] as const) {
    console.log(`${name}: ${r.inBand}/${r.scores} scores in band (${summary(r).agreement} %), ${r.answersAllInBand}/${r.answers} answers fully in band`);
    console.log(
      `  by kind: ${Object.entries(r.byKind)
        .map(([k, v]) => `${k} ${v.allInBand}/${v.answers}`)
        .join(', ')}`,
    );
    if (process.env.EVAL_VERBOSE) for (const m of r.misses) console.log(`  miss: ${m}`);
  }
}
