import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/core/commands/dispatch.ts';
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

describe('/resume offline and bad input', () => {
  let app: App;
  beforeEach(() => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
  });
  afterEach(() => app.close());
  const say = async (text: string) => (await handleLine(app.commands, app.core, inbound(text, 'cv2', 'dm:cv2'))).text;

  it('rewrites offline without adding facts, with placeholders where a figure would help', async () => {
    const reply = await say('/resume rewrite bullet:"Responsible for building the order events pipeline on Kafka"');
    expect(reply).toMatch(/offline/);
    expect(reply).toContain('Built the order events pipeline on Kafka');
    expect(reply).toContain('[metric]');
    expect(reply.split('\n\n')[1]).not.toMatch(/\d/);
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
