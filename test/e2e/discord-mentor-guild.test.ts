import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { storedTurns } from '../support/app.ts';
import { useBotHarness } from '../support/bot-harness.ts';
import { type FakeDiscord, isReplyPost, type RestCall } from '../support/fake-discord.ts';

const MENTOR_ROLE_ID = '880000000000000001';
const VICTIM = '710000000000000001';
const MENTOR = '710000000000000002';
/** A plain member of the community who owns (and administers) another server the bot was invited to. */
const ATTACKER = '710000000000000003';
const SECRET = 'my salary at Globex is 81k and I am leaving in March';
const ADMINISTRATOR = String(PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild);

const startHarness = useBotHarness();

async function start(options: { communityGuild: boolean }) {
  const harness = await startHarness({
    fake: { roles: [{ id: MENTOR_ROLE_ID, name: 'Mentor' }], secondGuild: { ownerUserId: ATTACKER } },
    settings: (fake) => ({ guildId: options.communityGuild ? fake.guildId : undefined, mentorRoleId: MENTOR_ROLE_ID }),
  });
  const { fake } = harness;
  fake.setMember(MENTOR, { roles: [MENTOR_ROLE_ID] });
  fake.setMember(ATTACKER, { roles: [], permissions: ADMINISTRATOR, guildId: second(fake).guildId });
  return harness;
}

const second = (fake: FakeDiscord) => {
  if (!fake.secondGuild) throw new Error('started without a second guild');
  return fake.secondGuild;
};
const contentOf = (call: RestCall) => String((call.body as { content?: string } | undefined)?.content ?? '');
const dmReplyTo = (fake: FakeDiscord, userId: string, matching: RegExp) =>
  fake.waitForCall((c) => isReplyPost(c) && fake.dmRecipient(c.path.split('/')[2] ?? '') === userId && matching.test(contentOf(c)));
/** Everything the bot sent anywhere: message bodies and the files attached to them. */
const everythingSent = (fake: FakeDiscord) =>
  fake.calls.map((c) => `${JSON.stringify(c.body ?? null)}\n${(c.files ?? []).map((f) => f.text ?? '').join('\n')}`).join('\n');

/** The victim asks something private by DM and lets mentors read their log. */
async function victimConsents(fake: FakeDiscord) {
  await fake.sendDirectMessage({ userId: VICTIM, username: 'vic', content: `How do I negotiate? ${SECRET}` });
  await dmReplyTo(fake, VICTIM, /./);
  await fake.sendDirectMessage({ userId: VICTIM, username: 'vic', content: '/privacy mentors:on' });
  await dmReplyTo(fake, VICTIM, /Mentors may now read/);
}

describe('mentor status comes only from the community guild (loopback Discord)', () => {
  it('gives an owner of another server no mentor access, by slash command or by a command typed after a mention', async () => {
    const { fake, app } = await start({ communityGuild: true });
    await victimConsents(fake);
    const otherServer = second(fake);

    const logs = await fake.sendInteraction({
      userId: ATTACKER,
      username: 'eve',
      command: 'mentor',
      subcommand: 'logs',
      options: { member: VICTIM },
      channelId: otherServer.channelId,
    });
    const mentees = await fake.sendInteraction({
      userId: ATTACKER,
      username: 'eve',
      command: 'mentor',
      subcommand: 'mentees',
      channelId: otherServer.channelId,
    });
    const typed = await fake.sendGuildMessage({
      userId: ATTACKER,
      username: 'eve',
      content: `/mentor logs member:${VICTIM}`,
      channelId: otherServer.channelId,
      mentionsBot: true,
    });
    const question = await fake.sendGuildMessage({
      userId: ATTACKER,
      username: 'eve',
      content: 'What do ML engineers earn?',
      channelId: otherServer.channelId,
      mentionsBot: true,
    });
    // The same attacker in a DM: mentor status is read from the community guild, where they are a plain member.
    await fake.sendDirectMessage({ userId: ATTACKER, username: 'eve', content: `/mentor logs member:${VICTIM}` });
    await dmReplyTo(fake, ATTACKER, /Only mentors can use \/mentor/);

    expect(everythingSent(fake)).not.toContain(SECRET);
    expect(app.db.$client.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
    // Events from the other server are ignored: no acknowledgement, no thread, no reply, nothing recorded.
    expect(fake.calls.filter((c) => [logs.token, mentees.token].some((token) => c.path.includes(token)))).toEqual([]);
    expect(fake.calls.filter((c) => c.path.includes(otherServer.channelId) || c.path.includes(typed) || c.path.includes(question))).toEqual([]);
    const inbox = app.db.$client.prepare('SELECT count(*) FROM discord_inbox WHERE message_id IN (?, ?)').pluck().get(typed, question);
    expect(inbox).toBe(0);
    expect(storedTurns(app).map((t) => t.member_id)).not.toContain(ATTACKER);
  });

  it('still takes mentors from the community guild: its role, in a DM, by slash command and typed after a mention there', async () => {
    const { fake } = await start({ communityGuild: true });
    await victimConsents(fake);

    const { token } = await fake.sendInteraction({ userId: MENTOR, username: 'maya', command: 'mentor', subcommand: 'mentees' });
    const listed = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
    expect(contentOf(listed)).toContain(VICTIM);

    await fake.sendGuildMessage({ userId: MENTOR, username: 'maya', content: `/mentor logs member:${VICTIM}`, mentionsBot: true });
    const log = await fake.waitForCall((c) => isReplyPost(c) && (c.files ?? []).length > 0);
    expect(fake.dmRecipient(log.path.split('/')[2] ?? '')).toBe(MENTOR);
    expect(log.files?.[0]?.text).toContain(SECRET);

    await fake.sendDirectMessage({ userId: MENTOR, username: 'maya', content: '/mentor mentees' });
    expect(contentOf(await dmReplyTo(fake, MENTOR, /Mentees/))).toContain(VICTIM);
    expect(fake.calls.some((c) => c.method === 'GET' && c.path === `/guilds/${fake.guildId}/members/${MENTOR}`)).toBe(true);
  });

  it('refuses mentor commands, naming DISCORD_GUILD_ID, when the community guild is not set', async () => {
    const { fake, app } = await start({ communityGuild: false });
    await victimConsents(fake);

    // An owner of any server, a member with the mentor role, by slash command, typed after a mention or in a DM.
    const owner = await fake.sendInteraction({
      userId: ATTACKER,
      username: 'eve',
      command: 'mentor',
      subcommand: 'logs',
      options: { member: VICTIM },
      channelId: second(fake).channelId,
    });
    const refusedOwner = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(owner.token) && c.path.endsWith('@original'));
    expect(contentOf(refusedOwner)).toMatch(/DISCORD_GUILD_ID/);
    const mentor = await fake.sendInteraction({ userId: MENTOR, username: 'maya', command: 'mentor', subcommand: 'mentees' });
    const refusedMentor = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(mentor.token) && c.path.endsWith('@original'));
    expect(contentOf(refusedMentor)).toMatch(/DISCORD_GUILD_ID/);
    await fake.sendGuildMessage({
      userId: ATTACKER,
      username: 'eve',
      content: `/mentor logs member:${VICTIM}`,
      channelId: second(fake).channelId,
      mentionsBot: true,
    });
    await fake.waitForCall((c) => isReplyPost(c) && /DISCORD_GUILD_ID/.test(contentOf(c)));
    await fake.sendDirectMessage({ userId: MENTOR, username: 'maya', content: '/mentor mentees' });
    await dmReplyTo(fake, MENTOR, /DISCORD_GUILD_ID/);

    expect(everythingSent(fake)).not.toContain(SECRET);
    expect(app.db.$client.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });
});
