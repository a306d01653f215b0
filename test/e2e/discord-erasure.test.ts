import { describe, expect, it } from 'vitest';
import { discordDigestPoster } from '../../src/discord/checkin-delivery.ts';
import { runWeeklyTick } from '../../src/planner/weekly.ts';
import { useBotHarness } from '../support/bot-harness.ts';
import { type FakeDiscord, isReplyPost, type RestCall } from '../support/fake-discord.ts';
import { until } from '../support/wait.ts';

const MEMBER = '700000000000000011';
const OTHER = '700000000000000012';
const startHarness = useBotHarness();

const contentOf = (call: RestCall) => String((call.body as { content?: string } | undefined)?.content ?? '');
const inDm = (fake: FakeDiscord, call: RestCall, userId: string) => isReplyPost(call) && fake.dmRecipient(call.path.split('/')[2] ?? '') === userId;

async function dmAndWait(fake: FakeDiscord, content: string, expected: RegExp): Promise<RestCall> {
  const before = fake.calls.length;
  await fake.sendDirectMessage({ userId: MEMBER, username: 'ana', content });
  return fake.waitForCall((c) => fake.calls.indexOf(c) >= before && inDm(fake, c, MEMBER) && expected.test(contentOf(c)));
}

describe('erasure over the loopback Discord', () => {
  it('confirms /forget confirm:yes typed in a DM, and the next answer carries no apology for a lost reply', async () => {
    const { fake, app } = await startHarness();
    await dmAndWait(fake, '/profile set track:applied-ml', /track/i);
    const inboxRows = () => app.db.$client.prepare('SELECT count(*) FROM discord_inbox WHERE member_id = ?').pluck().get(MEMBER);
    expect(inboxRows()).toBe(1);

    const confirmed = await dmAndWait(fake, '/forget confirm:yes', /erased everything I stored about you/);
    expect(contentOf(confirmed)).not.toMatch(/did not get through/);
    await until(() => inboxRows() === 0, 'the inbox row erased');
    expect(inboxRows()).toBe(0);
    expect(app.db.$client.prepare('SELECT count(*) FROM members WHERE id = ?').pluck().get(MEMBER)).toBe(0);

    const next = await dmAndWait(fake, 'How long does the switch to ML engineering take?', /./);
    expect(contentOf(next)).not.toMatch(/did not get through/);
  });
});

describe('study groups over the loopback Discord', () => {
  async function start() {
    const harness = await startHarness({
      env: (fake) => ({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, COACH_CHANNEL_IDS: fake.channelId }),
      settings: (fake) => ({ coachChannelIds: [fake.channelId] }),
    });
    const { fake } = harness;
    const slash = async (userId: string, subcommand: string, options: Record<string, string>, channelId = fake.channelId) => {
      const { token } = await fake.sendInteraction({ userId, username: `u${userId.slice(-2)}`, command: 'group', subcommand, options, channelId });
      const edit = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
      return contentOf(edit);
    };
    return { ...harness, slash };
  }

  it('creates groups only in channels the bot coaches, and posts digests only for groups that still have members', async () => {
    const { fake, app, bot, slash } = await start();
    expect(await slash(MEMBER, 'create', { name: 'outside' }, fake.otherChannelId)).toMatch(/only in the channels where I coach/);
    expect(await slash(MEMBER, 'create', { name: 'alpha', day: 'friday', time: '17:00', timezone: 'UTC' })).toMatch(/Created alpha/);
    expect(await slash(OTHER, 'create', { name: 'empty', day: 'friday', time: '17:00', timezone: 'UTC' })).toMatch(/Created empty/);
    expect(await slash(OTHER, 'leave', {})).toMatch(/You left empty/);
    expect(app.db.$client.prepare('SELECT name FROM study_groups ORDER BY name').pluck().all()).toEqual(['alpha', 'empty']);

    const before = fake.calls.length;
    const report = await runWeeklyTick(app.core, { deliver: async () => 'sent', post: discordDigestPoster(bot.client) }, new Date('2027-01-08T17:05:00Z'));
    expect(report.sent.map((s) => s.member)).toEqual(['group:alpha']);
    const digests = fake.calls.slice(before).filter((c) => isReplyPost(c));
    // One short post in the channel opens the group's thread; the digest goes into the thread.
    const threadId = String(app.db.$client.prepare("SELECT thread_id FROM study_groups WHERE name = 'alpha'").pluck().get());
    expect(digests.map((c) => c.path)).toEqual([`/channels/${fake.channelId}/messages`, `/channels/${threadId}/messages`]);
    expect(contentOf(digests[1] as RestCall)).toContain('alpha');
  });
});
