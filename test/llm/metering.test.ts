import { afterEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { startRetentionSchedule } from '../../src/members/retention.ts';
import { inbound, storedTurns, testApp } from '../support/app.ts';
import { type FakeOpenAi, type RecordedRequest, type Responder, startFakeOpenAi } from '../support/fake-openai.ts';

/**
 * Every model call, from every command, counts against the member's
 * per-minute limit and daily token budget and is stored with its tokens.
 * Through the terminal chat's lines, the real SDK and the loopback model.
 */

let fake: FakeOpenAi;
let app: App;
let clock: number;

async function start(env: Record<string, string>) {
  fake = await startFakeOpenAi();
  clock = Date.parse('2026-11-23T10:00:00Z');
  app = testApp({ OPENAI_BASE_URL: fake.baseURL, ...env }, { now: () => clock });
}

afterEach(async () => {
  app.close();
  await fake.close();
  expect(fake.unexpected).toEqual([]);
});

const MEMBER = 'mo';
const say = async (text: string) => handleLine(app.commands, app.core, inbound(text, MEMBER, `terminal:${MEMBER}`));

const promptOf = (request: RecordedRequest) => (request.body.messages as { content: string }[]).map((m) => m.content).join('\n');

const SCORES_JSON = JSON.stringify({
  scores: { Structure: 4, 'Technical depth': 3, Evidence: 4, 'Career-change framing': 5 },
  strong: ['A clear bridge from backend work'],
  add: ['A figure you can stand behind'],
  outline: ['What you built', 'What it taught you', 'Where ML fits'],
});

/** A good reply for whichever command asked: scores as JSON for practice, prose for the rest. */
const goodReply = (request: RecordedRequest) =>
  promptOf(request).includes('<member_answer>') ? { text: SCORES_JSON } : { text: 'Lead with the payments API you ran in production for six years.' };

/** Each model-using command once: framing, a practice answer, a CV rewrite, a summary and a question. */
const ROUND: string[][] = [
  ['/interview frame question:"Why are you leaving backend development?"'],
  ['/interview practice topic:career-story', 'I ran a payments API in Go for six years and now build a churn model to move into ML platform work.'],
  ['/resume rewrite bullet:"Built a payments API in Go serving 2,000 requests/s"'],
  ['/resume summary'],
  ['What do ML engineers earn in the UK?'],
];

type CallRow = { purpose: string; status: string; prompt_tokens: number; completion_tokens: number; estimated: number };
const calls = () =>
  app.db.$client
    .prepare('SELECT purpose, status, prompt_tokens, completion_tokens, estimated FROM model_calls WHERE member_id = ? ORDER BY id')
    .all(MEMBER) as CallRow[];
const practiceStatuses = () => app.db.$client.prepare('SELECT status FROM practice_sessions WHERE member_id = ? ORDER BY id').pluck().all(MEMBER) as string[];

describe('with MEMBER_MESSAGES_PER_MINUTE=2 and MEMBER_DAILY_TOKENS=400', () => {
  it('lets through two model calls a minute from all commands together, and stores nothing for the refused ones', async () => {
    await start({ MEMBER_MESSAGES_PER_MINUTE: '2', MEMBER_DAILY_TOKENS: '400' });
    await say('/profile set role:"Backend engineer" years:6 stack:Go track:ml-platform');
    fake.respondWith(...Array.from({ length: 30 }, (): Responder => goodReply));

    // 22 model-using lines within one minute, as in the report.
    const replies: string[] = [];
    for (let i = 0; i < 4; i++) {
      for (const lines of ROUND) for (const line of lines) replies.push((await say(line)).text);
      clock += 2_000;
    }
    replies.push((await say('/resume summary')).text, (await say('/resume summary')).text);

    expect(fake.requests).toHaveLength(2);
    const refusals = replies.filter((text) => /limit is 2 requests a minute.*Try again in \d+ seconds?\./s.test(text));
    expect(refusals).toHaveLength(20);
    expect(calls().map((c) => c.purpose)).toEqual(['interview-frame', 'practice-score']);
    expect(calls().every((c) => c.status === 'answered' && c.prompt_tokens === 100 && c.completion_tokens === 20 && c.estimated === 0)).toBe(true);
    // A refused practice answer is not scored: the question stays open until the next one replaces it.
    expect(practiceStatuses()).toEqual(['answered', 'abandoned', 'abandoned', 'asked']);
    expect(storedTurns(app)).toEqual([]);

    // A minute later the member may go on.
    clock += 60_000;
    fake.discardQueued();
    fake.respondWith({ text: SCORES_JSON });
    expect((await say('I built and ran a Go payments API for six years; my churn model is next.')).text).toMatch(/Career-change framing: \d\/5/);
    expect(fake.requests).toHaveLength(3);
  });

  it('stops calling the model once 400 tokens are used, and every command says it answered offline', async () => {
    await start({ MEMBER_MESSAGES_PER_MINUTE: '2', MEMBER_DAILY_TOKENS: '400' });
    await say('/profile set role:"Backend engineer" years:6 stack:Go track:ml-platform');
    fake.respondWith(...Array.from({ length: 30 }, (): Responder => goodReply));

    const replies: { line: string; text: string; mode: string | undefined }[] = [];
    for (let i = 0; i < 4; i++) {
      for (const lines of ROUND) {
        for (const line of lines) {
          const reply = await say(line);
          replies.push({ line, text: reply.text, mode: reply.mode });
        }
        clock += 61_000;
      }
    }

    // 120 tokens a call: the calls at 0, 120, 240 and 360 tokens go out, then the budget is spent.
    expect(fake.requests).toHaveLength(4);
    const stored = calls();
    expect(stored).toHaveLength(4);
    const reported = fake.requests.length * (100 + 20);
    expect(stored.reduce((sum, c) => sum + c.prompt_tokens + c.completion_tokens, 0)).toBe(reported);

    const afterBudget = replies.slice(-ROUND.flat().length);
    for (const { line, text, mode } of afterBudget) {
      if (line === '/interview practice topic:career-story') continue;
      expect(text, line).toMatch(/used today's model budget \(400 tokens\).*It resets at 00:00 UTC\./s);
      expect(mode, line).toBe('offline');
    }
    const summary = afterBudget.find((r) => r.line === '/resume summary');
    expect(summary?.text).toContain('Backend engineer with 6 years');
    const rewrite = afterBudget.find((r) => r.line.startsWith('/resume rewrite'));
    expect(rewrite?.text).toContain('offline mode');
    const scored = afterBudget.find((r) => r.line.startsWith('I ran'));
    expect(scored?.text).toContain('Scored offline by a heuristic');
  });
});

describe('usage an endpoint does not report properly', () => {
  /** Four bytes of UTF-8 a token, plus four a message: the documented estimate. */
  const estimate = (text: string) => Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
  const promptEstimate = (request: RecordedRequest) => (request.body.messages as { content: string }[]).reduce((sum, m) => sum + 4 + estimate(m.content), 0);

  const TEXT = 'Lead with the payments API you ran in production for six years.';
  const body = (usage: unknown) =>
    JSON.stringify({
      id: 'x',
      object: 'chat.completion',
      model: 'coach-model',
      choices: [{ index: 0, message: { role: 'assistant', content: TEXT } }],
      ...(usage === undefined ? {} : { usage }),
    });

  it.each([
    ['left out', undefined],
    ['negative', { prompt_tokens: -5000, completion_tokens: -20 }],
    ['not numbers', { prompt_tokens: 'NaN', completion_tokens: null }],
    ['zero for a real prompt and reply', { prompt_tokens: 0, completion_tokens: 0 }],
  ])('is estimated from the text when %s, and the budget still runs out', async (_name, usage) => {
    await start({ MEMBER_MESSAGES_PER_MINUTE: '2', MEMBER_DAILY_TOKENS: '400' });
    fake.respondWith(...Array.from({ length: 12 }, (): Responder => ({ raw: body(usage) })));
    for (let i = 0; i < 12; i++) {
      await say('/resume rewrite bullet:"Built a payments API in Go serving 2,000 requests/s"');
      clock += 61_000;
    }
    const stored = calls();
    expect(fake.requests.length).toBeLessThan(12);
    expect(stored).toHaveLength(fake.requests.length);
    stored.forEach((call, i) => {
      const request = fake.requests[i] as RecordedRequest;
      expect(call).toEqual({
        purpose: 'resume-rewrite',
        status: 'answered',
        prompt_tokens: promptEstimate(request),
        completion_tokens: estimate(TEXT),
        estimated: 1,
      });
    });
  });

  it('never stores a negative count for an answer, and the next questions stay within the budget', async () => {
    await start({ MEMBER_MESSAGES_PER_MINUTE: '2', MEMBER_DAILY_TOKENS: '400' });
    fake.respondWith(...Array.from({ length: 10 }, (): Responder => ({ raw: body({ prompt_tokens: -100000, completion_tokens: -1 }) })));
    for (let i = 0; i < 10; i++) {
      await say(i % 2 ? 'How long does the switch to ML take?' : 'What do ML engineers earn in the UK?');
      clock += 61_000;
    }
    expect(fake.requests.length).toBeLessThan(10);
    const turns = storedTurns(app);
    expect(turns).toHaveLength(10);
    expect(turns.every((t) => t.prompt_tokens >= 0 && t.completion_tokens >= 0)).toBe(true);
    expect(turns.filter((t) => t.mode === 'llm').map((t) => t.prompt_tokens)).toEqual(calls().map((c) => c.prompt_tokens));
  });
});

describe('model-call records', () => {
  it('expire with turns after RETENTION_DAYS', async () => {
    await start({});
    fake.respondWith(goodReply);
    await say('/resume rewrite bullet:"Built a payments API in Go serving 2,000 requests/s"');
    expect(calls()).toHaveLength(1);
    clock += 366 * 86_400_000;
    startRetentionSchedule(app.core, 365).stop();
    expect(calls()).toEqual([]);
  });
});
