import { describe, expect, it } from 'vitest';
import { runCheckinTick } from '../../src/checkins/tick.ts';
import type { App } from '../../src/main.ts';
import { useBotHarness } from '../support/bot-harness.ts';
import { type FakeDiscord, isReplyPost, type RestCall } from '../support/fake-discord.ts';

const MENTOR_ROLE_ID = '880000000000000001';
const MEMBER = '720000000000000001';
const MENTOR = '720000000000000002';
const NOTE = 'I saw your offer letter; ask for the relocation budget in writing';
const DMS_CLOSED_NOTICE = /could not be delivered because your DMs are closed/;

const startHarness = useBotHarness();

async function start() {
  const harness = await startHarness({
    fake: { roles: [{ id: MENTOR_ROLE_ID, name: 'Mentor' }] },
    settings: (fake) => ({ guildId: fake.guildId, mentorRoleId: MENTOR_ROLE_ID }),
  });
  harness.fake.setMember(MENTOR, { roles: [MENTOR_ROLE_ID] });
  return harness;
}

const contentOf = (call: RestCall) => String((call.body as { content?: string } | undefined)?.content ?? '');
const channelOf = (call: RestCall) => call.path.split('/')[2] ?? '';
const dmReply = (fake: FakeDiscord, matching: RegExp) =>
  fake.waitForCall((c) => isReplyPost(c) && fake.dmRecipient(channelOf(c)) === MEMBER && matching.test(contentOf(c)));
/** The interaction's reply as the member sees it (the deferred reply's edit), and whether only they see it. */
async function slash(fake: FakeDiscord, command: string, options?: Record<string, string>) {
  const { token } = await fake.sendInteraction({ userId: MEMBER, username: 'ana', command, options });
  const deferred = await fake.waitForCall((c) => c.path.includes(token) && c.path.endsWith('/callback'));
  const reply = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
  return { ephemeral: (deferred.body as { data?: { flags?: number } }).data?.flags === 64, text: contentOf(reply) };
}
/** What the bot posted where others can see it: channel and thread messages that are not DMs, and non-ephemeral interaction replies. */
const postedInPublic = (fake: FakeDiscord) =>
  fake
    .botMessages()
    .filter((m) => !m.ephemeral && (m.channelId === undefined || fake.dmRecipient(m.channelId) === undefined))
    .map((m) => m.content)
    .join('\n');
const undeliveredNotes = (app: App) =>
  app.db.$client.prepare('SELECT count(*) FROM mentor_notes WHERE member_id = ? AND delivered_at IS NULL').pluck().get(MEMBER);

describe('private notices only where only the member sees them (loopback Discord)', () => {
  it('keeps a mentor’s note out of a shared thread and a public reply, and delivers it with the next DM reply', async () => {
    const { fake, app } = await start();
    await fake.sendDirectMessage({ userId: MEMBER, username: 'ana', content: '/privacy mentors:on' });
    await dmReply(fake, /Mentors may now read/);
    const { token } = await fake.sendInteraction({
      userId: MENTOR,
      username: 'maya',
      command: 'mentor',
      subcommand: 'note',
      options: { member: MEMBER, text: NOTE },
    });
    const noted = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
    expect(contentOf(noted)).toMatch(/will see it/);

    // A question in a shared channel: answered in a thread everyone can read.
    await fake.sendGuildMessage({ userId: MEMBER, username: 'ana', content: 'How long does the switch to ML engineering take?', mentionsBot: true });
    const inThread = await fake.waitForCall((c) => isReplyPost(c) && fake.dmRecipient(channelOf(c)) === undefined);
    expect(contentOf(inThread)).not.toContain(NOTE);
    // A public slash command in the channel.
    const help = await slash(fake, 'help');
    expect(help.ephemeral).toBe(false);
    expect(help.text).not.toContain(NOTE);
    expect(postedInPublic(fake)).not.toContain(NOTE);
    expect(undeliveredNotes(app)).toBe(1);

    await fake.sendDirectMessage({ userId: MEMBER, username: 'ana', content: 'What should I learn first?' });
    const dm = await dmReply(fake, /Note from mentor/);
    expect(contentOf(dm)).toContain(`📝 Note from mentor maya: ${NOTE}`);
    expect(undeliveredNotes(app)).toBe(0);
    expect(postedInPublic(fake)).not.toContain(NOTE);
  });

  it('delivers a note in an ephemeral reply in the channel, not in a public one', async () => {
    const { fake, app } = await start();
    await slash(fake, 'privacy', { mentors: 'on' });
    const { token } = await fake.sendInteraction({
      userId: MENTOR,
      username: 'maya',
      command: 'mentor',
      subcommand: 'note',
      options: { member: MEMBER, text: NOTE },
    });
    await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));

    expect((await slash(fake, 'help')).text).not.toContain(NOTE);
    const privacy = await slash(fake, 'privacy');
    expect(privacy.ephemeral).toBe(true);
    expect(privacy.text).toContain(`📝 Note from mentor maya: ${NOTE}`);
    expect(undeliveredNotes(app)).toBe(0);
    expect(postedInPublic(fake)).not.toContain(NOTE);
  });

  it('tells the member their DMs are closed only privately: not in a thread or a public reply, then in an ephemeral one', async () => {
    const { fake, app } = await start();
    await fake.sendDirectMessage({ userId: MEMBER, username: 'ana', content: '/checkin on day:monday time:09:00 timezone:Europe/London' });
    await dmReply(fake, /./);
    const report = await runCheckinTick(app.core, async () => 'undeliverable', new Date('2026-11-30T09:05:00Z'));
    expect(report.failed.map((f) => f.member)).toEqual([MEMBER]);

    await fake.sendGuildMessage({ userId: MEMBER, username: 'ana', content: 'What do ML engineers earn in the UK?', mentionsBot: true });
    const inThread = await fake.waitForCall((c) => isReplyPost(c) && fake.dmRecipient(channelOf(c)) === undefined);
    expect(contentOf(inThread)).not.toMatch(DMS_CLOSED_NOTICE);
    expect((await slash(fake, 'help')).text).not.toMatch(DMS_CLOSED_NOTICE);
    expect(postedInPublic(fake)).not.toMatch(DMS_CLOSED_NOTICE);

    const privacy = await slash(fake, 'privacy');
    expect(privacy.ephemeral).toBe(true);
    expect(privacy.text).toMatch(DMS_CLOSED_NOTICE);
    expect((await slash(fake, 'privacy')).text).not.toMatch(DMS_CLOSED_NOTICE);
  });
});
