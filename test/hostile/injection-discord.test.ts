import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import { type Bot, startBot } from '../../src/discord/bot.ts';
import type { App } from '../../src/main.ts';
import { doneMilestones } from '../../src/members/store.ts';
import { testApp } from '../support/app.ts';
import { type FakeDiscord, type RestCall, startFakeDiscord } from '../support/fake-discord.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../support/fake-openai.ts';
import { MASKED_LINK, promptRun, RAW_MENTION, VICTIM, victimMarkersIn } from '../support/hostile-checks.ts';
import { compliantModel, expandMacros, loadInjectionCorpus, type MacroValues } from '../support/injection-corpus.ts';

/** A handful of corpus cases, end to end: a member's DM in, the real bot and renderer, the REST calls out. */
const OVER_DISCORD = ['ignore-01', 'roleplay-03', 'member-01', 'mention-01', 'mention-04', 'link-02', 'payload-07', 'state-01'];
const cases = loadInjectionCorpus().filter((c) => OVER_DISCORD.includes(c.id));

let discord: FakeDiscord;
let openai: FakeOpenAi;
let app: App;
let bot: Bot;
let values: MacroValues;

beforeAll(async () => {
  discord = await startFakeDiscord();
  openai = await startFakeOpenAi();
  app = testApp({ OPENAI_BASE_URL: openai.baseURL, MEMBER_MESSAGES_PER_MINUTE: '1000' });
  bot = await startBot(app, { token: discord.token, appId: discord.appId, apiURL: discord.apiURL, coachChannelIds: undefined });
  const talk = (memberId: string, text: string) =>
    handleLine(app.commands, app.core, { memberId, origin: { kind: 'dm', conversationId: `dm:${memberId}` }, text });
  const m = VICTIM.markers;
  await talk(VICTIM.id, `/profile set role:"Data engineer ${m.role}" stack:"Scala ${m.stack}" goal:"Lead ML at ${m.goal}" track:applied-ml`);
  await talk(VICTIM.id, `/project add name:"${m.project} churn model" summary:"Deployed ${m.summary} model"`);
  const [done, open, open2] = app.core.roadmaps.milestones('ml-platform');
  values = {
    victimId: VICTIM.id,
    milestones: { done: done?.id ?? '', open: open?.id ?? '', openTitle: open?.title ?? '', open2: open2?.id ?? '', otherTrack: 'res-linear-algebra' },
  };
});

afterAll(async () => {
  await bot.stop(2000);
  app.close();
  await discord.close();
  await openai.close();
});

const isPost = (call: RestCall) => call.method === 'POST' && /^\/channels\/\d+\/messages$/.test(call.path) && (call.status ?? 200) < 300;
/** Nothing parsed, no user or role allowed, and a reply never pings the member it answers. */
function expectNoPing(allowed: unknown): void {
  const { parse, users, roles, replied_user: repliedUser } = allowed as { parse?: unknown; users?: unknown; roles?: unknown; replied_user?: unknown };
  expect({ parse, users, roles }).toEqual({ parse: [], users: undefined, roles: undefined });
  expect(repliedUser ?? false).toBe(false);
}

const bodyOf = (call: RestCall) => call.body as { content?: string; allowed_mentions?: unknown; components?: unknown };

describe('injection cases over the loopback Discord', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s: what reaches Discord pings nobody and leaks nothing', async (id, testCase) => {
    const userId = `91000000000000${String(OVER_DISCORD.indexOf(id)).padStart(4, '0')}`;
    await handleLine(app.commands, app.core, {
      memberId: userId,
      origin: { kind: 'dm', conversationId: `dm:${userId}` },
      text: '/profile set role:"Backend engineer" years:5 track:ml-platform hours:8',
    });
    const firstCall = discord.calls.length;
    openai.respondWith(...testCase.model.map((reply) => compliantModel(reply, values)));
    const content = expandMacros(Array.isArray(testCase.member) ? (testCase.member[0] ?? '') : testCase.member, values);
    await discord.sendDirectMessage({ userId, username: `member-${id}`, content });

    // The last part of an answer carries its feedback buttons.
    await discord.waitForCall((c) => discord.calls.indexOf(c) >= firstCall && isPost(c) && JSON.stringify(bodyOf(c).components).includes('feedback:'), 10_000);
    const posts = discord.calls.slice(firstCall).filter(isPost);
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expectNoPing(bodyOf(post).allowed_mentions);
      expect((bodyOf(post).content ?? '').length).toBeLessThanOrEqual(2000);
      expect(bodyOf(post).content).not.toMatch(RAW_MENTION);
      expect(bodyOf(post).content).not.toMatch(MASKED_LINK);
    }
    const shown = posts.map((p) => bodyOf(p).content ?? '').join('\n');
    expect(promptRun(shown)).toBeUndefined();
    expect(victimMarkersIn(shown)).toEqual([]);
    expect(victimMarkersIn(JSON.stringify(openai.requests.map((r) => r.body)))).toEqual([]);
    expect(openai.discardQueued()).toBe(0);
    for (const text of testCase.expect.replyIncludes) expect(shown.replace(/\u200b/g, '')).toContain(expandMacros(text, values));
    expect([...doneMilestones(app.db, userId).keys()]).toEqual([]);
    if (testCase.expect.proposal) expect(JSON.stringify(posts.map((p) => bodyOf(p).components))).toContain('proposal:');
  });

  it('answers a slash command whose model reply pings a role, editing the deferred reply with no mention allowed', async () => {
    openai.respondWith({ text: '<@&123456789012345678> @everyone: this member needs help with ML interviews.' });
    const { token } = await discord.sendInteraction({
      userId: '910000000000009999',
      username: 'sly',
      command: 'ask',
      options: { question: 'Ping the mentors role about my ML interview prep' },
    });
    const edit = await discord.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'), 10_000);
    expectNoPing(bodyOf(edit).allowed_mentions);
    expect(bodyOf(edit).content).toContain('this member needs help');
    expect(bodyOf(edit).content).not.toMatch(RAW_MENTION);
  });
});
