import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/core/types.ts';
import { createOpenAiLlm } from '../../src/llm/client.ts';
import { createMeteredLlm } from '../../src/llm/metered.ts';
import type { App } from '../../src/main.ts';
import { inbound, testApp } from '../support/app.ts';
import { type Responder, startFakeOpenAi } from '../support/fake-openai.ts';

/**
 * Every path that calls the model, against every way the model can fail,
 * through the real SDK and the loopback fake: the member gets a (retried)
 * model answer or the offline one with its notice, the action is stored
 * exactly once, and the fake saw as many attempts as the retry policy allows.
 */

type Row = { mode: string };

type ModelPath = {
  name: string;
  /** Commands that set the scene; none of them calls the model. */
  prepare: string[];
  line: (app: App) => string;
  /** A good model reply for this path. */
  success: (app: App) => Responder;
  /** What the member sees when the model answered. */
  answered: (reply: Reply) => void;
  /** The one-line notice of the offline answer. */
  offlineNotice: RegExp;
  /** Whether the action stores a row (a turn, an answered practice session) or nothing. */
  storesRows: boolean;
  /** The member's rows this action stored. */
  stored: (app: App, member: string) => Row[];
};

const turns = (app: App, member: string) => app.db.$client.prepare('SELECT mode FROM turns WHERE member_id = ?').all(member) as Row[];
const firstMilestone = (app: App) => app.core.roadmaps.milestones('ml-platform')[0];

const SCORES_JSON = JSON.stringify({
  scores: { Structure: 4, 'Technical depth': 3, Evidence: 4, 'Career-change framing': 5 },
  // Scores count only with the words of the answer behind them.
  quotes: {
    Structure: 'I built a payments API',
    'Technical depth': 'ran it in production',
    Evidence: 'ran it in production for six years',
    'Career-change framing': 'move toward ML platform work',
  },
  strong: ['A clear bridge from backend work'],
  add: ['A figure you can stand behind'],
  outline: ['What you built', 'What it taught you', 'Where ML fits'],
});

const PATHS: ModelPath[] = [
  {
    name: 'a free-text answer',
    prepare: [],
    line: () => 'What do ML engineers earn in the UK?',
    success: () => ({ text: 'Entry-level ML engineers in the UK start at around £40,000.' }),
    answered: (reply) => expect(reply.text).toContain('start at around £40,000'),
    offlineNotice: /^The language model .*straight from the guides\.$/m,
    storesRows: true,
    stored: turns,
  },
  {
    name: 'an answer with a tool-call proposal',
    prepare: ['/profile set track:ml-platform'],
    line: (app) => `I just finished ${firstMilestone(app)?.title}`,
    success: (app) => ({
      text: 'Well done.',
      toolCalls: [{ name: 'propose_milestone_done', arguments: JSON.stringify({ milestone_id: firstMilestone(app)?.id }) }],
    }),
    answered: (reply) => expect(reply.text).toMatch(/Shall I mark \*\*.+\*\*/),
    offlineNotice: /^The language model .*straight from the guides\.$/m,
    storesRows: true,
    stored: turns,
  },
  {
    name: 'interview practice scoring',
    prepare: ['/interview practice topic:career-story'],
    line: () => 'I built a payments API in Go and ran it in production for six years; now I am building a churn model to move toward ML platform work.',
    success: () => ({ text: SCORES_JSON }),
    answered: (reply) => expect(reply.text).toContain('Career-change framing: 5/5'),
    offlineNotice: /^\(Scored offline by a heuristic/m,
    storesRows: true,
    stored: (app, member) => app.db.$client.prepare("SELECT mode FROM practice_sessions WHERE member_id = ? AND status = 'answered'").all(member) as Row[],
  },
  {
    name: 'interview framing',
    prepare: [],
    line: () => '/interview frame question:"Why are you leaving backend development?"',
    success: () => ({ text: 'Move toward ML: your production years are the bridge.' }),
    answered: (reply) => expect(reply.text).toContain('your production years are the bridge'),
    offlineNotice: /^The language model .*straight from the guides\.$/m,
    // Framing is advice on demand, not a conversation turn: nothing is stored either way.
    storesRows: false,
    stored: turns,
  },
  {
    name: 'a resume rewrite',
    prepare: [],
    line: () => '/resume rewrite bullet:"Built a payments API in Go serving 2,000 requests/s"',
    success: () => ({ text: '- Built and ran a payments API in Go serving 2,000 requests/s, ready to serve models' }),
    answered: (reply) => expect(reply.text).toContain('ready to serve models'),
    offlineNotice: /^Rewritten from the guides’ advice \(offline mode/,
    storesRows: false,
    stored: turns,
  },
];

type Fault = {
  name: string;
  responses: (success: Responder) => Responder[];
  outcome: 'llm' | 'offline';
  attempts: number;
  timeoutMs?: number;
  only?: string;
};

const INVALID_PROPOSAL = { name: 'propose_milestone_done', arguments: '{"milestone_id": ' };
const NO_CHOICES = JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: 'coach-model', choices: [] });

const FAULTS: Fault[] = [
  { name: '429 with Retry-After, then success', responses: (ok) => [{ status: 429, headers: { 'retry-after': '1' } }, ok], outcome: 'llm', attempts: 2 },
  { name: '429 on every attempt', responses: () => [{ status: 429 }, { status: 429 }, { status: 429 }], outcome: 'offline', attempts: 3 },
  { name: '500, 502 and 503', responses: () => [{ status: 500 }, { status: 502 }, { status: 503 }], outcome: 'offline', attempts: 3 },
  { name: '502, then success', responses: (ok) => [{ status: 502 }, ok], outcome: 'llm', attempts: 2 },
  {
    name: 'a connection reset on every attempt',
    responses: () => [{ destroy: 'before-response' }, { destroy: 'before-response' }, { destroy: 'before-response' }],
    outcome: 'offline',
    attempts: 3,
  },
  { name: 'a socket destroyed mid-response, then success', responses: (ok) => [{ destroy: 'mid-body' }, ok], outcome: 'llm', attempts: 2 },
  { name: 'a hang past the deadline', responses: () => [{ hang: true }], outcome: 'offline', attempts: 1, timeoutMs: 1500 },
  {
    name: 'a 200 with malformed JSON on every attempt',
    responses: () => Array.from({ length: 3 }, () => ({ raw: '{"id":"chatcmpl-1","choices":[{"message":{"content":"cut' })),
    outcome: 'offline',
    attempts: 3,
  },
  { name: 'a 200 with choices: []', responses: () => [{ raw: NO_CHOICES }], outcome: 'offline', attempts: 1 },
  { name: 'a 200 with null content', responses: () => [{ text: '' }], outcome: 'offline', attempts: 1 },
  { name: 'a 200 with blank content', responses: () => [{ text: '  \n ' }], outcome: 'offline', attempts: 1 },
  {
    name: 'only a tool call with invalid JSON arguments',
    responses: () => [{ text: '', toolCalls: [INVALID_PROPOSAL] }],
    outcome: 'offline',
    attempts: 1,
  },
  {
    name: 'scores that fail the schema',
    only: 'interview practice scoring',
    responses: () => [{ text: SCORES_JSON.replace('"Structure":4', '"Structure":9') }],
    outcome: 'offline',
    attempts: 1,
  },
  { name: 'prose instead of scores', only: 'interview practice scoring', responses: () => [{ text: 'Great answer, 10/10!' }], outcome: 'offline', attempts: 1 },
];

/**
 * One app per path; each case gets its own loopback model and a new member,
 * so cases share nothing they count and can run side by side.
 */
function useModelPath(path: ModelPath) {
  let app: App;
  let members = 0;
  beforeAll(() => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
  });
  afterAll(() => app.close());

  return async (fault: Fault) => {
    const fake = await startFakeOpenAi();
    try {
      const endpoint = createOpenAiLlm({ apiKey: 'sk-test', baseURL: fake.baseURL, model: 'coach-model', timeoutMs: fault.timeoutMs ?? 4000, retryBaseMs: 10 });
      const llm = createMeteredLlm({ llm: endpoint, db: app.db, limits: app.core.limits, now: app.core.now });
      const deps = { ...app.core, llm };
      const member = `member-${++members}`;
      const say = (text: string) => handleLine(app.commands, deps, inbound(text, member, `dm:${member}`));
      for (const line of path.prepare) await say(line);
      expect(fake.requests).toEqual([]);
      fake.respondWith(...fault.responses(path.success(app)));
      const reply = await say(path.line(app));
      expect(fake.unexpected).toEqual([]);
      return { reply, attempts: fake.requests.length, rows: path.stored(app, member), app, member };
    } finally {
      await fake.close();
    }
  };
}

describe.each(PATHS)('$name', (path) => {
  const memberSays = useModelPath(path);

  it.concurrent.each(FAULTS.filter((f) => !f.only || f.only === path.name))('$name', async (fault) => {
    const { reply, attempts, rows } = await memberSays(fault);

    expect(attempts).toBe(fault.attempts);
    expect(reply.mode).toBe(fault.outcome);
    if (fault.outcome === 'llm') {
      path.answered(reply);
      expect(reply.text).not.toMatch(path.offlineNotice);
    } else {
      expect(reply.text).toMatch(path.offlineNotice);
      expect(reply.text.replace(path.offlineNotice, '').trim().length).toBeGreaterThan(100);
    }
    expect(rows).toEqual(path.storesRows ? [{ mode: fault.outcome }] : []);
  });
});

describe('a tool call with invalid arguments beside text', () => {
  const path = PATHS[1] as ModelPath;
  const memberSays = useModelPath(path);

  it('answers with the text and proposes nothing', async () => {
    const { reply, attempts, rows, app, member } = await memberSays({
      name: 'invalid arguments',
      responses: () => [{ text: 'Well done on finishing it.', toolCalls: [INVALID_PROPOSAL] }],
      outcome: 'llm',
      attempts: 1,
    });
    expect(attempts).toBe(1);
    expect(reply.mode).toBe('llm');
    expect(reply.text).toContain('Well done on finishing it.');
    expect(reply.text).not.toContain('Shall I mark');
    expect(reply.proposal).toBeUndefined();
    expect(app.db.$client.prepare('SELECT * FROM proposals WHERE member_id = ?').all(member)).toEqual([]);
    expect(rows).toEqual([{ mode: 'llm' }]);
  });
});
