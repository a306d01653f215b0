// Times the core's overhead per answer with a model that answers instantly:
// retrieval, prompt assembly, the citation check and storing the turn, with
// 10,000 turns already stored. Counts prompt tokens per answer with a real
// tokenizer, against pasting every guide. Prints figures; asserts nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { answerQuestion } from '../src/answer/answer.ts';
import { parseConfig } from '../src/config.ts';
import type { Inbound } from '../src/core/types.ts';
import type { ChatMessage, Llm } from '../src/llm/client.ts';
import { createLogger } from '../src/log.ts';
import { type App, createApp } from '../src/main.ts';
import { fixtureQuestions, seededRandom } from './support.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ENCODING = 'o200k_base';
const SEEDED_TURNS = 10_000;
const SEEDED_MEMBERS = 500;
const SEEDED_CONVERSATIONS = 2_000;
const WARM_UP_CALLS = 50;
const TIMED_CALLS = 1_000;
const ASKING_MEMBERS = 200;
const DAY_MS = 86_400_000;

const questions = [...fixtureQuestions('retrieval-eval.json'), ...fixtureQuestions('retrieval-holdout.json')];


const FILLER = [
  'Most backend engineers already have the production half of the job: APIs, queues, monitoring and on-call.',
  'The gap is usually the modelling side: statistics, evaluation and knowing when a model is good enough to ship.',
  'The guides differ on timelines, from about 90 days for a first role to twelve months for a full switch.',
  'Pick one portfolio project that serves a model behind an API you built, with tests and a written evaluation.',
  'In the UK the bands start lower than senior backend pay for a first ML role, then catch up within two years.',
  'On your CV, lead with the systems you scaled and the data pipelines you owned, then the ML work.',
  'Interview loops add an ML system design round and a modelling round to the usual coding rounds.',
];

/** A plausible stored answer: 3–7 sentences with a couple of citations, like the model writes. */
function fakeAnswer(next: () => number, chunkIds: string[]): string {
  const sentences = 3 + Math.floor(next() * 5);
  const parts: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const line = FILLER[Math.floor(next() * FILLER.length)] ?? '';
    const cite = chunkIds[Math.floor(next() * chunkIds.length)];
    parts.push(cite && next() < 0.5 ? `${line} [${cite}]` : line);
  }
  return parts.join(' ');
}

/** 10,000 turns over ~500 members and ~2,000 conversations, spread over the past week, in one transaction. */
function seedTurns(app: App): void {
  const next = seededRandom(42);
  const chunkIds = (app.db.$client.prepare('select id from knowledge_chunks').all() as { id: string }[]).map((r) => r.id);
  const now = Date.now();
  app.db.$client.transaction(() => {
    for (let i = 0; i < SEEDED_TURNS; i++) {
      const conversation = i % SEEDED_CONVERSATIONS;
      const retrieved = Array.from({ length: 5 }, () => chunkIds[Math.floor(next() * chunkIds.length)] ?? '');
      const llm = next() < 0.8;
      app.core.turns.store({
        memberId: `member-${conversation % SEEDED_MEMBERS}`,
        conversationId: `conversation-${conversation}`,
        question: questions[Math.floor(next() * questions.length)] ?? '',
        answer: fakeAnswer(next, retrieved),
        chunkIds: retrieved,
        citedIds: retrieved.slice(0, 2),
        mode: llm ? 'llm' : 'offline',
        model: llm ? 'gpt-4o-mini' : null,
        promptTokens: llm ? 900 + Math.floor(next() * 600) : 0,
        completionTokens: llm ? 150 + Math.floor(next() * 200) : 0,
        latencyMs: llm ? 800 + Math.floor(next() * 3000) : 2,
        createdAt: new Date(now - 7 * DAY_MS + (i / SEEDED_TURNS) * 7 * DAY_MS - 60_000),
      });
    }
  })();
}

/** Excerpts start a line with `[file/heading]`; the system prompt's example id does not. */
const EXCERPT_ID = /^\[([a-z0-9][a-z0-9-]*\/[a-z0-9-]+)\] /m;

/** A model that answers at once, citing the first excerpt; it keeps what it was sent for counting later. */
function instantLlm(): Llm & { sent: ChatMessage[][] } {
  const sent: ChatMessage[][] = [];
  return {
    model: 'instant',
    sent,
    async complete(messages) {
      sent.push(messages);
      const prompt = messages.at(-1)?.content ?? '';
      const id = EXCERPT_ID.exec(prompt)?.[1];
      const chars = messages.reduce((n, m) => n + m.content.length, 0);
      return {
        text: `Most of what you need carries over from backend work; start with the evaluation basics${id ? ` [${id}]` : ''}.`,
        model: 'instant',
        toolCalls: [],
        // Rough figures for the turn row; the benchmark counts real tokens afterwards, outside the timing.
        usage: { promptTokens: Math.ceil(chars / 4), completionTokens: 20 },
      };
    },
  };
}

/**
 * Calls cycle through the questions and 200 members. Even calls open a new
 * conversation; odd calls continue their member's thread, so it has history.
 */
function inbound(prefix: string, i: number): Inbound {
  const member = i % ASKING_MEMBERS;
  const conversationId = i % 2 === 0 ? `${prefix}-dm-${i}` : `${prefix}-thread-${member}`;
  return {
    memberId: `member-${member}`,
    origin: { kind: 'dm', conversationId },
    text: questions[i % questions.length] ?? '',
  };
}

type Timing = { p50: number; p99: number; mean: number };

async function timeAnswers(app: App, prefix: string, afterWarmUp: () => void = () => {}): Promise<Timing> {
  for (let i = 0; i < WARM_UP_CALLS; i++) await answerQuestion(app.core, inbound(`${prefix}-warm`, i));
  afterWarmUp();
  const samples: number[] = [];
  for (let i = 0; i < TIMED_CALLS; i++) {
    const message = inbound(prefix, i);
    const start = performance.now();
    await answerQuestion(app.core, message);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const fmt = (r: Timing) => `p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  mean ${r.mean.toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'pivot-answer-bench-'));
try {
  const config = parseConfig({
    DATABASE_PATH: join(dir, 'pivot.db'),
    LOG_LEVEL: 'silent',
    MEMBER_MESSAGES_PER_MINUTE: '1000',
    MEMBER_DAILY_TOKENS: '10000000',
  });
  const log = createLogger('silent');
  const now = () => Date.now();

  const llm = instantLlm();
  const app = createApp({ config, log, llm, now });
  const seedStart = performance.now();
  seedTurns(app);
  const seedMs = performance.now() - seedStart;
  const stored = app.db.$client.prepare('select count(*) as n from turns').get() as { n: number };
  const online = await timeAnswers(app, 'llm', () => {
    llm.sent.length = 0;
  });
  app.close();

  // Same database, model switched off: the answer is composed from the excerpts.
  const offlineApp = createApp({ config, log, llm: null, now });
  const offline = await timeAnswers(offlineApp, 'offline');
  offlineApp.close();

  const encoder = getEncoding(ENCODING);
  const timed = llm.sent;
  const tokens = timed
    .map((messages) => messages.reduce((n, m) => n + encoder.encode(m.content).length, 0))
    .sort((a, b) => a - b);
  const withHistory = timed.filter((m) => !(m.at(-1)?.content ?? '').includes('(nothing yet)')).length;
  const tokenMean = tokens.reduce((a, b) => a + b, 0) / Math.max(1, tokens.length);
  const tokenP50 = tokens[Math.floor(tokens.length / 2)] ?? 0;
  const tokenMax = tokens.at(-1) ?? 0;

  const seeds = resolve(ROOT, '../shared/seeds');
  let guides: string;
  try {
    const files = readdirSync(seeds)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const text = files.map((f) => readFileSync(join(seeds, f), 'utf8')).join('\n\n');
    guides = `${encoder.encode(text).length.toLocaleString('en-GB')} tokens (${files.length} guides concatenated)`;
  } catch {
    guides = 'guides not found';
  }

  console.log(
    `answers: ${app.knowledge.chunks} chunks; ${stored.n.toLocaleString('en-GB')} turns seeded in ${seedMs.toFixed(0)} ms; ` +
      `${TIMED_CALLS} timed calls after ${WARM_UP_CALLS} warm-up, ${questions.length} distinct questions, ${ASKING_MEMBERS} members`,
  );
  console.log(`answer, instant model          ${fmt(online)}`);
  console.log(`answer, offline (llm: null)    ${fmt(offline)}`);
  console.log(
    `prompt tokens per answer       mean ${tokenMean.toFixed(0)}  p50 ${tokenP50}  max ${tokenMax}  ` +
      `(${ENCODING}; ${tokens.length} model calls, ${withHistory} with history)`,
  );
  console.log(`every guide pasted instead     ${guides}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
