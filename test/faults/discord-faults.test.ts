import { describe, expect, it } from 'vitest';
import { inboxSettled, storedTurns } from '../support/app.ts';
import { useBotHarness } from '../support/bot-harness.ts';
import { type FakeDiscord, isReplyPost, REPLY_POST } from '../support/fake-discord.ts';
import { pause, until } from '../support/wait.ts';

const startHarness = useBotHarness();
const start = () => startHarness({ settings: { retryDelaysMs: [300] } });

/** What the member sees: the bot's messages replying to each of their messages, by message id. */
const repliesTo = (fake: FakeDiscord, messageId: string) => fake.botMessages().filter((m) => m.referencedMessageId === messageId);

const MEMBER = { userId: '910001', username: 'ana' };
const QUESTIONS = [
  'What does an entry-level ML engineer earn in the UK?',
  'Do I need a PhD to become an ML engineer?',
  'How long does the switch from backend to ML take?',
  'Which ML roles suit a backend engineer first?',
];

describe('Discord REST faults on the reply', () => {
  it('a per-route 429 and a global 429: the reply arrives once', async () => {
    const { fake, app } = await start();
    fake.failNext(REPLY_POST, { status: 429, retryAfter: 0.2 });
    const first = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[0] ?? '' });
    await until(() => repliesTo(fake, first).length === 1);
    fake.failNext(REPLY_POST, { status: 429, retryAfter: 0.3, global: true });
    const second = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[1] ?? '' });
    await until(() => repliesTo(fake, second).length === 1);
    await until(() => inboxSettled(app), 'every answer finished with');
    expect(fake.calls.filter(isReplyPost).map((c) => c.status)).toEqual([429, 200, 429, 200]);
    expect(repliesTo(fake, first)).toHaveLength(1);
    expect(repliesTo(fake, second)).toHaveLength(1);
  });

  it('a 500 or 502 after Discord created the message: the retry carries the same nonce and no duplicate appears', async () => {
    const { fake, app } = await start();
    fake.failNext(REPLY_POST, { status: 500, afterCommit: true });
    fake.failNext(REPLY_POST, { status: 502, afterCommit: true });
    const id = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[2] ?? '' });
    await until(() => fake.calls.filter(isReplyPost).length === 3);
    await until(() => inboxSettled(app), 'every answer finished with');
    const posts = fake.calls.filter(isReplyPost);
    expect(posts.map((c) => c.status)).toEqual([500, 502, 200]);
    const nonces = posts.map((c) => (c.body as { nonce?: string; enforce_nonce?: boolean }).nonce);
    expect(new Set(nonces).size).toBe(1);
    expect(posts.every((c) => (c.body as { enforce_nonce?: boolean }).enforce_nonce === true)).toBe(true);
    expect(repliesTo(fake, id)).toHaveLength(1);
    expect(app.db.$client.prepare('SELECT status, parts FROM discord_inbox WHERE message_id = ?').get(id)).toEqual({ status: 'sent', parts: null });
  });

  it('an outage longer than discord.js retries: the bot tries again later and the reply still arrives once, without an apology', async () => {
    const { fake, app } = await start();
    for (let i = 0; i < 4; i++) fake.failNext(REPLY_POST, { status: 502 });
    const id = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[3] ?? '' });
    await until(() => repliesTo(fake, id).length === 1);
    await until(() => inboxSettled(app), 'every answer finished with');
    expect(fake.calls.filter(isReplyPost).map((c) => c.status)).toEqual([502, 502, 502, 502, 200]);
    expect(repliesTo(fake, id)).toHaveLength(1);
    expect(repliesTo(fake, id)[0]?.content).not.toContain('did not get through');
  });
});

describe('Discord gateway faults', () => {
  it('gateway closed mid-conversation with a resumable code: resumed, and the messages sent meanwhile are answered once, in order', async () => {
    const { fake, app } = await start();
    const slowReplies = fake.addLatency(REPLY_POST, 400);
    const inFlight = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[0] ?? '' });
    await fake.waitForCall(isReplyPost);
    fake.disconnectGateway(4000);
    const whileDown = [];
    for (const content of QUESTIONS.slice(1, 3)) whileDown.push(await fake.sendDirectMessage({ ...MEMBER, content }));
    slowReplies();
    await until(() => fake.gatewayConnections().some((c) => c.received.some((p) => p.op === 6)));
    const after = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[3] ?? '' });
    const ids = [inFlight, ...whileDown, after];
    await until(() => ids.every((id) => repliesTo(fake, id).length > 0));
    await until(() => inboxSettled(app), 'every answer finished with');
    expect(ids.map((id) => repliesTo(fake, id).length)).toEqual([1, 1, 1, 1]);
    const order = fake.botMessages().map((m) => m.referencedMessageId);
    expect(order).toEqual(ids);
    expect(storedTurns(app)).toHaveLength(4);
    expect(fake.gatewayConnections().filter((c) => c.received.some((p) => p.op === 2))).toHaveLength(1);
  });

  it('invalid session (op 9): the bot identifies afresh, reads back the message the gap swallowed, and answers everything once', async () => {
    const { fake, app } = await start();
    const slowReplies = fake.addLatency(REPLY_POST, 400);
    const inFlight = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[0] ?? '' });
    await fake.waitForCall(isReplyPost);
    fake.invalidateSessions();
    // Discord does not deliver this one: the session it would go to is gone and no new one exists yet.
    const swallowed = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[1] ?? '' });
    slowReplies();
    await until(() => fake.gatewayConnections().filter((c) => c.identified).length === 2);
    await until(() => repliesTo(fake, swallowed).length > 0);
    const after = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[2] ?? '' });
    const ids = [inFlight, swallowed, after];
    await until(() => ids.every((id) => repliesTo(fake, id).length > 0));
    await until(() => inboxSettled(app), 'every answer finished with');
    expect(ids.map((id) => repliesTo(fake, id).length)).toEqual([1, 1, 1]);
    expect(fake.botMessages().map((m) => m.referencedMessageId)).toEqual(ids);
    expect(storedTurns(app)).toHaveLength(3);
  }, 30_000);

  it('a message Discord delivers twice is answered once', async () => {
    const { fake, app, bot } = await start();
    const id = await fake.sendDirectMessage({ ...MEMBER, content: QUESTIONS[0] ?? '' });
    await until(() => repliesTo(fake, id).length === 1);
    // Out of discord.js's message cache (it keeps the last 200 per channel), a replayed event reaches the bot.
    for (const channel of bot.client.channels.cache.values()) if (channel.isTextBased()) channel.messages.cache.clear();
    await fake.redispatchMessage(id);
    // What is checked is that nothing happens: there is no condition to wait for, only time for a wrong reply to come.
    await pause(500);
    expect(repliesTo(fake, id)).toHaveLength(1);
    expect(storedTurns(app)).toHaveLength(1);
  });
});
