/**
 * A loopback fake of Discord (REST v10 + gateway) that the real discord.js v14 client logs into.
 *
 * Point discord.js at it with
 *   new Client({ intents: [...], partials: [Partials.Channel], rest: { api: fake.apiURL } })
 * and `client.login(fake.token)`. `GET /api/v10/gateway/bot` hands out `ws://127.0.0.1:PORT`; @discordjs/ws connects to
 * it with `?v=10&encoding=json` (no transport compression unless zlib-sync is installed, which it is not here).
 *
 * It is as strict as Discord about what the bot sends: every request body is checked against Discord's published
 * schemas and the documented limits (`fake-discord-validation.ts`), and an invalid one is answered 400 "Invalid Form
 * Body" (code 50035, the field named in `errors`) and changes nothing, in every test.
 *
 * Known gotchas the fake takes care of:
 * - DM MESSAGE_CREATE carries `channel_type: 1`, otherwise discord.js cannot build the (partial) DM channel and drops it.
 * - GUILD_CREATE is sent a few ms after READY: @discordjs/ws handles frames asynchronously, and a GUILD_CREATE
 *   processed before READY leaves discord.js waiting 15 s for the guild.
 * - Interactions carry `entitlements: []`, a `channel` object and `data.type: 1`.
 * - `@original` arrives URL-encoded (`%40original`); paths are decoded before routing and recording.
 * - A thread started from a message has the message's id (as on Discord) and is announced with THREAD_CREATE
 *   as well as returned by REST, so messages in it are delivered.
 *
 * Clients must be destroyed (`client.destroy()`) before `close()`; a client whose gateway socket disappears
 * under it keeps trying to reconnect.
 *
 * In three parts behind one server: its state (`fake-discord-state.ts`: users, guilds, channels, messages,
 * interactions, commands), the gateway (`fake-discord-gateway.ts`) and REST (`fake-discord-rest.ts`). This file
 * starts them and holds what tests call.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { createGateway } from './fake-discord-gateway.ts';
import { createRest } from './fake-discord-rest.ts';
import {
  ALL_PERMISSIONS,
  asObject,
  type BotMessage,
  bySnowflake,
  type CallMatch,
  CHANNEL_TYPE,
  createDiscordState,
  type GatewayConnection,
  type InjectedFailure,
  type InteractionRecord,
  inferOptionType,
  type JsonObject,
  MEMBER_PERMISSIONS,
  nextSnowflake,
  optionalString,
  type RestCall,
  writeReply,
} from './fake-discord-state.ts';

export { type BotMessage, type CallMatch, type GatewayConnection, type InjectedFailure, isReplyPost, REPLY_POST, type RestCall } from './fake-discord-state.ts';

export type FakeDiscord = {
  /** http://127.0.0.1:PORT/api */
  apiURL: string;
  /** ws://127.0.0.1:PORT */
  gatewayURL: string;
  /** The fake accepts only this token (REST `Authorization: Bot <token>`, gateway IDENTIFY). */
  token: string;
  appId: string;
  botUserId: string;
  guildId: string;
  /** Guild text channel `general`. */
  channelId: string;
  /** Guild text channel `career-chat`. */
  otherChannelId: string;
  /** Owner of the guild (a human user). */
  ownerUserId: string;
  /** The second guild, when started with the `secondGuild` option. */
  secondGuild: { guildId: string; channelId: string; ownerUserId: string } | undefined;
  /** Every REST call, in order (including failed, unauthorised and unknown ones). */
  calls: RestCall[];
  /**
   * The next REST call matching `match` gets this failure instead. `path` is tested against both `call.path` and
   * `call.rawPath`. 429 carries a `retry-after` header in seconds and JSON {message, retry_after, global:false};
   * other statuses get JSON {message, code:0} (discord.js retries 5xx up to 3 times by itself).
   */
  failNext(match: CallMatch, failure: InjectedFailure): void;
  /**
   * Every REST call matching `match` takes effect at once but is answered `ms` later (a slow Discord), until the
   * returned function is called.
   */
  addLatency(match: CallMatch, ms: number): () => void;
  /** Gateway: a member DMs the bot (creates the DM channel if needed). Returns the message id. */
  sendDirectMessage(input: { userId: string; username: string; content: string }): Promise<string>;
  /** Gateway: a message in a guild text channel or thread; mentionsBot adds the bot to `mentions` and prefixes `<@botUserId>` to content. */
  sendGuildMessage(input: {
    userId: string;
    username: string;
    content: string;
    channelId?: string;
    mentionsBot?: boolean;
    replyToMessageId?: string;
  }): Promise<string>;
  /**
   * Gateway: a slash-command interaction (type 2) with options [{name, type, value}], optional subcommand (and group);
   * in a guild channel unless dm:true. Option types come from the registered command when there is one, otherwise
   * string → 3, integer → 4, other number → 10, boolean → 5. Returns { id, token }.
   */
  sendInteraction(input: {
    userId: string;
    username: string;
    command: string;
    subcommand?: string;
    subcommandGroup?: string;
    options?: Record<string, string | number | boolean>;
    channelId?: string;
    dm?: boolean;
  }): Promise<{ id: string; token: string }>;
  /** The guild roles and permissions (a bitfield string) a member has in interactions and member lookups; `guildId` (default: the main guild) picks the guild. */
  setMember(userId: string, settings: { roles: string[]; permissions?: string; guildId?: string }): void;
  /** Gateway: a button (component_type 2, default) or select-menu (pass componentType and values) interaction (type 3) on a message. */
  sendComponentInteraction(input: {
    userId: string;
    username: string;
    customId: string;
    messageId: string;
    channelId?: string;
    componentType?: number;
    values?: string[];
  }): Promise<{ id: string; token: string }>;
  /** Gateway: a member submits a modal (interaction type 5) with text inputs `{ customId: value }`. */
  sendModalSubmit(input: {
    userId: string;
    username: string;
    customId: string;
    values: Record<string, string>;
    channelId?: string;
    dm?: boolean;
  }): Promise<{ id: string; token: string }>;
  /** Gateway: a member creates a public thread in a guild text channel (THREAD_CREATE). Returns the thread id. */
  createThread(input: { userId: string; name: string; channelId?: string }): Promise<string>;
  /** Resolves with the first REST call (already made or future) matching the predicate, or rejects after timeoutMs (default 5000). */
  waitForCall(predicate: (call: RestCall) => boolean, timeoutMs?: number): Promise<RestCall>;
  /** Messages the bot posted (channel messages, interaction responses, webhook edits/followups), with their content and allowed_mentions, in order. */
  botMessages(): BotMessage[];
  /** The stored message object (as the fake would return it), e.g. to check the final content after edits. */
  getMessage(id: string): Record<string, unknown> | undefined;
  /** Registered application commands (global when guildId is omitted). */
  commands(guildId?: string): Record<string, unknown>[];
  /** The member a DM channel was opened with, or undefined for other channels. */
  dmRecipient(channelId: string): string | undefined;
  /** How many REST calls the `rateLimit` option answered with 429 (0 without it). */
  rateLimited(): number;
  /** Every gateway connection so far. */
  gatewayConnections(): GatewayConnection[];
  /**
   * Closes every open gateway socket with `code` (4000 = unknown error: discord.js resumes), as Discord does on
   * restarts. Events dispatched while a resumable session is disconnected are kept and replayed on RESUME.
   */
  disconnectGateway(code?: number): void;
  /**
   * Invalidates every session (op 9, `d: false`): clients must identify afresh, and events dispatched before they
   * have are lost, as on Discord.
   */
  invalidateSessions(): void;
  /** Dispatches an existing message's MESSAGE_CREATE again (Discord delivers at least once). */
  redispatchMessage(messageId: string): Promise<void>;
  /** Stored messages of a channel, oldest first (what a member scrolling it would see). */
  channelMessages(channelId: string): Record<string, unknown>[];
  /** Closes gateway sockets and the HTTP server. */
  close(): Promise<void>;
};

export type StartFakeDiscordOptions = {
  token?: string;
  /** Also dispatch MESSAGE_CREATE for messages the bot posts, as Discord does (default false). */
  echoBotMessages?: boolean;
  /** HELLO heartbeat_interval (default 45000). */
  heartbeatIntervalMs?: number;
  /**
   * A global REST rate limit: at most `perSecond` (a whole number, at least 1) accepted REST calls in any sliding
   * one-second window. Calls over it get 429 {message, retry_after (seconds, float), global:false} with `retry-after`
   * (whole seconds, rounded up, as Discord sends it), `x-ratelimit-limit`, `x-ratelimit-remaining: 0`,
   * `x-ratelimit-reset`, `x-ratelimit-reset-after` (float seconds), `x-ratelimit-bucket` (one per route) and
   * `x-ratelimit-scope: user`, which discord.js's REST queue waits out and retries. Rejected calls do not count
   * towards the window. Count them with `rateLimited()`. Off by default.
   */
  rateLimit?: { perSecond: number };
  /** Guild roles besides @everyone (sent with GUILD_CREATE), to give members with setMember. */
  roles?: { id: string; name: string }[];
  /**
   * A second guild the bot is also in (someone else's server), owned by `ownerUserId`, with one text channel
   * (`secondGuild.channelId`). Messages, interactions and threads work there as in the main guild.
   */
  secondGuild?: { ownerUserId: string };
  /**
   * How long a nonce sent with `enforce_nonce: true` keeps returning the message first created with it instead of
   * creating another (Discord: "a few minutes"; default 2 minutes).
   */
  nonceWindowMs?: number;
};

/** Starts the fake on 127.0.0.1 (random port): its state, gateway and REST API (one module each) behind one server. */
export async function startFakeDiscord(options: StartFakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = createDiscordState(options);
  const gateway = createGateway(state);
  const rest = createRest(state, gateway);
  const {
    token,
    appId,
    botUserId,
    guildId,
    channelId,
    otherChannelId,
    ownerUserId,
    second,
    ownerOf,
    calls,
    botMessageLog,
    channels,
    messages,
    interactionsByToken,
    globalCommands,
    guildCommands,
    failures,
    waiters,
    sessions,
    logicalSessions,
    latencies,
    pendingTimers,
    botUser,
    memberSettings,
    settingsOf,
    memberObject,
    rememberUser,
    ensureDmChannel,
    guildChannel,
    buildMessage,
    gatewayMessage,
  } = state;
  const { send, dispatch } = gateway;
  const { handle, createThreadChannel } = rest;

  // ---------------------------------------------------------------- servers

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeReply(res, { status: 500, body: { message: `fake: ${String(error)}`, code: 0 } });
    });
  });
  const wss = gateway.listen(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const gatewayURL = `ws://127.0.0.1:${port}`;
  state.gatewayURL = gatewayURL;

  // ---------------------------------------------------------------- test-facing helpers

  const sendDirectMessage: FakeDiscord['sendDirectMessage'] = async ({ userId, username, content }) => {
    const author = rememberUser(userId, username);
    const dm = ensureDmChannel(userId);
    const message = buildMessage({ content }, { channelId: String(dm.id), author });
    await dispatch('MESSAGE_CREATE', { ...message, channel_type: CHANNEL_TYPE.DM }, true);
    return String(message.id);
  };

  const sendGuildMessage: FakeDiscord['sendGuildMessage'] = async (input) => {
    const author = rememberUser(input.userId, input.username);
    const targetId = input.channelId ?? channelId;
    const target = guildChannel(targetId);
    const body: JsonObject = { content: input.mentionsBot ? `<@${botUserId}> ${input.content}` : input.content };
    if (input.replyToMessageId) {
      body.message_reference = { message_id: input.replyToMessageId, channel_id: targetId, guild_id: target.guild_id };
    }
    const message = buildMessage(body, { channelId: targetId, author });
    if (input.mentionsBot) message.mentions = [{ ...botUser, member: memberObject() }];
    await dispatch('MESSAGE_CREATE', gatewayMessage(message), true);
    return String(message.id);
  };

  const registeredCommand = (name: string, inGuild: boolean): JsonObject | undefined =>
    (inGuild ? guildCommands.get(guildId)?.find((c) => c.name === name && c.type === 1) : undefined) ??
    globalCommands.find((c) => c.name === name && c.type === 1);

  const findOptionDefinition = (definitions: unknown, name: string): JsonObject | undefined =>
    Array.isArray(definitions) ? definitions.map(asObject).find((d) => d.name === name) : undefined;

  const interactionBase = (input: {
    userId: string;
    username: string;
    channelId?: string;
    dm?: boolean;
    type: number;
  }): { payload: JsonObject; record: InteractionRecord } => {
    const user = rememberUser(input.userId, input.username);
    const id = nextSnowflake();
    const interactionToken = `fake-interaction-${id}-${randomBytes(12).toString('hex')}`;
    let channel: JsonObject;
    if (input.dm) {
      channel = ensureDmChannel(input.userId);
    } else {
      channel = guildChannel(input.channelId ?? channelId);
    }
    const inGuild = !input.dm;
    const interactionGuild = String(channel.guild_id ?? guildId);
    const permissions =
      settingsOf(input.userId, interactionGuild)?.permissions ?? (ownerOf(interactionGuild) === input.userId ? ALL_PERMISSIONS : MEMBER_PERMISSIONS);
    const payload: JsonObject = {
      id,
      application_id: appId,
      type: input.type,
      token: interactionToken,
      version: 1,
      channel_id: channel.id,
      channel: input.dm ? { ...channel, recipients: [user] } : channel,
      app_permissions: MEMBER_PERMISSIONS,
      locale: 'en-GB',
      entitlements: [],
      authorizing_integration_owners: {},
      context: inGuild ? 0 : 1,
      attachment_size_limit: 10_485_760,
      ...(inGuild
        ? {
            guild_id: interactionGuild,
            guild_locale: 'en-US',
            guild: { id: interactionGuild, locale: 'en-US', features: [] },
            member: { ...memberObject(input.userId, interactionGuild), user, permissions },
          }
        : { user }),
    };
    const record: InteractionRecord = {
      id,
      token: interactionToken,
      type: input.type,
      channelId: String(channel.id),
      guildId: inGuild ? interactionGuild : undefined,
      user,
      acknowledgedWith: undefined,
      originalMessageId: undefined,
      sourceMessageId: undefined,
      ephemeral: false,
      commandName: undefined,
    };
    return { payload, record };
  };

  const sendInteraction: FakeDiscord['sendInteraction'] = async (input) => {
    const { payload, record } = interactionBase({ ...input, type: 2 });
    const command = registeredCommand(input.command, !input.dm);
    let definitions: unknown = command?.options;
    const path: { name: string; type: number }[] = [];
    if (input.subcommandGroup) {
      path.push({ name: input.subcommandGroup, type: 2 });
      definitions = findOptionDefinition(definitions, input.subcommandGroup)?.options;
    }
    if (input.subcommand) {
      path.push({ name: input.subcommand, type: 1 });
      definitions = findOptionDefinition(definitions, input.subcommand)?.options;
    }
    let options: JsonObject[] = Object.entries(input.options ?? {}).map(([name, value]) => {
      const definedType = findOptionDefinition(definitions, name)?.type;
      return { name, type: typeof definedType === 'number' ? definedType : inferOptionType(value), value };
    });
    for (const level of [...path].reverse()) options = [{ name: level.name, type: level.type, options }];
    payload.data = {
      id: command?.id ?? nextSnowflake(),
      name: input.command,
      type: 1,
      options,
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    };
    record.commandName = input.command;
    interactionsByToken.set(record.token, record);
    await dispatch('INTERACTION_CREATE', payload, true);
    return { id: record.id, token: record.token };
  };

  const sendComponentInteraction: FakeDiscord['sendComponentInteraction'] = async (input) => {
    const message = messages.get(input.messageId);
    if (!message) throw new Error(`fake-discord: unknown message ${input.messageId}`);
    const messageChannelId = input.channelId ?? String(message.channel_id);
    const channel = channels.get(messageChannelId);
    const dm = channel?.type === CHANNEL_TYPE.DM;
    const { payload, record } = interactionBase({ ...input, channelId: messageChannelId, dm, type: 3 });
    const componentType = input.componentType ?? 2;
    payload.data = {
      custom_id: input.customId,
      component_type: componentType,
      ...(componentType === 2 ? {} : { values: input.values ?? [] }),
    };
    payload.message = dm ? message : { ...message, guild_id: channel?.guild_id };
    record.sourceMessageId = input.messageId;
    interactionsByToken.set(record.token, record);
    await dispatch('INTERACTION_CREATE', payload, true);
    return { id: record.id, token: record.token };
  };

  const sendModalSubmit: FakeDiscord['sendModalSubmit'] = async (input) => {
    const { payload, record } = interactionBase({ ...input, type: 5 });
    payload.data = {
      custom_id: input.customId,
      components: Object.entries(input.values).map(([customId, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: customId, value }],
      })),
    };
    interactionsByToken.set(record.token, record);
    await dispatch('INTERACTION_CREATE', payload, true);
    return { id: record.id, token: record.token };
  };

  const createThread: FakeDiscord['createThread'] = async ({ userId, name, channelId: parentId }) => {
    const parent = guildChannel(parentId ?? channelId);
    const thread = createThreadChannel({
      id: nextSnowflake(),
      parentId: String(parent.id),
      name,
      ownerId: userId,
      type: CHANNEL_TYPE.PublicThread,
      autoArchiveDuration: 4320,
    });
    await dispatch('THREAD_CREATE', { ...thread, newly_created: true }, true);
    return String(thread.id);
  };

  const waitForCall: FakeDiscord['waitForCall'] = (predicate, timeoutMs = 5000) => {
    const existing = calls.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (call: RestCall) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        const seen = calls.map((c) => `${c.method} ${c.path} → ${c.status}`).join('\n  ');
        reject(new Error(`fake-discord: no matching REST call within ${timeoutMs} ms; calls so far:\n  ${seen}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const timer of pendingTimers) clearTimeout(timer);
    pendingTimers.clear();
    for (const session of sessions) session.socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    apiURL: `http://127.0.0.1:${port}/api`,
    gatewayURL,
    token,
    appId,
    botUserId,
    guildId,
    channelId,
    otherChannelId,
    ownerUserId,
    secondGuild: second,
    calls,
    failNext(match, failure) {
      failures.push({ match, failure });
    },
    addLatency(match, ms) {
      const entry = { match, ms };
      latencies.push(entry);
      return () => {
        const index = latencies.indexOf(entry);
        if (index >= 0) latencies.splice(index, 1);
      };
    },
    sendDirectMessage,
    sendGuildMessage,
    sendInteraction,
    setMember: (userId, { guildId: inGuild = guildId, ...settings }) => void memberSettings.set(`${inGuild}:${userId}`, settings),
    sendComponentInteraction,
    sendModalSubmit,
    createThread,
    waitForCall,
    botMessages: () => botMessageLog.map((entry) => ({ ...entry })),
    getMessage: (id) => messages.get(id),
    dmRecipient: (dmChannelId) => {
      const channel = channels.get(dmChannelId);
      if (channel?.type !== CHANNEL_TYPE.DM || !Array.isArray(channel.recipients)) return undefined;
      return optionalString(asObject(channel.recipients[0]).id);
    },
    rateLimited: rest.rateLimited,
    commands: (scopedGuildId) => [...(scopedGuildId ? (guildCommands.get(scopedGuildId) ?? []) : globalCommands)],
    gatewayConnections: () => sessions.map(({ query, identified, open, closeCode, received }) => ({ query, identified, open, closeCode, received })),
    disconnectGateway(code = 4000) {
      for (const session of sessions) {
        if (session.socket.readyState === WebSocket.OPEN) session.socket.close(code, 'fake-discord: disconnect requested');
      }
    },
    invalidateSessions() {
      for (const logical of logicalSessions.values()) {
        if (!logical.valid) continue;
        logical.valid = false;
        if (logical.connection) void send(logical.connection, { op: 9, d: false });
      }
    },
    async redispatchMessage(messageId) {
      const message = messages.get(messageId);
      if (!message) throw new Error(`fake-discord: unknown message ${messageId}`);
      await dispatch('MESSAGE_CREATE', gatewayMessage(message), true);
    },
    channelMessages: (id) => [...messages.values()].filter((m) => m.channel_id === id).sort(bySnowflake),
    close,
  };
}
