import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { useBotHarness } from '../support/bot-harness.ts';
import type { FakeDiscord, RestCall } from '../support/fake-discord.ts';

const MENTOR_ROLE_ID = '880000000000000001';
const MEMBER = '700000000000000001';
const MENTOR = '700000000000000002';
const ADMIN = '700000000000000003';
const STRANGER = '700000000000000004';

const startHarness = useBotHarness();

async function start() {
  const harness = await startHarness({
    fake: { roles: [{ id: MENTOR_ROLE_ID, name: 'Mentor' }] },
    settings: (fake) => ({ guildId: fake.guildId, mentorRoleId: MENTOR_ROLE_ID }),
  });
  const { fake } = harness;
  fake.setMember(MENTOR, { roles: [MENTOR_ROLE_ID] });
  fake.setMember(ADMIN, { roles: [], permissions: String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages) });
  return harness;
}

const edited = (fake: FakeDiscord, token: string) => fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
const contentOf = (call: RestCall) => String((call.body as { content?: string } | undefined)?.content ?? '');
const deferredEphemerally = (fake: FakeDiscord, token: string) =>
  fake.waitForCall((c) => c.path.includes(token) && c.path.endsWith('/callback')).then((c) => (c.body as { data?: { flags?: number } }).data?.flags === 64);

async function slash(fake: FakeDiscord, userId: string, command: string, subcommand?: string, options?: Record<string, string>) {
  const { token } = await fake.sendInteraction({ userId, username: `u${userId.slice(-1)}`, command, subcommand, options });
  return { token, ephemeral: await deferredEphemerally(fake, token), reply: await edited(fake, token) };
}

describe('mentors and privacy on Discord (loopback)', () => {
  it('lets a mentor read a consenting member’s log as a Markdown file, privately, and refuses everyone else', async () => {
    const { fake, app } = await start();
    await fake.sendDirectMessage({ userId: MEMBER, username: 'ana', content: 'How long does the switch to ML engineering take?' });
    await fake.waitForCall((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));

    const refused = await slash(fake, MENTOR, 'mentor', 'logs', { member: MEMBER });
    expect(contentOf(refused.reply)).toMatch(/has not allowed mentors/);

    const consent = await slash(fake, MEMBER, 'privacy', undefined, { mentors: 'on' });
    expect(consent.ephemeral).toBe(true);
    expect(contentOf(consent.reply)).toMatch(/Mentors may now read/);

    const stranger = await slash(fake, STRANGER, 'mentor', 'logs', { member: MEMBER });
    expect(contentOf(stranger.reply)).toMatch(/Only mentors can use \/mentor/);

    const log = await slash(fake, MENTOR, 'mentor', 'logs', { member: MEMBER });
    expect(log.ephemeral).toBe(true);
    const file = log.reply.files?.[0];
    expect(file?.name).toBe(`pivot-log-${MEMBER}.md`);
    expect(file?.text).toContain('How long does the switch to ML engineering take?');

    const admin = await slash(fake, ADMIN, 'mentor', 'mentees');
    expect(contentOf(admin.reply)).toContain(MEMBER);

    const privacy = await slash(fake, MEMBER, 'privacy');
    expect(contentOf(privacy.reply)).toMatch(/u2 read your conversation log \(1 turn\)/);
    expect(contentOf(privacy.reply)).toMatch(/u3 saw you in the mentee list/);
    expect(app.db.$client.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(2);
  });

  it('sends /export as a JSON file by DM and says so where it was asked', async () => {
    const { fake } = await start();
    await slash(fake, MEMBER, 'profile', 'set', { track: 'applied-ml' });
    const asked = await slash(fake, MEMBER, 'export');
    expect(contentOf(asked.reply)).toBe('I sent it to your DMs.');
    const dm = fake.calls.find((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.files?.length);
    expect(dm && fake.dmRecipient(dm.path.split('/')[2] ?? '')).toBe(MEMBER);
    const data = JSON.parse(dm?.files?.[0]?.text ?? '{}');
    expect(data).toMatchObject({ member: MEMBER, profile: { track: 'applied-ml' } });
  });

  it('asks before /forget with a button only the member sees, and erases on the click', async () => {
    const { fake, app } = await start();
    await slash(fake, MEMBER, 'profile', 'set', { track: 'applied-ml' });
    const asked = await slash(fake, MEMBER, 'forget');
    expect(asked.ephemeral).toBe(true);
    expect(contentOf(asked.reply)).toMatch(/cannot be undone/);
    const button = JSON.stringify((asked.reply.body as { components?: unknown }).components);
    expect(button).toContain('confirm:/forget confirm:yes');
    expect(app.db.$client.prepare('SELECT count(*) FROM members').pluck().get()).toBe(1);

    const original = fake
      .botMessages()
      .filter((m) => m.content.includes('cannot be undone'))
      .at(-1);
    await fake.sendComponentInteraction({ userId: MEMBER, username: 'ana', customId: 'confirm:/forget confirm:yes', messageId: original?.messageId ?? '' });
    const done = await fake.waitForCall((c) => c.method === 'PATCH' && contentOf(c).includes('erased everything'));
    expect((done.body as { components?: unknown[] }).components).toEqual([]);
    expect(app.db.$client.prepare('SELECT count(*) FROM members').pluck().get()).toBe(0);
  });

  it('checks mentor roles for commands typed in a DM through the guild, and moves private replies out of shared threads', async () => {
    const { fake } = await start();
    await fake.sendDirectMessage({ userId: MENTOR, username: 'maya', content: '/mentor mentees' });
    const mentees = await fake.waitForCall((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));
    expect(contentOf(mentees)).toMatch(/No member has allowed mentors/);
    expect(fake.calls.some((c) => c.method === 'GET' && c.path === `/guilds/${fake.guildId}/members/${MENTOR}`)).toBe(true);

    await fake.sendGuildMessage({ userId: MEMBER, username: 'ana', content: '/privacy', mentionsBot: true });
    const pointer = await fake.waitForCall((c) => c.method === 'POST' && contentOf(c).includes('I sent my reply to your DMs.'));
    expect(fake.dmRecipient(pointer.path.split('/')[2] ?? '')).toBeUndefined();
    const privately = fake.calls.find((c) => c.method === 'POST' && contentOf(c).includes('What I store about you'));
    expect(privately && fake.dmRecipient(privately.path.split('/')[2] ?? '')).toBe(MEMBER);
  });
});
