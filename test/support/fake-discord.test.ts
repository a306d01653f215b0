import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  type ChatInputCommandInteraction,
  Client,
  type ClientEvents,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Message,
  MessageFlags,
  Partials,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeDiscord, type RestCall, startFakeDiscord } from './fake-discord.ts';

const MEMBER = { userId: '200000000000000001', username: 'ada' };

let fake: FakeDiscord;
const clients: Client[] = [];

beforeEach(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await fake.close();
});

function newClient(): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
    partials: [Partials.Channel],
    rest: { api: fake.apiURL },
  });
  clients.push(client);
  return client;
}

async function readyClient(): Promise<Client<true>> {
  const client = newClient();
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  const [readyClient] = (await ready) as [Client<true>];
  return readyClient;
}

/** Resolves with the first event of `event` whose arguments pass `filter`. */
function nextEvent<Event extends keyof ClientEvents>(
  client: Client,
  event: Event,
  filter: (...args: ClientEvents[Event]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<ClientEvents[Event]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: ClientEvents[Event]): void => {
      if (!filter(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    };
    client.on(event, listener);
  });
}

async function nextMessage(client: Client, filter: (message: Message) => boolean = () => true): Promise<Message> {
  const [message] = await nextEvent(client, Events.MessageCreate, filter);
  return message;
}

async function nextCommand(client: Client): Promise<ChatInputCommandInteraction> {
  const [interaction] = await nextEvent(client, Events.InteractionCreate, (i) => i.isChatInputCommand());
  if (!interaction.isChatInputCommand()) throw new Error('unreachable');
  return interaction;
}

const isPost =
  (path: string) =>
  (call: RestCall): boolean =>
    call.method === 'POST' && call.path === path;

describe('fake Discord driven by the real discord.js client', () => {
  it('logs in and emits ClientReady with the guild and its channels cached', async () => {
    const client = await readyClient();

    expect(client.user.id).toBe(fake.botUserId);
    expect(client.user.bot).toBe(true);
    expect(client.application.id).toBe(fake.appId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.members.me?.id).toBe(fake.botUserId);
    expect(client.channels.cache.get(fake.channelId)?.type).toBe(ChannelType.GuildText);
    expect(client.channels.cache.get(fake.otherChannelId)?.type).toBe(ChannelType.GuildText);

    expect(fake.calls[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', status: 200 });
    expect(fake.calls[0]?.headers.authorization).toBe(`Bot ${fake.token}`);
    const [connection] = fake.gatewayConnections();
    expect(connection?.query).toEqual({ v: '10', encoding: 'json' });
    expect(connection?.identified).toBe(true);
  });

  it('rejects a wrong token like Discord does', async () => {
    const client = newClient();
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(fake.calls[0]).toMatchObject({ path: '/gateway/bot', status: 401 });
  });

  it('delivers a DM and records the reply and channel.send', async () => {
    const client = await readyClient();
    const received = nextMessage(client);

    const id = await fake.sendDirectMessage({ ...MEMBER, content: 'hello coach' });

    const message = await received;
    expect(message.id).toBe(id);
    expect(message.content).toBe('hello coach');
    expect(message.author.username).toBe('ada');
    expect(message.author.bot).toBe(false);
    expect(message.channel.isDMBased()).toBe(true);

    await message.reply('hi ada');
    if (!message.channel.isSendable()) throw new Error('DM channel should be sendable');
    await message.channel.send('second');

    const path = `/channels/${message.channelId}/messages`;
    const posts = fake.calls.filter(isPost(path));
    expect(posts).toHaveLength(2);
    expect(posts[0]?.body).toMatchObject({ content: 'hi ada', message_reference: { message_id: id } });
    expect(fake.botMessages().map(({ channelId, content, via }) => ({ channelId, content, via }))).toEqual([
      { channelId: message.channelId, content: 'hi ada', via: 'channel' },
      { channelId: message.channelId, content: 'second', via: 'channel' },
    ]);

    // discord.js reuses the DM channel it cached from the incoming message.
    await client.users.send(MEMBER.userId, 'a nudge');
    expect(fake.calls.filter(isPost(path))).toHaveLength(3);
    // A DM to someone new opens the channel through POST /users/@me/channels.
    const dm = await client.users.createDM('200000000000000002');
    expect(dm.type).toBe(ChannelType.DM);
    expect(dm.recipientId).toBe('200000000000000002');
    expect(fake.calls.at(-1)).toMatchObject({ method: 'POST', path: '/users/@me/channels', status: 200 });
  });

  it('delivers a guild mention, starts a thread from it and delivers messages in the thread', async () => {
    const client = await readyClient();
    const received = nextMessage(client);

    const id = await fake.sendGuildMessage({ ...MEMBER, content: 'help me pivot', mentionsBot: true });

    const message = await received;
    expect(message.id).toBe(id);
    expect(message.inGuild()).toBe(true);
    expect(message.guildId).toBe(fake.guildId);
    expect(message.member?.id).toBe(MEMBER.userId);
    expect(message.content).toBe(`<@${fake.botUserId}> help me pivot`);
    expect(message.mentions.users.has(fake.botUserId)).toBe(true);

    const thread = await message.startThread({ name: 'Pivot: ada' });
    expect(thread.id).toBe(message.id);
    expect(thread.parentId).toBe(fake.channelId);
    expect(fake.calls.some(isPost(`/channels/${fake.channelId}/messages/${id}/threads`))).toBe(true);

    const inThread = nextMessage(client, (m) => m.channelId === thread.id);
    await fake.sendGuildMessage({ ...MEMBER, content: 'what should I learn first?', channelId: thread.id });
    const followUp = await inThread;
    expect(followUp.channel.isThread()).toBe(true);
    expect(followUp.content).toBe('what should I learn first?');

    await thread.send('Start with linear algebra.');
    expect(fake.botMessages().at(-1)).toMatchObject({ channelId: thread.id, content: 'Start with linear algebra.' });

    const reply = nextMessage(client, (m) => m.reference?.messageId === followUp.id);
    await fake.sendGuildMessage({ ...MEMBER, content: 'ok', channelId: thread.id, replyToMessageId: followUp.id });
    expect((await reply).content).toBe('ok');
  });

  it('delivers a slash command and records deferReply then editReply', async () => {
    const client = await readyClient();
    const received = nextCommand(client);

    const { id, token } = await fake.sendInteraction({
      ...MEMBER,
      command: 'ask',
      options: { question: 'How do I start?', depth: 2 },
    });

    const interaction = await received;
    expect(interaction.id).toBe(id);
    expect(interaction.commandName).toBe('ask');
    expect(interaction.inGuild()).toBe(true);
    expect(interaction.channelId).toBe(fake.channelId);
    expect(interaction.user.id).toBe(MEMBER.userId);
    expect(interaction.options.getString('question', true)).toBe('How do I start?');
    expect(interaction.options.getInteger('depth')).toBe(2);

    await interaction.deferReply();
    const edited = await interaction.editReply('done');
    expect(edited.content).toBe('done');
    await interaction.followUp('more');

    const callback = fake.calls.find(isPost(`/interactions/${id}/${token}/callback`));
    expect(callback?.body).toMatchObject({ type: 5 });
    expect(callback?.status).toBe(204);
    const patch = fake.calls.find((c) => c.method === 'PATCH' && c.path.startsWith('/webhooks/'));
    expect(patch?.path).toBe(`/webhooks/${fake.appId}/${token}/messages/@original`);
    expect(patch?.rawPath).toContain('%40original');
    expect(patch?.body).toMatchObject({ content: 'done' });
    expect(fake.botMessages().map(({ content, via, channelId }) => ({ content, via, channelId }))).toEqual([
      { content: 'done', via: 'webhook-edit', channelId: fake.channelId },
      { content: 'more', via: 'followup', channelId: fake.channelId },
    ]);
  });

  it('registers commands and types DM slash-command options from them', async () => {
    const client = await readyClient();
    const registered = await client.application.commands.set([
      {
        name: 'goal',
        description: 'Set a goal',
        options: [
          {
            type: 1,
            name: 'set',
            description: 'Set it',
            options: [{ type: 10, name: 'weeks', description: 'How many weeks' }],
          },
        ],
      },
    ]);
    expect([...registered.values()].map((c) => c.name)).toEqual(['goal']);
    expect(fake.commands()[0]?.id).toBe(registered.first()?.id);
    await expect(client.application.commands.set([{ name: 'Bad Name', description: 'x' }], fake.guildId)).rejects.toBeInstanceOf(DiscordAPIError);

    const received = nextCommand(client);
    await fake.sendInteraction({ ...MEMBER, command: 'goal', subcommand: 'set', options: { weeks: 3 }, dm: true });
    const interaction = await received;
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.commandId).toBe(registered.first()?.id);
    expect(interaction.options.getSubcommand()).toBe('set');
    expect(interaction.options.getNumber('weeks')).toBe(3);

    await interaction.reply({ content: 'Goal set.', flags: MessageFlags.Ephemeral });
    expect(fake.botMessages()).toMatchObject([{ content: 'Goal set.', via: 'interaction-reply', ephemeral: true }]);
  });

  it('delivers a button interaction and records the message update', async () => {
    const client = await readyClient();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel should be sendable');
    const sent = await channel.send({
      content: 'Was this helpful?',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('feedback:yes').setLabel('Yes').setStyle(ButtonStyle.Primary)),
      ],
    });

    const received = nextEvent(client, Events.InteractionCreate, (i) => i.isButton());
    await fake.sendComponentInteraction({ ...MEMBER, customId: 'feedback:yes', messageId: sent.id });
    const [interaction] = await received;
    if (!interaction.isButton()) throw new Error('unreachable');
    expect(interaction.customId).toBe('feedback:yes');
    expect(interaction.message.id).toBe(sent.id);

    await interaction.update({ content: 'Thanks!', components: [] });
    expect(fake.getMessage(sent.id)?.content).toBe('Thanks!');
    expect(fake.botMessages().at(-1)).toMatchObject({ via: 'interaction-update', content: 'Thanks!' });
  });

  it('answers a failNext 429 with retry-after; discord.js retries and the message is delivered once', async () => {
    const client = await readyClient();
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel should be sendable');
    fake.failNext({ method: 'POST', path: /^\/channels\/.*\/messages$/ }, { status: 429, retryAfter: 0.2 });

    const sent = await channel.send('after the rate limit');

    const posts = fake.calls.filter(isPost(`/channels/${fake.channelId}/messages`));
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    const [limited, retried] = posts;
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(200);
    expect(fake.botMessages().filter((m) => m.content === 'after the rate limit')).toHaveLength(1);
    expect(fake.getMessage(sent.id)?.content).toBe('after the rate limit');
  });

  it('answers unknown routes with 404 and injected failures with their status', async () => {
    const client = await readyClient();
    await expect(client.rest.get('/nowhere/at/all')).rejects.toMatchObject({ status: 404, message: 'fake: unknown route' });
    expect(fake.calls.at(-1)).toMatchObject({ method: 'GET', path: '/nowhere/at/all', status: 404 });

    fake.failNext({ path: /typing/ }, { status: 403 });
    const channel = client.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel should be sendable');
    await expect(channel.sendTyping()).rejects.toMatchObject({ status: 403 });
    await channel.sendTyping();
    expect(fake.calls.filter((c) => c.path.endsWith('/typing')).map((c) => c.status)).toEqual([403, 204]);
  });

  it('resumes after Discord drops the gateway connection', async () => {
    const client = await readyClient();
    const resumed = nextEvent(client, Events.ShardResume);
    fake.disconnectGateway(4000);
    await resumed;
    expect(
      fake
        .gatewayConnections()
        .at(-1)
        ?.received.some((p) => p.op === 6),
    ).toBe(true);

    const received = nextMessage(client);
    const id = await fake.sendDirectMessage({ ...MEMBER, content: 'still there?' });
    expect((await received).id).toBe(id);
  });

  it("echoes the bot's own messages as MESSAGE_CREATE when asked to", async () => {
    await fake.close();
    fake = await startFakeDiscord({ echoBotMessages: true });
    const client = await readyClient();
    const channel = client.channels.cache.get(fake.otherChannelId);
    if (!channel?.isSendable()) throw new Error('channel should be sendable');
    const echoed = nextMessage(client, (m) => m.author.id === fake.botUserId);
    const sent = await channel.send('echo me');
    const message = await echoed;
    expect(message.id).toBe(sent.id);
    expect(message.author.bot).toBe(true);
  });

  it('ends cleanly: client.destroy() closes the gateway socket and fake.close() resolves', async () => {
    const client = await readyClient();
    await client.destroy();
    clients.splice(clients.indexOf(client), 1);
    await vi.waitFor(() => expect(fake.gatewayConnections()[0]).toMatchObject({ open: false, closeCode: 1000 }));
    await fake.close();
    await fake.close(); // idempotent; afterEach closes again
  });
});
