import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckinTick } from '../../src/checkins/tick.ts';
import { handleLine } from '../../src/commands/dispatch.ts';
import { buildCommandRegistry } from '../../src/commands/index.ts';
import { discordCheckinDelivery } from '../../src/discord/checkin-delivery.ts';
import { doneMilestones } from '../../src/members/store.ts';
import { inboxSettled, storedTurns } from '../support/app.ts';
import { useBotHarness } from '../support/bot-harness.ts';
import { runCli, runCliProcess } from '../support/cli.ts';
import { type RestCall, startFakeDiscord } from '../support/fake-discord.ts';
import { pause, until } from '../support/wait.ts';

const startHarness = useBotHarness();
const start = (options: { coachChannelIds?: string[]; openai?: boolean; retryDelaysMs?: number[] } = {}) =>
  startHarness({ openai: options.openai, settings: { coachChannelIds: options.coachChannelIds, retryDelaysMs: options.retryDelaysMs } });

const isPost = (call: RestCall, channelId?: string) =>
  call.method === 'POST' &&
  /^\/channels\/\d+\/messages$/.test(call.path) &&
  (call.status ?? 200) < 300 &&
  (channelId === undefined || call.path === `/channels/${channelId}/messages`);
const contentOf = (call: RestCall) => String((call.body as { content?: string }).content ?? '');

describe('Pivot on Discord (loopback)', () => {
  it('answers a DM with a grounded, cited reply that pings nobody', async () => {
    const { fake } = await start();
    await fake.sendDirectMessage({ userId: '900001', username: 'ana', content: 'What does an entry-level ML engineer earn in the UK? @everyone' });
    const call = await fake.waitForCall((c) => isPost(c));
    expect(contentOf(call)).toContain('£34,000');
    expect(contentOf(call)).toMatch(/Sources: \[1\] /);
    expect(contentOf(call)).not.toMatch(/\[[a-z0-9-]+\/[a-z0-9-]+\]/);
    expect((call.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
    const buttons = JSON.stringify((call.body as { components?: unknown }).components);
    expect(buttons).toContain('feedback:');
  });

  it('answers a mention in a thread it starts, then follow-ups in the thread without a mention', async () => {
    const { fake, app } = await start();
    await fake.sendGuildMessage({ userId: '900002', username: 'ben', content: 'How long does the switch to ML take?', mentionsBot: true });
    const threadCall = await fake.waitForCall((c) => c.method === 'POST' && /\/messages\/\d+\/threads$/.test(c.path));
    const first = await fake.waitForCall((c) => isPost(c) && !c.path.includes(fake.channelId));
    const threadId = first.path.split('/')[2] ?? '';
    expect((threadCall.body as { name: string }).name).toContain('How long does the switch');

    await fake.sendGuildMessage({ userId: '900002', username: 'ben', content: 'And what about the 90 day plan?', channelId: threadId });
    await fake.waitForCall((c) => isPost(c, threadId) && c !== first);
    const turns = storedTurns(app);
    expect(turns).toHaveLength(2);
    expect(turns.map((t) => t.conversation_id)).toEqual([`thread:${threadId}`, `thread:${threadId}`]);
  });

  it('ignores chatter that does not address it, and channels outside COACH_CHANNEL_IDS', async () => {
    const { fake, app } = await start({ coachChannelIds: ['123456789012'] });
    await fake.sendGuildMessage({ userId: '900003', username: 'cy', content: 'anyone watching the match tonight?' });
    await fake.sendGuildMessage({ userId: '900003', username: 'cy', content: 'What do ML engineers earn?', mentionsBot: true });
    // What is checked is that nothing is posted: time for a wrong reply to come, not a condition.
    await pause(600);
    expect(fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/channels/'))).toEqual([]);
    expect(storedTurns(app)).toEqual([]);
  });

  it('splits a 5,000-character answer into messages of at most 2,000 characters', async () => {
    const { fake, app, openai } = await start({ openai: true });
    const long = Array.from({ length: 70 }, (_, i) => `Point ${i}: keep building production ML skills every single week.`).join(' ');
    openai?.respondWith({ text: `${long} ${long}`.slice(0, 5000) });
    await fake.sendDirectMessage({ userId: '900004', username: 'dee', content: 'Give me a long plan for learning MLOps please' });
    await fake.waitForCall((c) => isPost(c) && JSON.stringify(c.body).includes('Sources') === false && contentOf(c).length > 0);
    await until(() => inboxSettled(app), 'every part delivered');
    const posts = fake.calls.filter((c) => isPost(c));
    expect(posts.length).toBeGreaterThanOrEqual(3);
    for (const post of posts) expect(contentOf(post).length).toBeLessThanOrEqual(2000);
    expect(posts.map(contentOf).join(' ').replace(/\s+/g, ' ')).toContain('Point 69');
  });

  it('acknowledges /ask within 3 seconds, then edits in the answer', async () => {
    const { fake } = await start();
    const sent = Date.now();
    const { token } = await fake.sendInteraction({
      userId: '900005',
      username: 'eve',
      command: 'ask',
      options: { question: 'Do I need a PhD to become an ML engineer?' },
    });
    const ack = await fake.waitForCall((c) => c.path.endsWith('/callback'));
    expect(ack.at - sent).toBeLessThan(3000);
    expect((ack.body as { type: number }).type).toBe(5);
    const edit = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
    expect(contentOf(edit)).toMatch(/PhD/);
    expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
  });

  it('retries a 429 on send and delivers the answer exactly once', async () => {
    const { fake, app } = await start();
    fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, { status: 429, retryAfter: 0.2 });
    await fake.sendDirectMessage({ userId: '900006', username: 'fay', content: 'Which ML roles suit a backend engineer first?' });
    await fake.waitForCall((c) => isPost(c));
    await until(() => inboxSettled(app), 'the answer delivered');
    const attempts = fake.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(fake.botMessages().filter((m) => m.via === 'channel')).toHaveLength(1);
  });

  it('keeps two members interleaved apart: each gets the answer to their own question', async () => {
    const { fake, app } = await start();
    await Promise.all([
      fake.sendDirectMessage({ userId: '900007', username: 'gus', content: 'What do entry level ML engineers earn in the UK?' }),
      fake.sendDirectMessage({ userId: '900008', username: 'hal', content: 'Do I need a PhD for ML engineering?' }),
    ]);
    await fake.waitForCall(() => fake.calls.filter((c) => isPost(c)).length >= 2);
    const posts = fake.calls.filter((c) => isPost(c));
    const turns = storedTurns(app);
    const byMember = new Map(turns.map((t) => [t.member_id, t]));
    const gusChannel = byMember.get('900007')?.conversation_id.replace('dm:', '');
    const halChannel = byMember.get('900008')?.conversation_id.replace('dm:', '');
    expect(gusChannel).not.toBe(halChannel);
    expect(contentOf(posts.find((p) => p.path === `/channels/${gusChannel}/messages`) as RestCall)).toContain('£');
    expect(contentOf(posts.find((p) => p.path === `/channels/${halChannel}/messages`) as RestCall)).toMatch(/PhD/);
  });

  it('records 👍 feedback against the answered turn', async () => {
    const { fake, app } = await start();
    await fake.sendDirectMessage({ userId: '900009', username: 'ivy', content: 'How should I rewrite my CV for ML roles?' });
    const post = await fake.waitForCall((c) => isPost(c));
    const messageId = fake.botMessages().find((m) => m.via === 'channel')?.messageId ?? '';
    const customId = /"custom_id":"(feedback:\d+:up)"/.exec(JSON.stringify(post.body))?.[1] ?? '';
    await fake.sendComponentInteraction({ userId: '900009', username: 'ivy', customId, messageId, channelId: post.path.split('/')[2] });
    await fake.waitForCall((c) => c.path.endsWith('/callback'));
    const rows = app.db.$client.prepare('SELECT turn_id, member_id, helpful FROM feedback').all();
    expect(rows).toEqual([{ turn_id: storedTurns(app).length, member_id: '900009', helpful: 1 }]);
  });
});

describe('interview practice over Discord', () => {
  it('asks with /interview practice in a DM and scores the next DM message', async () => {
    const { fake, app } = await start();
    const { token } = await fake.sendInteraction({
      userId: '900011',
      username: 'kai',
      command: 'interview',
      subcommand: 'practice',
      options: { topic: 'mlops' },
      dm: true,
    });
    const asked = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
    expect(contentOf(asked)).toMatch(/Practice question \(mlops/);
    await fake.sendDirectMessage({
      userId: '900011',
      username: 'kai',
      content: 'I would ship the model behind an API with a canary, monitor drift and roll back on alerts.',
    });
    const scored = await fake.waitForCall((c) => isPost(c) && /Structure: \d\/5/.test(contentOf(c)));
    expect(contentOf(scored)).toMatch(/Technical depth: \d\/5/);
    const rows = app.db.$client.prepare("SELECT status FROM practice_sessions WHERE member_id = '900011'").all();
    expect(rows).toEqual([{ status: 'answered' }]);
  });
});

describe('weekly check-ins over Discord', () => {
  it('DMs the check-in with buttons; On track records the milestone, Stuck takes a form and answers from the guides, Skip is acknowledged', async () => {
    const { fake, app, bot } = await start();
    const member = '900012';
    const talk = (text: string) => handleLine(app.commands, app.core, { memberId: member, origin: { kind: 'dm', conversationId: `dm:${member}` }, text });
    await talk('/profile set track:ml-platform timezone:Europe/London');
    await talk('/checkin on day:monday time:09:00');
    const report = await runCheckinTick(app.core, discordCheckinDelivery(bot.client), new Date('2026-11-30T09:05:00Z'));
    expect(report.sent.map((s) => s.member)).toEqual([member]);
    const dm = fake.botMessages().find((m) => m.content.startsWith('Weekly check-in'));
    expect(JSON.stringify(dm?.components)).toContain('checkin:2026-W49:on-track');
    expect(dm?.allowedMentions).toMatchObject({ parse: [] });

    await fake.sendComponentInteraction({ userId: member, username: 'lou', customId: 'checkin:2026-W49:on-track', messageId: dm?.messageId ?? '' });
    const menuCall = await fake.waitForCall((c) => c.path.endsWith('/callback') && JSON.stringify(c.body).includes('checkin-done:2026-W49'));
    const menuMessage = fake.botMessages().find((m) => JSON.stringify(m.components).includes('checkin-done:2026-W49'));
    const milestone = app.core.roadmaps.milestones('ml-platform')[0]?.id ?? '';
    expect(JSON.stringify(menuCall.body)).toContain(milestone);
    await fake.sendComponentInteraction({
      userId: member,
      username: 'lou',
      customId: 'checkin-done:2026-W49',
      messageId: menuMessage?.messageId ?? '',
      componentType: 3,
      values: [milestone],
    });
    await fake.waitForCall((c) => c.path.endsWith('/callback') && JSON.stringify(c.body).includes('Marked done'));
    expect([...doneMilestones(app.db, member).keys()]).toEqual([milestone]);
    expect(app.db.$client.prepare('SELECT response FROM checkin_deliveries WHERE member_id = ?').get(member)).toEqual({ response: 'on-track' });

    await fake.sendComponentInteraction({ userId: member, username: 'lou', customId: 'checkin:2026-W49:stuck', messageId: dm?.messageId ?? '' });
    const modal = await fake.waitForCall((c) => c.path.endsWith('/callback') && (c.body as { type?: number }).type === 9);
    expect(JSON.stringify(modal.body)).toContain('checkin-stuck:2026-W49');
    const { token } = await fake.sendModalSubmit({
      userId: member,
      username: 'lou',
      customId: 'checkin-stuck:2026-W49',
      values: { blocker: 'I cannot find time to study statistics while working full time' },
      dm: true,
    });
    const advice = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
    expect(contentOf(advice)).toMatch(/Thanks for saying what blocks you/);
    expect(contentOf(advice)).toMatch(/Sources: \[1\]/);
    expect(app.db.$client.prepare('SELECT response, blocker FROM checkin_deliveries WHERE member_id = ?').get(member)).toEqual({
      response: 'stuck',
      blocker: 'I cannot find time to study statistics while working full time',
    });

    await fake.sendComponentInteraction({ userId: member, username: 'lou', customId: 'checkin:2026-W49:skip', messageId: dm?.messageId ?? '' });
    await fake.waitForCall((c) => c.path.endsWith('/callback') && JSON.stringify(c.body).includes('Skipping this week'));
  });
});

describe('delivery failures', () => {
  it('logs a reply Discord keeps refusing and apologises on the next answer', async () => {
    // discord.js tries each request 4 times; the bot tries the delivery twice (one retry after 50 ms).
    const { fake, app } = await start({ retryDelaysMs: [50] });
    for (let i = 0; i < 8; i++) fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, { status: 500 });
    await fake.sendDirectMessage({ userId: '900010', username: 'jo', content: 'What do ML engineers earn in the UK?' });
    await fake.waitForCall(() => fake.calls.filter((c) => c.status === 500).length >= 8, 15_000);
    await until(() => inboxSettled(app), 'the delivery given up');
    await fake.sendDirectMessage({ userId: '900010', username: 'jo', content: 'Do I need a PhD?' });
    const apology = await fake.waitForCall((c) => isPost(c) && contentOf(c).includes('did not get through'));
    const answer = await fake.waitForCall((c) => isPost(c) && c !== apology && /PhD/.test(contentOf(c)));
    expect(answer.at).toBeGreaterThanOrEqual(apology.at);
  });
});

describe('pivot register-commands', () => {
  it('registers the registry as slash commands and reports what changed', async () => {
    const fake = await startFakeDiscord();
    try {
      const env = { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_GUILD_ID: fake.guildId, DISCORD_API_URL: fake.apiURL };
      const first = await runCli(['register-commands', '--json'], env);
      expect(first.code).toBe(0);
      const names = [...buildCommandRegistry().keys()];
      expect(names).toEqual(expect.arrayContaining(['ask', 'help', 'profile', 'plan', 'done']));
      expect(JSON.parse(first.stdout)).toEqual({ scope: 'guild', added: names, updated: [], removed: [], unchanged: [] });
      const ask = fake.commands(fake.guildId).find((c) => c.name === 'ask') as { options: { name: string; type: number; required: boolean }[] };
      expect(ask.options).toEqual([expect.objectContaining({ name: 'question', type: 3, required: true })]);
      const second = await runCli(['register-commands', '--json'], env);
      expect(JSON.parse(second.stdout)).toMatchObject({ added: [], updated: [], unchanged: names });
      expect(second.stderr).not.toContain(fake.token);
    } finally {
      await fake.close();
    }
  }, 90_000);

  it("holds /resume rewrite to Discord's 6,000-character text option; longer CVs come as a file", async () => {
    const fake = await startFakeDiscord();
    try {
      const env = { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_GUILD_ID: fake.guildId, DISCORD_API_URL: fake.apiURL };
      const result = await runCli(['register-commands', '--json'], env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const resume = fake.commands(fake.guildId).find((c) => c.name === 'resume') as { options: { name: string; options: Record<string, unknown>[] }[] };
      const rewrite = resume.options.find((o) => o.name === 'rewrite');
      expect(rewrite?.options).toEqual([
        expect.objectContaining({ name: 'bullet', type: 3, max_length: 6000 }),
        expect.objectContaining({ name: 'bullet_file', type: 11 }),
      ]);
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('refuses a definition Discord would refuse with exit 2, naming command and option, before any request', async () => {
    const fake = await startFakeDiscord();
    try {
      const env = { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_GUILD_ID: fake.guildId, DISCORD_API_URL: fake.apiURL };
      const preload = join(import.meta.dirname, '../support/preload/broken-command-definition.ts');
      const result = await runCliProcess(['register-commands', '--json'], env, '', [preload]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Not registering');
      expect(result.stderr).toContain('/ask, option "topic", choices: Must be 25 or fewer in length.');
      expect(fake.calls).toEqual([]);
      expect(fake.commands(fake.guildId)).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 60_000);
});

describe('pivot run with DISCORD_TOKEN', () => {
  it('logs in, then exits 0 on SIGTERM', async () => {
    const fake = await startFakeDiscord();
    try {
      const { spawn } = await import('node:child_process');
      const { join, resolve } = await import('node:path');
      const { tempDir } = await import('../support/cli.ts');
      const root = resolve(import.meta.dirname, '../..');
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'run'], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          LOG_LEVEL: 'info',
          DATABASE_PATH: join(tempDir(), 'bot.db'),
          DISCORD_TOKEN: fake.token,
          DISCORD_APP_ID: fake.appId,
          DISCORD_API_URL: fake.apiURL,
        },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
      const deadline = Date.now() + 20_000;
      while (!stderr.includes('Discord bot ready') && Date.now() < deadline) await pause(100);
      expect(stderr).toContain('Discord bot ready');
      expect(stderr).not.toContain(fake.token);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
