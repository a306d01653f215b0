import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/core/commands/dispatch.ts';
import { loadQuestionBank, TOPICS } from '../../src/interview/bank.ts';
import { scoreOffline } from '../../src/interview/score.ts';
import type { App } from '../../src/main.ts';
import { inbound, testApp, useAppWithModel } from '../support/app.ts';
import { runCli, tempDir } from '../support/cli.ts';
import { join } from 'node:path';

const bank = loadQuestionBank(new URL('../../knowledge/interview-questions.json', import.meta.url).pathname);

describe('the question bank', () => {
  it('has at least 40 questions across every topic, each with a rubric and sources', () => {
    expect(bank.length).toBeGreaterThanOrEqual(40);
    for (const topic of TOPICS) expect(bank.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(3);
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
  });
});

describe('offline scoring', () => {
  const question = bank.find((q) => q.topic === 'career-story') ?? bank[0];

  it('scores a thin answer low and a rubric-covering, evidenced answer higher', () => {
    if (!question) throw new Error('empty bank');
    const thin = scoreOffline(question, 'I like ML.');
    const keywords = question.rubric.flatMap((r) => r.keywords.slice(0, 2)).join(', ');
    const rich = scoreOffline(
      question,
      `First, I moved toward ML because of ${keywords}. For example, I built a fraud-scoring API in Go that served 2,000 requests per second, and I owned its monitoring. Then I shipped a churn model behind it as my portfolio project, so I learned evaluation and drift. As a result my backend production habits carry straight into ML platform work.`,
    );
    for (const criterion of ['Structure', 'Technical depth', 'Evidence', 'Career-change framing'] as const) {
      expect(rich.scores[criterion], criterion).toBeGreaterThan(thin.scores[criterion]);
    }
    expect(thin.add.length).toBeGreaterThan(0);
  });
});

describe('practice in the terminal chat (offline)', () => {
  let app: App;
  beforeEach(() => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
  });
  afterEach(() => app.close());
  const say = async (text: string) => (await handleLine(app.commands, app.core, inbound(text, 'pat', 'terminal:pat'))).text;

  it('asks a question, scores the next message on at least three criteria, and keeps history with a trend', async () => {
    await say('/profile set track:ml-platform');
    const asked = await say('/interview practice topic:mlops');
    expect(asked).toMatch(/Practice question \(mlops/);
    const feedback = await say('I would deploy the model behind an API with a canary rollout, monitor latency and drift, and roll back on alerts.');
    const scores = [...feedback.matchAll(/^(.+): (\d)\/5$/gm)];
    expect(scores.length).toBeGreaterThanOrEqual(3);
    expect(feedback).toContain('What to add');
    expect(feedback).toContain('A better outline:');
    expect(feedback).toMatch(/heuristic/);

    await say('/interview practice topic:mlops');
    await say('First, I built and deployed a model service with CI/CD. For example, we cut latency by 30% and I owned monitoring, drift alerts and rollback. As a result the team trusted releases.');
    const history = await say('/interview history');
    expect(history.match(/avg \d\.\d/g)?.length).toBe(2);
    expect(history).toMatch(/Trend: (improving|steady|down)/);
    const rows = app.db.$client.prepare("SELECT question_id, status FROM practice_sessions WHERE member_id = 'pat'").all() as { question_id: string; status: string }[];
    expect(rows.map((r) => r.status)).toEqual(['answered', 'answered']);
    expect(rows[0]?.question_id).not.toBe(rows[1]?.question_id);
  });

  it('treats a /command during practice as a command, not the answer', async () => {
    await say('/interview practice');
    expect(await say('/help')).toContain('/interview');
    expect(await say('my answer is about production systems and monitoring')).toMatch(/\/5/);
  });

  it('frames a career-change question with a bridge from the member’s own facts and cites the guides', async () => {
    await say('/profile set role:"Backend engineer" years:6 stack:"Go, PostgreSQL" track:ml-platform');
    const reply = await handleLine(app.commands, app.core, inbound('/interview frame question:"Why are you leaving backend development?"', 'pat', 'terminal:pat'));
    expect(reply.text).toContain('6 years as Backend engineer with Go, PostgreSQL');
    expect(reply.text).toMatch(/toward ML/);
    expect(reply.citations.length).toBeGreaterThan(0);
  });
});

describe('practice scored by a model', () => {
  const ctx = useAppWithModel();

  it('uses the model’s scores when valid and falls back to the heuristic when not', async () => {
    const say = async (text: string) => (await handleLine(ctx.app.commands, ctx.app.core, inbound(text, 'rae', 'dm:rae'))).text;
    await say('/interview practice topic:ml-fundamentals');
    ctx.fake.respondWith({
      text: '{"scores":{"Structure":4,"Technical depth":3,"Evidence":2,"Career-change framing":5},"strong":["clear definition"],"add":["an example"],"outline":["define it","give an example","say the trade-off"]}',
    });
    const scored = await say('Overfitting is when a model memorises noise in the training data.');
    expect(scored).toContain('Structure: 4/5');
    expect(scored).toContain('Career-change framing: 5/5');
    expect(scored).not.toMatch(/heuristic/);
    expect(ctx.fake.requests[0]?.body.messages[0].content).toContain('<member_answer>');

    await say('/interview practice topic:ml-fundamentals');
    ctx.fake.respondWith({ text: 'Great answer, 10/10!' });
    expect(await say('Regularisation adds a penalty.')).toMatch(/heuristic/);
  });
});

describe('practice over the CLI chat end to end', () => {
  it('runs the practice flow in a piped terminal chat', () => {
    const env = { DATABASE_PATH: join(tempDir(), 'pivot.db') };
    const result = runCli(['chat', '--member', 'cli-pat'], env, undefined, '/interview practice topic:behavioural\nI led an incident review and we cut alerts by half.\n/interview history\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Practice question \(behavioural/);
    expect(result.stdout).toMatch(/Structure: \d\/5/);
    expect(result.stdout).toMatch(/avg \d\.\d/);
  });
});
