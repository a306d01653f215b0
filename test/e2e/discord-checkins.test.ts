import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheckinTick } from '../../src/checkins/tick.ts';
import { type Bot, startBot } from '../../src/discord/bot.ts';
import { discordCheckinDelivery, discordDigestPoster } from '../../src/discord/checkin-delivery.ts';
import { createGroup, joinGroup } from '../../src/groups/store.ts';
import type { App } from '../../src/main.ts';
import { markMilestoneDone } from '../../src/members/store.ts';
import { runWeeklyTick } from '../../src/planner/weekly.ts';
import { testApp } from '../support/app.ts';
import { runCliProcess, tempDir } from '../support/cli.ts';
import { type FakeDiscord, type RestCall, startFakeDiscord } from '../support/fake-discord.ts';

// Adaptive check-ins over the loopback Discord, on a clock the test sets: London's clocks go forward on Sunday
// 29 March 2026 (01:00 GMT → 02:00 BST).

let now = 0;
let running: { fake: FakeDiscord; app: App; bot: Bot } | undefined;
afterEach(async () => {
  if (!running) return;
  await running.bot.stop(2000);
  running.app.close();
  await running.fake.close();
  running = undefined;
});

async function start(databasePath = ':memory:') {
  const fake = await startFakeDiscord();
  const app = testApp({ DATABASE_PATH: databasePath, MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => now });
  const bot = await startBot(app, { token: fake.token, appId: fake.appId, apiURL: fake.apiURL, coachChannelIds: undefined });
  running = { fake, app, bot };
  return running;
}

const callbackWith = (text: string) => (c: RestCall) => c.path.endsWith('/callback') && JSON.stringify(c.body).includes(text);

describe('/checkin pause, status and resume as Discord slash commands', () => {
  it("answers each with the dates in the member's timezone, across the clock change", async () => {
    const { fake } = await start();
    const member = '900021';
    const slash = async (subcommand: string, options?: Record<string, string | number>) => {
      const { token } = await fake.sendInteraction({ userId: member, username: 'ola', command: 'checkin', subcommand, options, dm: true });
      const edit = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
      return String((edit.body as { content?: string }).content);
    };
    now = Date.parse('2026-03-20T12:00:00Z');
    await slash('on', { day: 'monday', time: '09:00', timezone: 'Europe/London' });
    expect(await slash('pause', { weeks: 2 })).toContain('until Friday 3 April 2026. The next one comes on Monday 6 April 2026 at 09:00 (Europe/London)');
    expect(await slash('status')).toMatch(/Paused until Friday 3 April 2026\.[\s\S]*Next: Monday 6 April 2026 at 09:00/);
    expect(await slash('resume')).toContain('Next: Monday 23 March 2026 at 09:00');
    expect(await slash('pause', { weeks: 13 })).toMatch(/weeks: must be a whole number of weeks from 1 to 12/);
  }, 60_000);
});

describe('"Remind me in 2 days" over Discord', () => {
  it('replies privately, then the reminder is sent exactly once: two days on the calendar across the clock change, concurrent ticks and a restarted process included', async () => {
    const databasePath = join(tempDir(), 'pivot.db');
    const { fake, app, bot } = await start(databasePath);
    const member = '900031';
    now = Date.parse('2026-03-20T12:00:00Z');
    const { token } = await fake.sendInteraction({
      userId: member,
      username: 'rue',
      command: 'checkin',
      subcommand: 'on',
      options: { day: 'friday', time: '09:00', timezone: 'Europe/London' },
      dm: true,
    });
    await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && JSON.stringify(c.body).includes('Check-ins on'));

    now = Date.parse('2026-03-27T09:05:00Z');
    const report = await runCheckinTick(app.core, discordCheckinDelivery(bot.client), new Date(now));
    expect(report.sent.map((s) => s.week)).toEqual(['2026-W13']);
    const checkin = fake.botMessages().find((m) => m.content.startsWith('Weekly check-in'));
    expect(JSON.stringify(checkin?.components)).toContain('checkin:2026-W13:remind');

    await fake.sendComponentInteraction({ userId: member, username: 'rue', customId: 'checkin:2026-W13:remind', messageId: checkin?.messageId ?? '' });
    const reply = await fake.waitForCall(callbackWith('I will remind you once'));
    const body = reply.body as { data: { content: string; flags?: number; allowed_mentions?: unknown } };
    expect(body.data.flags ?? 0).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    // Two days on the calendar: Sunday 09:05 in London, which is 08:05 UTC after the change (not 48 hours).
    expect(body.data.content).toContain('Sunday 29 March at 09:05 (Europe/London)');

    const reminders = () => fake.botMessages().filter((m) => m.content.startsWith('Reminder, as you asked'));
    now = Date.parse('2026-03-29T08:04:00Z');
    await runCheckinTick(app.core, discordCheckinDelivery(bot.client), new Date(now));
    expect(reminders()).toHaveLength(0);
    now = Date.parse('2026-03-29T08:06:00Z');
    await Promise.all([
      runCheckinTick(app.core, discordCheckinDelivery(bot.client), new Date(now)),
      runCheckinTick(app.core, discordCheckinDelivery(bot.client), new Date(now)),
    ]);
    expect(reminders()).toHaveLength(1);
    const components = JSON.stringify(reminders()[0]?.components);
    expect(components).toContain('checkin:2026-W13:on-track:reminder');
    expect(components).not.toContain(':remind"');

    // A second process, started afresh on the same database, sends nothing more.
    const env = { DATABASE_PATH: databasePath, DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiURL };
    const cli = await runCliProcess(['checkins', 'tick', '--at', '2026-03-29T08:30:00Z', '--json'], env);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual({ sent: [], skipped: [], failed: [] });
    expect(reminders()).toHaveLength(1);

    await fake.sendComponentInteraction({ userId: member, username: 'rue', customId: 'checkin:2026-W13:remind', messageId: checkin?.messageId ?? '' });
    await fake.waitForCall(callbackWith('I already reminded you once this week'));
  }, 60_000);
});

describe('group digests in one thread', () => {
  it('opens one thread per group and posts each week there, names only sharing members with news, and pings nobody', async () => {
    const { fake, app, bot } = await start();
    now = Date.parse('2026-03-20T12:00:00Z');
    const group = createGroup(
      app.db,
      { place: fake.guildId, name: 'Night Owls', channelId: fake.channelId, ownerId: '900041', weekday: 5, time: '17:00', timezone: 'Europe/London' },
      { displayName: 'Ana' },
      now,
    );
    joinGroup(app.db, group.id, '900041', 'Ana @everyone', true, now);
    joinGroup(app.db, group.id, '900042', 'Ben', true, now);
    joinGroup(app.db, group.id, '900043', 'Cy', false, now);
    const track = app.core.roadmaps.milestones('ml-platform');
    app.db.$client.prepare("INSERT INTO members (id, track, created_at, updated_at) VALUES ('900041', 'ml-platform', ?, ?)").run(now, now);
    markMilestoneDone(app.db, '900041', track[0]?.id ?? '', Date.parse('2026-03-19T12:00:00Z'));

    const outlets = { deliver: discordCheckinDelivery(bot.client), post: discordDigestPoster(bot.client) };
    await runWeeklyTick(app.core, outlets, new Date('2026-03-20T17:05:00Z'));
    await fake.waitForCall((c) => c.method === 'POST' && /\/messages\/\d+\/threads$/.test(c.path));
    const threadId = String(app.db.$client.prepare('SELECT thread_id FROM study_groups').pluck().get());
    const digests = () => fake.botMessages().filter((m) => m.content.includes('weekly digest') && m.content.startsWith('**Night Owls**: weekly digest'));
    expect(digests().map((d) => d.channelId)).toEqual([threadId]);
    const first = digests()[0];
    expect(first?.content).toContain(`Ana everyone: `);
    expect(first?.content).toContain(`finished ${track[0]?.title}`);
    expect(first?.content).not.toMatch(/Ben|Cy|private|did not/);
    expect(first?.allowedMentions).toEqual({ parse: [] });

    // Next week (after the clock change): the same thread, and still one top-level message in the channel.
    await runWeeklyTick(app.core, outlets, new Date('2026-04-03T16:05:00Z'));
    expect(digests().map((d) => d.channelId)).toEqual([threadId, threadId]);
    expect(digests()[1]?.content).toContain('A quiet week here');
    const topLevel = fake.botMessages().filter((m) => m.channelId === fake.channelId);
    expect(topLevel).toHaveLength(1);
    expect(topLevel[0]?.content).toMatch(/weekly digests are posted in this thread/);
    expect(fake.botMessages().every((m) => JSON.stringify(m.allowedMentions) === '{"parse":[]}')).toBe(true);
  }, 60_000);
});
