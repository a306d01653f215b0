import { afterEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { inbound, testApp } from '../support/app.ts';
import { type FakeOpenAi, type RecordedRequest, startFakeOpenAi } from '../support/fake-openai.ts';

let app: App | undefined;
let fake: FakeOpenAi | undefined;
afterEach(async () => {
  app?.close();
  await fake?.close();
  app = undefined;
  fake = undefined;
});

const NOW = Date.parse('2026-12-01T12:00:00Z');
const say = async (a: App, text: string) => (await handleLine(a.commands, a.core, inbound(text, 'm1'))).text;

describe("answers that use the member's own plan", () => {
  it('answers "how long will it take me" from their roadmap, beside the guides', async () => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => NOW });
    await say(app, '/profile set track:ml-platform hours:10 target:2027-09');
    const answer = await say(app, 'how long will it take me?');
    expect(answer).toContain('For you (ML platform & MLOps engineer at your 10 h/week)');
    expect(answer).toMatch(/ready to apply around \w+ 2027 \(\d+ weeks of learning\), then about 8 weeks of job search, so a role around \w+ 2027/);
    expect(answer).toMatch(/weeks ahead of your 2027-09 target, so you are on track/);
    expect(answer).toContain('From the guides directly');
  });

  it('says how far behind the target a member is, and names this phase and the next milestone', async () => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => NOW });
    await say(app, '/profile set track:applied-ml hours:5 target:2027-03');
    expect(await say(app, 'am i on track?')).toMatch(/weeks behind your 2027-03 target: more hours a week, or a later target, would close the gap/);
    const focus = await say(app, 'what should I focus on this week');
    expect(focus).toContain('This phase (Phase 1');
    expect(focus).toMatch(/Next milestone: `app-market-scan` .*about \d+ weeks at your hours/);
  });

  it('points a member without a track to /profile setup, and leaves other "my" questions alone', async () => {
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => NOW });
    expect(await say(app, 'how long will it take me to switch?')).toContain('/profile setup takes a minute');
    await say(app, '/profile set track:ml-platform');
    expect(await say(app, 'how long should my CV be?')).not.toContain('For you');
  });

  it('gives the model the projected months, the gap to the target and the phase focus', async () => {
    fake = await startFakeOpenAi();
    fake.respondWith({ text: 'Keep going.' });
    app = testApp({ OPENAI_BASE_URL: fake.baseURL, MEMBER_MESSAGES_PER_MINUTE: '1000' }, { now: () => NOW });
    await say(app, '/profile set track:ml-platform hours:10 target:2027-09');
    await say(app, '/project add name:"Fraud scorer" summary:"FastAPI service serving a gradient-boosted fraud model"');
    await say(app, 'What should I learn about model serving?');
    const prompt = ((fake.requests[0] as RecordedRequest).body.messages as { content: string }[]).map((m) => m.content).join('\n');
    expect(prompt).toMatch(
      /Projected: ready to apply \w+ 2027 \(\d+ weeks\), in a role around \w+ 2027 after about 8 weeks of job search; \d+ weeks ahead of their 2027-09 target\./,
    );
    expect(prompt).toContain('Phase focus: ');
    expect(prompt).toContain('Projects: Fraud scorer: FastAPI service serving a gradient-boosted fraud model.');
  });
});
