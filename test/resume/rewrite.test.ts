import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { inbound, storedTurns, testApp, useAppWithModel } from '../support/app.ts';

describe('/resume rewrite with a model that invents', () => {
  const ctx = useAppWithModel();
  const say = async (text: string) => (await handleLine(ctx.app.commands, ctx.app.core, inbound(text, 'cv', 'dm:cv'))).text;

  it('replaces invented numbers, tools and employers, keeps the member’s own, and lists what it replaced', async () => {
    await say('/project add name:"Churn predictor" summary:"scikit-learn model served with FastAPI"');
    ctx.fake.respondWith({
      text: [
        '- Cut checkout latency by 45% by building a Go payments API serving 2,000 requests per second, with PyTorch fraud scoring at Google',
        '- Ran PostgreSQL data pipelines feeding the Churn predictor, a scikit-learn model served with FastAPI to 5 million users',
      ].join('\n'),
    });
    const reply = await say('/resume rewrite bullet:"Built a payments API in Go serving 2,000 requests per second | Maintained PostgreSQL data pipelines"');
    expect(reply).toContain('Go payments API serving 2,000 requests per second');
    expect(reply).toContain('scikit-learn');
    expect(reply).toContain('FastAPI');
    const rewritten = reply.split('\n\n')[1] ?? '';
    expect(rewritten).not.toMatch(/45%|PyTorch|Google|5 million/);
    expect(reply).toMatch(/\[metric\]/);
    expect(reply).toMatch(/\[tool\]/);
    expect(reply).toMatch(/\[employer\]/);
    const note = reply.split('\n').find((l) => /confirm or drop/i.test(l)) ?? '';
    for (const invented of ['45%', 'PyTorch', 'Google', '5 million']) expect(note).toContain(invented);
    expect(note).not.toContain('2,000');
    const prompt = JSON.stringify(ctx.fake.requests[0]?.body.messages);
    expect(prompt).toContain('<member_bullets>');
  });
});

describe('the CV prompts the model receives', () => {
  const ctx = useAppWithModel();
  const say = async (text: string) => (await handleLine(ctx.app.commands, ctx.app.core, inbound(text, 'cv4', 'dm:cv4'))).text;
  const adviceLines = (content: string, after: string, before: string) =>
    content
      .slice(content.indexOf(after) + after.length, content.indexOf(before))
      .split('\n')
      .filter((l) => l.startsWith('- '));

  it('gives the rewrite the guides’ advice in whole sentences, without example figures', async () => {
    ctx.fake.respondWith({ text: '- Maintained PostgreSQL data pipelines' });
    await say('/resume rewrite bullet:"Maintained PostgreSQL data pipelines"');
    const content = String(ctx.fake.requests[0]?.body.messages[0]?.content);
    const advice = adviceLines(content, 'as the guides advise:', 'Rules:');
    expect(advice.length).toBeGreaterThan(0);
    for (const line of advice) {
      expect(line).toMatch(/[.!?]$/);
      const body = line.slice(line.indexOf('): ') + 3).replace(/\b(uk-guide|pathway-9m|transition-4phase|ml-2026|tactical-roadmap)\b/g, '');
      expect(body).not.toMatch(/\d/);
    }
  });

  it('sends the summary a system message with the guides’ CV advice, and the member’s facts as data', async () => {
    await say('/profile set role:"Backend engineer" years:6 stack:"Go, PostgreSQL" track:ml-platform');
    ctx.fake.respondWith({ text: 'Backend engineer with 6 years building production systems in Go, PostgreSQL, now moving into ML platform and MLOps roles.' });
    await say('/resume summary');
    const messages = ctx.fake.requests.at(-1)?.body.messages ?? [];
    expect(messages[0]?.role).toBe('system');
    expect(String(messages[0]?.content)).toMatch(/career-change story/);
    expect(String(messages[0]?.content)).toMatch(/Never add a number/);
    expect(messages[1]?.role).toBe('user');
    expect(String(messages[1]?.content)).toContain('<member_facts>\nBackend engineer with 6 years building production systems in Go, PostgreSQL');
  });
});

describe('/resume rewrite with a model that upgrades the member’s part and invents credentials and ML scope', () => {
  const ctx = useAppWithModel();
  const say = async (text: string) => (await handleLine(ctx.app.commands, ctx.app.core, inbound(text, 'cv3', 'dm:cv3'))).text;

  it('shows none of it as the member’s, and lists each under "not in your original"', async () => {
    ctx.fake.respondWith({
      text: '- Led the billing migration, feeding feature pipelines for ML models, as a Kaggle Grandmaster with a PhD in machine learning from MIT, at a FAANG company',
    });
    const reply = await say('/resume rewrite bullet:"Helped with the billing migration"');
    const rewritten = reply.split('\n\n')[1] ?? '';
    expect(rewritten).toBe(
      '- Contributed to the billing migration, feeding [ML work], as a [credential] with a [credential] from [credential], at a [employer] company',
    );
    const note = reply.split('\n').find((l) => /confirm or drop/i.test(l)) ?? '';
    for (const invented of ['Led', 'feature pipelines for ML models', 'Kaggle Grandmaster', 'PhD in machine learning', 'MIT', 'FAANG'])
      expect(note).toContain(invented);
  });
});

describe('/resume offline and bad input', () => {
  let app: App;
  beforeEach(() => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
  });
  afterEach(() => app.close());
  const say = async (text: string) => (await handleLine(app.commands, app.core, inbound(text, 'cv2', 'dm:cv2'))).text;

  it('rewrites offline without adding facts: outcome first, the member’s part kept, a placeholder and a reason per bullet', async () => {
    const reply = await say('/resume rewrite bullet:"Responsible for building the order events pipeline on Kafka"');
    expect(reply).toMatch(/offline/);
    expect(reply).toContain('- Delivered [metric] records a day on schedule by building the order events pipeline on Kafka');
    expect(reply).toMatch(/Why: outcome first.*feature and training pipelines/);
    expect(reply.split('\n\n')[1]).not.toMatch(/\d/);
  });

  it('never returns a bullet unchanged, and draws the ML angle from the bullet itself (issue 18)', async () => {
    const reply = await say(
      '/resume rewrite bullet:"Maintained REST APIs for the customer account service | Worked with the data science team to deploy a recommendation model | Helped with the migration of the billing monolith to microservices"',
    );
    const bullets = reply.split('\n').filter((l) => l.startsWith('- '));
    expect(bullets).toEqual([
      '- Kept [metric] requests a day answered within [metric] ms by maintaining REST APIs for the customer account service',
      '- Put a model into production for [metric] users by partnering with the data science team to deploy a recommendation model',
      '- Moved [metric] services to a safer, repeatable release path by contributing to the migration of the billing monolith to microservices',
    ]);
    const whys = reply.split('\n').filter((l) => l.trim().startsWith('Why:'));
    expect(whys).toHaveLength(3);
    expect(whys[0]).toMatch(/model serving/);
    expect(whys[1]).toMatch(/shipping a model/);
    expect(whys[2]).toMatch(/"Contributed to" keeps your real part/);
    expect(reply).not.toMatch(/\b(Led|Owned|Architected|Drove)\b/);
  });

  it('leads with the member’s own figure when the bullet has one', async () => {
    const reply = await say('/resume rewrite bullet:"Built a payments API in Go serving 2,000 requests per second"');
    expect(reply).toContain('- Served 2,000 requests per second by building a payments API in Go');
    expect(reply).not.toContain('confirm or drop');
  });

  it('writes a summary from the stored profile only', async () => {
    expect(await say('/resume summary')).toMatch(/need at least your role/);
    await say('/profile set role:"Backend engineer" years:7 stack:"Java, Kafka" track:ml-platform');
    const summary = await say('/resume summary');
    expect(summary).toContain('Backend engineer with 7 years');
    expect(summary).toContain('Java, Kafka');
    expect(summary).toContain('[your project');
  });

  it('refuses empty, oversized and binary input, storing nothing', async () => {
    expect(await say('/resume rewrite bullet:""')).toMatch(/bullet: required/);
    expect(await say(`/resume rewrite bullet:"${'x'.repeat(20_500)}"`)).toMatch(/at most 20000|20,000/);
    expect(await say('/resume rewrite bullet:"\u0000\u0001\u0002PK binary"')).toMatch(/binary/);
    expect(storedTurns(app)).toEqual([]);
  });
});
