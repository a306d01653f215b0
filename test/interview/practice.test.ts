import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import { loadQuestionBank, TOPICS } from '../../src/interview/bank.ts';
import { formatFeedback, scoreOffline } from '../../src/interview/score.ts';
import type { App } from '../../src/main.ts';
import { inbound, testApp, useAppWithModel } from '../support/app.ts';
import { runCli, tempDir } from '../support/cli.ts';

const bank = loadQuestionBank(new URL('../../knowledge/interview-questions.json', import.meta.url).pathname);

describe('the question bank', () => {
  it('has at least 40 questions across every topic, each with a rubric and sources', async () => {
    expect(bank.length).toBeGreaterThanOrEqual(40);
    for (const topic of TOPICS) expect(bank.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(3);
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
  });
});

describe('offline scoring', () => {
  const question = bank.find((q) => q.topic === 'career-story') ?? bank[0];

  it('scores a thin answer low and a rubric-covering, evidenced answer higher', async () => {
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
  beforeEach(async () => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
  });
  afterEach(() => app.close());
  const say = async (text: string) => (await handleLine(app.commands, app.core, inbound(text, 'pat', 'terminal:pat'))).text;

  it('asks a question, scores the next message on at least three criteria, and keeps history with a trend', async () => {
    await say('/profile set track:ml-platform');
    const asked = await say('/interview practice topic:mlops');
    expect(asked).toMatch(/Practice question \(mlops/);
    const feedback = await say('I would deploy the model behind an API with a canary rollout, monitor latency and drift, and roll back on alerts.');
    const scores = [...feedback.matchAll(/^(.+): (\d)\/5 — /gm)];
    expect(scores.length).toBeGreaterThanOrEqual(3);
    expect(feedback).toContain('What to add');
    expect(feedback).toContain('A better outline:');
    expect(feedback).toMatch(/heuristic/);

    await say('/interview practice topic:mlops');
    await say(
      'First, I built and deployed a model service with CI/CD. For example, we cut latency by 30% and I owned monitoring, drift alerts and rollback. As a result the team trusted releases.',
    );
    const history = await say('/interview history');
    expect(history.match(/avg \d\.\d/g)?.length).toBe(2);
    expect(history).toMatch(/Trend: (improving|steady|down)/);
    const rows = app.db.$client.prepare("SELECT question_id, status FROM practice_sessions WHERE member_id = 'pat'").all() as {
      question_id: string;
      status: string;
    }[];
    expect(rows.map((r) => r.status)).toEqual(['answered', 'answered']);
    expect(rows[0]?.question_id).not.toBe(rows[1]?.question_id);
  });

  it('stores each question asked, one left open as abandoned, and the answer with its scores and feedback', async () => {
    const at = Date.UTC(2026, 10, 23, 9);
    const fixed = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => at });
    try {
      const ask = async (text: string) => (await handleLine(fixed.commands, fixed.core, inbound(text, 'pat', 'terminal:pat'))).text;
      await ask('/interview practice topic:mlops');
      await ask('/interview practice topic:mlops');
      const feedback = await ask('I would deploy the model behind an API with a canary rollout and monitor drift.');
      const rows = fixed.db.$client.prepare('SELECT * FROM practice_sessions ORDER BY id').all() as Record<string, unknown>[];
      expect(rows.map(({ question_id, scores, ...rest }) => rest)).toEqual([
        {
          id: 1,
          member_id: 'pat',
          conversation_id: 'terminal:pat',
          status: 'abandoned',
          answer: null,
          feedback: null,
          mode: null,
          asked_at: at,
          answered_at: null,
        },
        {
          id: 2,
          member_id: 'pat',
          conversation_id: 'terminal:pat',
          status: 'answered',
          answer: 'I would deploy the model behind an API with a canary rollout and monitor drift.',
          feedback,
          mode: 'offline',
          asked_at: at,
          answered_at: at,
        },
      ]);
      expect(rows[0]?.scores).toBeNull();
      const scores = JSON.parse(String(rows[1]?.scores)) as Record<string, number>;
      for (const [criterion, score] of Object.entries(scores)) expect(feedback).toContain(`${criterion}: ${score}/5`);
      expect(await ask('/interview history')).toContain(`2026-11-23  ${rows[1]?.question_id}`);
    } finally {
      fixed.close();
    }
  });

  it('treats a /command during practice as a command, not the answer', async () => {
    await say('/interview practice');
    expect(await say('/help')).toContain('/interview');
    expect(await say('my answer is about production systems and monitoring')).toMatch(/\/5/);
  });

  it('frames a career-change question with a bridge from the member’s own facts and cites the guides', async () => {
    await say('/profile set role:"Backend engineer" years:6 stack:"Go, PostgreSQL" track:ml-platform');
    const reply = await handleLine(
      app.commands,
      app.core,
      inbound('/interview frame question:"Why are you leaving backend development?"', 'pat', 'terminal:pat'),
    );
    expect(reply.text).toContain('6 years as Backend engineer with Go, PostgreSQL');
    expect(reply.text).toMatch(/toward ML/);
    expect(reply.citations.length).toBeGreaterThan(0);
  });
});

describe('framing by question type (issue 18)', () => {
  let app: App;
  beforeEach(async () => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
  });
  afterEach(() => app.close());
  const say = async (text: string) => (await handleLine(app.commands, app.core, inbound(text, 'jav', 'terminal:jav'))).text;

  it('frames a behavioural question as a story from the member’s own stack, attributing no tool they did not name', async () => {
    await say('/profile set role:"Java developer" years:8 stack:"Java, Spring Boot" track:applied-ml');
    const reply = await say('/interview frame question:"Tell me about a time you handled a production incident"');
    expect(reply).toContain('(a behavioural question)');
    expect(reply).toMatch(/the situation, your task, the actions you took yourself, and the result/);
    expect(reply).toContain('Your story: one situation from your own work (8 years as Java developer with Java, Spring Boot)');
    expect(reply).not.toMatch(/NumPy|pandas|scikit-learn|TensorFlow|PyTorch/);
    expect(reply).not.toMatch(/Move toward ML, not away from backend/);
  });

  it('frames "no PhD" as an objection with evidence, and no CV advice leaks in', async () => {
    const reply = await say('/interview frame question:"You have no PhD. Why should we hire you over an ML graduate?"');
    expect(reply).toContain('(an objection to answer with evidence)');
    expect(reply).toMatch(/without apologising, then move to evidence/);
    expect(reply).not.toMatch(/two pages|\bCV\b|résumé/i);
  });

  it('gives motivation, system design and technical questions their own openings', async () => {
    const openings = new Set<string>();
    for (const q of ['Why ML engineering rather than backend?', 'Design a real-time fraud detection system', 'Explain the bias-variance trade-off']) {
      const reply = await say(`/interview frame question:"${q}"`);
      openings.add(reply.split('\n').slice(1, 3).join('\n'));
      expect(reply, q).not.toMatch(/two pages|\bPhD\b/);
    }
    expect(openings.size).toBe(3);
  });
});

describe('offline scores that can be trusted (issue 18)', () => {
  const question = (id: string) => {
    const q = bank.find((x) => x.id === id);
    if (!q) throw new Error(id);
    return q;
  };

  it('scores a keyword list 1/5 on every criterion, with the reason', async () => {
    const feedback = scoreOffline(
      question('story-why-leave-backend'),
      'toward growth interest build on excited pipeline serving system design project built deployed course honest motivation',
    );
    expect(Object.values(feedback.scores)).toEqual([1, 1, 1, 1]);
    expect(formatFeedback(feedback, true)).toContain('Every criterion is 1/5 because a list of keywords is not an answer');
  });

  it('scores an off-topic answer and a copy of the question 1/5, with the reason', async () => {
    const offTopic = scoreOffline(question('fund-overfitting'), 'My cat likes to sleep on the sofa all afternoon when the sun comes in.');
    expect(Object.values(offTopic.scores)).toEqual([1, 1, 1, 1]);
    expect(offTopic.floor).toMatch(/off the topic/);
    const copy = scoreOffline(question('fund-overfitting'), question('fund-overfitting').question);
    expect(Object.values(copy.scores)).toEqual([1, 1, 1, 1]);
    expect(copy.floor).toMatch(/repeats the question/);
  });

  it('names the question’s own pitfalls, quotes them and lowers framing; no "you made a start"', async () => {
    const feedback = scoreOffline(question('story-why-leave-backend'), 'Honestly backend got boring and ML pays way more.');
    const text = formatFeedback(feedback, true);
    expect(feedback.scores['Career-change framing']).toBe(1);
    expect(text).toContain(
      'Pitfalls this question warns about: leading with boredom or complaints (“Honestly backend got boring and ML pays way more.”); leading with money',
    );
    expect(text).toContain('Drop leading with money: making pay the headline reason');
    expect(text).not.toContain('you made a start');
  });

  it('quotes the part of the answer behind each score, and computes the overall from the criteria', async () => {
    const answer =
      'First, I compare training and validation scores: a much worse validation score shows overfitting. Then I try regularisation, dropout or early stopping. For example, in my churn project I cut the gap from 12 points to 3 with early stopping.';
    const feedback = scoreOffline(question('fund-overfitting'), answer);
    const text = formatFeedback(feedback, true);
    expect(text).toMatch(/Evidence: \d\/5 — “For example, in my churn project I cut the gap from 12 points to 3 with early stopping\.”/);
    expect(text).toMatch(/Technical depth: \d\/5 — “/);
    const mean = Math.round((10 * Object.values(feedback.scores).reduce((a, b) => a + b, 0)) / 4) / 10;
    expect(text).toContain(`Overall: ${mean.toFixed(1)}/5 (the mean of the four)`);
  });
});

describe('practice scored by a model', () => {
  const ctx = useAppWithModel();

  it('uses the model’s scores when valid and falls back to the heuristic when not', async () => {
    const say = async (text: string) => (await handleLine(ctx.app.commands, ctx.app.core, inbound(text, 'rae', 'dm:rae'))).text;
    await say('/interview practice topic:ml-fundamentals');
    ctx.fake.respondWith({
      text: '{"scores":{"Structure":2,"Technical depth":3,"Evidence":2,"Career-change framing":1},"quotes":{"Structure":"Overfitting is when","Technical depth":"memorises noise in the training data","Evidence":"not in the answer at all","Career-change framing":"a model memorises"},"strong":["clear definition"],"add":["an example"],"outline":["define it","give an example","say the trade-off"]}',
    });
    const scored = await say('Overfitting is when a model memorises noise in the training data.');
    expect(scored).toContain('Structure: 2/5 — “Overfitting is when”');
    expect(scored).toContain('Technical depth: 3/5 — “memorises noise in the training data”');
    expect(scored).toMatch(/Evidence: 1\/5 — .*\(heuristic: the model quoted nothing from your answer\)/);
    expect(scored).not.toContain('(Scored offline by a heuristic');
    expect(ctx.fake.requests[0]?.body.messages[0].content).toContain('<member_answer>');

    await say('/interview practice topic:ml-fundamentals');
    ctx.fake.respondWith({ text: 'Great answer, 10/10!' });
    expect(await say('Regularisation adds a penalty.')).toMatch(/heuristic/);
  });

  it('holds a model’s 5/5 to the floors: a keyword list scores 1/5 whatever the model says', async () => {
    const say = async (text: string) => (await handleLine(ctx.app.commands, ctx.app.core, inbound(text, 'kai', 'dm:kai'))).text;
    await say('/interview practice topic:mlops');
    const all5 =
      '{"scores":{"Structure":5,"Technical depth":5,"Evidence":5,"Career-change framing":5},"quotes":{"Structure":"docker kubernetes","Technical depth":"docker kubernetes","Evidence":"docker kubernetes","Career-change framing":"docker kubernetes"},"strong":["perfect"],"add":[],"outline":["a","b"]}';
    ctx.fake.respondWith({ text: all5 });
    const scored = await say('artefact pinned fastapi endpoint docker kubernetes prometheus canary rollback');
    for (const criterion of ['Structure', 'Technical depth', 'Evidence', 'Career-change framing']) expect(scored).toContain(`${criterion}: 1/5`);
    expect(scored).toContain('Every criterion is 1/5 because a list of keywords is not an answer');
    expect(scored).not.toContain('perfect');
  });

  it('keeps the heuristic’s fallback for a reply that is not JSON', async () => {
    const say = async (text: string) => (await handleLine(ctx.app.commands, ctx.app.core, inbound(text, 'rae2', 'dm:rae2'))).text;
    await say('/interview practice topic:ml-fundamentals');
    ctx.fake.respondWith({ text: 'Great answer, 10/10!' });
    expect(await say('Regularisation adds a penalty.')).toMatch(/heuristic/);
  });
});

describe('practice over the CLI chat end to end', () => {
  it('runs the practice flow in a piped terminal chat', async () => {
    const env = { DATABASE_PATH: join(tempDir(), 'pivot.db') };
    const result = await runCli(
      ['chat', '--member', 'cli-pat'],
      env,
      '/interview practice topic:behavioural\nI led an incident review and we cut alerts by half.\n/interview history\n',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Practice question \(behavioural/);
    expect(result.stdout).toMatch(/Structure: \d\/5/);
    expect(result.stdout).toMatch(/avg \d\.\d/);
  });
});
