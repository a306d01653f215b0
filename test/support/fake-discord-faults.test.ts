import { once } from 'node:events';
import { Client, type ClientEvents, Events, GatewayIntentBits, type Message, Partials } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, type RestCall, startFakeDiscord } from './fake-discord.ts';
import { until } from './wait.ts';

const MEMBER = { userId: '200000000000000011', username: 'ada' };

let fake: FakeDiscord;
let client: Client | undefined;

beforeEach(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await fake.close();
});

async function readyClient(): Promise<Client<true>> {
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
    partials: [Partials.Channel],
    rest: { api: fake.apiURL },
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  const [readyClient] = (await ready) as [Client<true>];
  return readyClient;
}

function nextEvent<Event extends keyof ClientEvents>(on: Client, event: Event, timeoutMs = 8000): Promise<ClientEvents[Event]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${timeoutMs} ms`)), timeoutMs);
    on.once(event, ((...args: ClientEvents[Event]) => {
      clearTimeout(timer);
      resolve(args);
    }) as never);
  });
}

function collectMessages(on: Client): Message[] {
  const seen: Message[] = [];
  on.on(Events.MessageCreate, (m) => seen.push(m));
  return seen;
}

const postsTo = (channelId: string) => (c: RestCall) => c.method === 'POST' && c.path === `/channels/${channelId}/messages`;

describe('fake Discord: gateway faults', () => {
  it('replays on RESUME the events dispatched while the connection was down, in order', async () => {
    const bot = await readyClient();
    const seen = collectMessages(bot);
    await fake.sendDirectMessage({ ...MEMBER, content: 'before' });
    await until(() => seen.length === 1);
    const resumed = nextEvent(bot, Events.ShardResume);
    fake.disconnectGateway(4000);
    await fake.sendDirectMessage({ ...MEMBER, content: 'while down 1' });
    await fake.sendDirectMessage({ ...MEMBER, content: 'while down 2' });
    await resumed;
    await until(() => seen.length === 3);
    expect(seen.map((m) => m.content)).toEqual(['before', 'while down 1', 'while down 2']);
  });

  it('invalidates sessions with op 9: the client identifies afresh, and events meanwhile are lost, as on Discord', async () => {
    const bot = await readyClient();
    const seen = collectMessages(bot);
    const reidentified = nextEvent(bot, Events.ShardReady);
    fake.invalidateSessions();
    const lostId = await fake.sendDirectMessage({ ...MEMBER, content: 'lost in the gap' });
    await reidentified;
    await fake.sendDirectMessage({ ...MEMBER, content: 'after' });
    await until(() => seen.length === 1);
    expect(seen.map((m) => m.content)).toEqual(['after']);
    expect(fake.gatewayConnections().filter((c) => c.received.some((p) => p.op === 2))).toHaveLength(2);
    // Still there for anyone who looks: GET /channels/:id/messages lists it.
    const channel = await bot.channels.fetch(seen[0]?.channelId ?? '');
    if (!channel?.isTextBased()) throw new Error('DM should be text based');
    const listed = await channel.messages.fetch({ limit: 10 });
    expect([...listed.keys()]).toContain(lostId);
  });

  it('dispatches a message again on request (at-least-once delivery); discord.js passes it on once out of its cache', async () => {
    const bot = await readyClient();
    const seen = collectMessages(bot);
    const id = await fake.sendDirectMessage({ ...MEMBER, content: 'twice' });
    await until(() => seen.length === 1);
    await fake.redispatchMessage(id);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toHaveLength(1);
    seen[0]?.channel.messages.cache.clear();
    await fake.redispatchMessage(id);
    await until(() => seen.length === 2);
    expect(seen.map((m) => m.id)).toEqual([id, id]);
  });
});

describe('fake Discord: REST faults and idempotency', () => {
  it('a 500 after the message was created makes discord.js retry into a duplicate, unless the nonce is enforced', async () => {
    const bot = await readyClient();
    const channel = bot.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel should be sendable');
    fake.failNext({ method: 'POST', path: /messages$/ }, { status: 500, afterCommit: true });
    await channel.send({ content: 'no nonce' });
    fake.failNext({ method: 'POST', path: /messages$/ }, { status: 502, afterCommit: true });
    const sent = await channel.send({ content: 'with nonce', nonce: 'reply-1-0', enforceNonce: true });
    expect(fake.calls.filter(postsTo(fake.channelId)).map((c) => c.status)).toEqual([500, 200, 502, 200]);
    expect(fake.botMessages().map((m) => m.content)).toEqual(['no nonce', 'no nonce', 'with nonce']);
    expect(
      fake
        .channelMessages(fake.channelId)
        .filter((m) => m.content === 'with nonce')
        .map((m) => m.id),
    ).toEqual([sent.id]);
  });

  it('refuses a nonce over 25 characters', async () => {
    const bot = await readyClient();
    const channel = bot.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel should be sendable');
    await expect(channel.send({ content: 'x', nonce: 'n'.repeat(26), enforceNonce: true })).rejects.toMatchObject({ status: 400, code: 50035 });
  });

  it('answers a global 429; discord.js waits it out for every route and the message is sent once', async () => {
    const bot = await readyClient();
    const channel = bot.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel should be sendable');
    fake.failNext({ method: 'POST', path: /messages$/ }, { status: 429, retryAfter: 0.3, global: true });
    await channel.send('after a global limit');
    const posts = fake.calls.filter(postsTo(fake.channelId));
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(250);
    expect(fake.botMessages().filter((m) => m.content === 'after a global limit')).toHaveLength(1);
  });

  it('adds latency to matching calls until removed, after the call took effect', async () => {
    const bot = await readyClient();
    const channel = bot.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel should be sendable');
    const remove = fake.addLatency({ method: 'POST', path: /messages$/ }, 300);
    const started = Date.now();
    const pending = channel.send('slow');
    await fake.waitForCall(postsTo(fake.channelId));
    expect(fake.botMessages().map((m) => m.content)).toEqual(['slow']);
    await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    remove();
    const quick = Date.now();
    await channel.send('quick');
    expect(Date.now() - quick).toBeLessThan(280);
  });
});
