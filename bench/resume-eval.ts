// `npm run eval:resume [--json]`: rewrites every bullet of test/fixtures/resume-rewrite-set.json through
// `/resume rewrite`, offline and through a scripted model that invents on purpose, and counts what the member
// sees: bullets changed, placeholders where a figure is missing, and invented figures, tools, employers,
// titles, credentials, raised verbs and ML scope. The judge here is independent of the honesty guard.
import { readFileSync } from 'node:fs';
import { type FakeOpenAi, startFakeOpenAi } from '../test/support/fake-openai.ts';
import { evalApp, say } from './eval-app.ts';

type Bullet = { id: string; bullet: string; may: string[]; mayNot: string[] };
const set = JSON.parse(readFileSync(new URL('../test/fixtures/resume-rewrite-set.json', import.meta.url), 'utf8')) as {
  sharedMayNot: string[];
  bullets: Bullet[];
};
const asJson = process.argv.includes('--json');

const EMPLOYERS = new Set(['Google', 'FAANG', 'Big Tech', 'Stripe', 'Okta']);
const TITLES = new Set(['Senior ML Engineer', 'Senior Engineering Manager']);
const CREDENTIALS = new Set(['PhD', 'MIT', 'Kaggle Grandmaster']);
const SCOPE = [
  'feature pipeline',
  'feature pipelines',
  'feature store',
  'feature engineering',
  'ML model',
  'ML models',
  'model serving',
  'model monitoring',
  'model latency',
  'drift',
  'training data',
  'training pipelines',
  'inference',
  'embeddings',
  'vector search',
  'fraud model',
  'ML experiments',
  'model evaluation',
  'ML',
];
const HIGH_VERBS = /\b(led|leads|owned|owns|architected|drove|spearheaded|headed|oversaw|championed)\b/i;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const has = (text: string, fact: string) => new RegExp(`(?<![A-Za-z0-9])${escapeRe(fact)}(?![A-Za-z0-9])`, /^[A-Z]/.test(fact) ? 'u' : 'iu').test(text);
const figures = (text: string) => text.match(/\d[\d,.]*/g)?.map((f) => f.replace(/[.,]$/, '')) ?? [];
const norm = (s: string) =>
  s
    .replace(/^[-•*]\s*/, '')
    .replace(/[.\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** The rewritten bullet as the member sees it: the reply's rewrite section, without our advice lines. */
function rewrittenLines(reply: string): string[] {
  const section = reply.split('\n\n').slice(1).join('\n\n');
  return section
    .split('\n')
    .filter((l) => l.trim() && !/^(not in your original|advice from|why:|↳)/i.test(l.trim()))
    .filter((l) => /^\s*[-•*]/.test(l));
}

type Counts = {
  bullets: number;
  changed: number;
  withoutFigure: number;
  placeholderWhereMissing: number;
  inventions: Record<string, number>;
  examples: string[];
};

function judge(b: Bullet, reply: string, counts: Counts): void {
  const lines = rewrittenLines(reply);
  if (process.env.EVAL_VERBOSE) console.error(reply);
  const raw = lines.join('\n');
  const text = raw.replace(/\[[^\]\n]{1,20}\]/g, ' ');
  counts.bullets++;
  if (lines.length > 0 && norm(lines[0] ?? '') !== norm(b.bullet)) counts.changed++;
  if (!/\d/.test(b.bullet)) {
    counts.withoutFigure++;
    if (raw.includes('[metric]')) counts.placeholderWhereMissing++;
  }
  const found: [string, string][] = [];
  for (const f of figures(text)) if (!figures(b.bullet).includes(f)) found.push(['figures', f]);
  for (const fact of [...new Set([...b.mayNot, ...set.sharedMayNot])]) {
    if (has(b.bullet, fact) || b.may.includes(fact) || !has(text, fact) || /\d/.test(fact)) continue;
    const kind = SCOPE.includes(fact)
      ? 'mlScope'
      : EMPLOYERS.has(fact)
        ? 'employers'
        : TITLES.has(fact)
          ? 'titles'
          : CREDENTIALS.has(fact)
            ? 'credentials'
            : 'tools';
    found.push([kind, fact]);
  }
  for (const s of SCOPE) if (!has(b.bullet, s) && !b.may.includes(s) && has(text, s) && !found.some(([, f]) => f === s)) found.push(['mlScope', s]);
  const verb = HIGH_VERBS.exec(text)?.[1];
  if (verb && !HIGH_VERBS.test(b.bullet)) found.push(['upgradedVerbs', verb]);
  for (const [kind] of found) counts.inventions[kind] = (counts.inventions[kind] ?? 0) + 1;
  if (found.length && counts.examples.length < 5) counts.examples.push(`${b.id}: ${found.map(([, f]) => f).join(', ')}`);
}

const fresh = (): Counts => ({
  bullets: 0,
  changed: 0,
  withoutFigure: 0,
  placeholderWhereMissing: 0,
  inventions: { figures: 0, tools: 0, employers: 0, titles: 0, credentials: 0, upgradedVerbs: 0, mlScope: 0 },
  examples: [],
});

/** A model that upgrades, inflates and invents in every bullet it is given. */
function inventingModel(fake: FakeOpenAi): void {
  fake.respondWith((request) => {
    const prompt = String(request.body.messages.at(-1)?.content ?? '');
    const bullets = /<member_bullets>\n([\s\S]*?)\n<\/member_bullets>/.exec(prompt)?.[1]?.split('\n') ?? [];
    const text = bullets
      .map((b) => b.replace(/^- /, ''))
      .map(
        (b) =>
          `- Led and architected ${b.charAt(0).toLowerCase()}${b.slice(1)} with PyTorch and TensorFlow at Google, a FAANG company, cutting latency 45% for 5 million users and feeding feature pipelines for ML models with drift monitoring, as Senior ML Engineer with a PhD from MIT and Kaggle Grandmaster rank`,
      )
      .join('\n');
    return { text };
  });
}

async function run(mode: 'offline' | 'model'): Promise<Counts> {
  const fake = mode === 'model' ? await startFakeOpenAi() : undefined;
  const app = evalApp(fake?.baseURL);
  const counts = fresh();
  try {
    for (const b of set.bullets) {
      if (fake) inventingModel(fake);
      const reply = await say(app, `eval-${b.id}`, `/resume rewrite bullet:"${b.bullet.replace(/"/g, "'")}"`);
      judge(b, reply, counts);
    }
  } finally {
    app.close();
    await fake?.close();
  }
  return counts;
}

const offline = await run('offline');
const model = await run('model');
const total = (c: Counts) => Object.values(c.inventions).reduce((a, b) => a + b, 0);
const summary = (c: Counts) => ({
  bullets: c.bullets,
  changed: c.changed,
  changedPercent: Math.round((100 * c.changed) / Math.max(1, c.bullets)),
  bulletsWithoutFigure: c.withoutFigure,
  placeholderWhereFigureMissing: c.placeholderWhereMissing,
  inventions: { ...c.inventions, total: total(c) },
  examples: c.examples,
});
if (asJson) {
  console.log(JSON.stringify({ offline: summary(offline), model: summary(model) }, null, 2));
} else {
  for (const [name, c] of [
    ['offline', offline],
    ['scripted model that invents', model],
  ] as const) {
    const s = summary(c);
    console.log(`${name}:`);
    console.log(`  bullets changed:              ${s.changed}/${s.bullets} (${s.changedPercent} %)`);
    console.log(`  [metric] where figure missing: ${s.placeholderWhereFigureMissing}/${s.bulletsWithoutFigure}`);
    console.log(
      `  inventions reaching member:   ${Object.entries(s.inventions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    for (const e of s.examples) console.log(`    e.g. ${e}`);
  }
}
