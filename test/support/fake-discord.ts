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
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermissionFlagsBits } from 'discord.js';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { checkFormBody } from './fake-discord-validation.ts';

/**
 * One REST call the fake received. `path` is the route after `/api/v10`, URL-decoded and without the query string
 * (e.g. `/channels/123/messages`, `/webhooks/APP/TOKEN/messages/@original`); `rawPath` is the path as received.
 * `body` is the parsed JSON body (for multipart requests: the parsed `payload_json`), or undefined when empty.
 */
export type RestCall = {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  at: number;
  /** The path exactly as received, e.g. `/api/v10/webhooks/1/abc/messages/%40original`. */
  rawPath?: string;
  query?: Record<string, string>;
  /** Files of a multipart request. */
  files?: { field: string; name: string; size: number; contentType: string; text?: string }[];
  /** The HTTP status the fake answered with. */
  status?: number;
};

/** Matches the bot posting a message in a channel (answers, check-ins): for `failNext`, `addLatency` and filters. */
export const REPLY_POST = { method: 'POST', path: /^\/channels\/\d+\/messages$/ };
export const isReplyPost = (call: RestCall) => call.method === 'POST' && REPLY_POST.path.test(call.path);

export type BotMessage = {
  channelId: string | undefined;
  content: string;
  allowedMentions: unknown;
  /** 'channel' | 'channel-edit' | 'interaction-reply' | 'interaction-update' | 'webhook-edit' | 'followup' */
  via: string;
  messageId?: string;
  ephemeral?: boolean;
  embeds?: unknown;
  components?: unknown;
  /** The message this one replies to (`message_reference.message_id`), if any. */
  referencedMessageId?: string;
  nonce?: string | number;
};

/** Which REST calls a failure or latency applies to; `path` is tested against `call.path` and `call.rawPath`. */
export type CallMatch = { method?: string; path?: RegExp };

/**
 * An injected REST failure. 429: `retryAfter` seconds, per route (`x-ratelimit-scope: user` with a bucket) or, with
 * `global`, for every route (`x-ratelimit-global`, scope `global`). Other statuses answer JSON {message, code:0};
 * with `afterCommit` the request takes effect first (the message is created) and only the response is lost, as when
 * Discord's edge times out after its backend committed.
 */
export type InjectedFailure = { status: 429; retryAfter: number; global?: boolean } | { status: number; afterCommit?: boolean };

export type GatewayConnection = {
  query: Record<string, string>;
  identified: boolean;
  open: boolean;
  closeCode?: number;
  /** Payloads the client sent (op, d), in order. */
  received: { op: number; d: unknown; at: number }[];
};

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
  sendModalSubmit(input: { userId: string; username: string; customId: string; values: Record<string, string>; channelId?: string; dm?: boolean }): Promise<{ id: string; token: string }>;
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

type JsonObject = Record<string, unknown>;

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

type RequestContext = {
  method: string;
  params: Record<string, string>;
  body: JsonObject;
  rawBody: unknown;
  query: Record<string, string>;
  files: NonNullable<RestCall['files']>;
  /** Effects to run after the response has been written (gateway dispatches). */
  after: (effect: () => Promise<void>) => void;
};

type Route = { method: string; pattern: string; segments: string[]; handler: (ctx: RequestContext) => Reply };

type InteractionRecord = {
  id: string;
  token: string;
  type: number;
  channelId: string;
  guildId: string | undefined;
  user: JsonObject;
  /** Callback type once acknowledged. */
  acknowledgedWith: number | undefined;
  originalMessageId: string | undefined;
  /** For component interactions: the message the component is on. */
  sourceMessageId: string | undefined;
  ephemeral: boolean;
  commandName: string | undefined;
};

/** One connection (socket) to the gateway. */
type GatewaySession = GatewayConnection & {
  socket: WebSocket;
  /** The session this connection identified or resumed. */
  logical: LogicalSession | undefined;
  /** Resolves once GUILD_CREATE has been sent, so later dispatches never overtake it. */
  guildsSent: Promise<void>;
};

/**
 * A session as Discord keeps it: it outlives a dropped connection and can be resumed, with the events dispatched
 * meanwhile replayed, until it is invalidated (a normal close by the client, or op 9).
 */
type LogicalSession = {
  id: string;
  seq: number;
  /** Recent dispatches, for replay on RESUME. */
  history: JsonObject[];
  connection: GatewaySession | undefined;
  valid: boolean;
};

/** Dispatches a session keeps for replay; a RESUME from before the oldest one is refused (op 9). */
const MAX_REPLAY = 5000;

const API_PREFIX = '/api/v10';
const SNOWFLAKE_LIKE = /^\d{5,25}$/;
const DISCORD_EPOCH = 1_420_070_400_000n;
const CHANNEL_TYPE = { GuildText: 0, DM: 1, PublicThread: 11, PrivateThread: 12 } as const;
const MESSAGE_FLAG = { HasThread: 1 << 5, Ephemeral: 1 << 6, Loading: 1 << 7 } as const;
const CALLBACK = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
} as const;

const MEMBER_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.UseApplicationCommands,
  PermissionFlagsBits.UseExternalEmojis,
]
  .reduce((all, bit) => all | bit, 0n)
  .toString();
/** What Discord sends as a guild owner's permissions in an interaction: every one. */
const ALL_PERMISSIONS = Object.values(PermissionFlagsBits)
  .reduce((all, bit) => all | bit, 0n)
  .toString();

let lastSnowflake = 0n;
/** Increasing numeric-string snowflakes whose timestamp part is "now" (so discord.js createdAt is sensible). */
function nextSnowflake(): string {
  const candidate = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  lastSnowflake = candidate > lastSnowflake ? candidate : lastSnowflake + 1n;
  return lastSnowflake.toString();
}

/** Orders messages by id, oldest first (snowflakes grow with time). */
function bySnowflake(a: JsonObject, b: JsonObject): number {
  const x = BigInt(String(a.id));
  const y = BigInt(String(b.id));
  return x < y ? -1 : x > y ? 1 : 0;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function nowIso(): string {
  return new Date().toISOString();
}

function apiError(status: number, code: number, message: string, errors?: JsonObject): Reply {
  return { status, body: errors ? { message, code, errors } : { message, code } };
}

function invalidFormBody(field: string, code: string, message: string): Reply {
  return apiError(400, 50035, 'Invalid Form Body', { [field]: { _errors: [{ code, message }] } });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ body: unknown; files: NonNullable<RestCall['files']> }> {
  const files: NonNullable<RestCall['files']> = [];
  if (raw.length === 0) return { body: undefined, files };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        const text = /^(text\/|application\/json)/.test(value.type) || /\.(md|txt|json)$/.test(value.name) ? await value.text() : undefined;
        files.push({ field, name: value.name, size: value.size, contentType: value.type, ...(text === undefined ? {} : { text }) });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files };
  } catch {
    return { body: text, files };
  }
}

function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json';
  headers['content-length'] = Buffer.byteLength(text);
  res.writeHead(reply.status, headers);
  res.end(text);
}

function compileRoute(method: string, pattern: string, handler: Route['handler']): Route {
  return { method, pattern, segments: pattern.split('/').filter(Boolean), handler };
}

function matchRoute(routes: Route[], method: string, segments: string[]): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    route.segments.forEach((part, index) => {
      const actual = segments[index] ?? '';
      if (part.startsWith(':')) params[part.slice(1)] = actual;
      else if (part !== actual) ok = false;
    });
    if (ok) return { route, params };
  }
  return undefined;
}

/** Discord's rule for a new message: it needs content, embeds, components, stickers, a poll or files. */
function validateNewMessage(body: JsonObject, fileCount: number): Reply | undefined {
  const hasContent = typeof body.content === 'string' && body.content.length > 0;
  const hasAny =
    hasContent ||
    (Array.isArray(body.embeds) && body.embeds.length > 0) ||
    (Array.isArray(body.components) && body.components.length > 0) ||
    (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) ||
    isObject(body.poll) ||
    fileCount > 0;
  return hasAny ? undefined : apiError(400, 50006, 'Cannot send an empty message');
}

function inferOptionType(value: string | number | boolean): number {
  if (typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}

/** Starts the fake on 127.0.0.1 (random port). */
export async function startFakeDiscord(options: StartFakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? `fake-bot-token-${randomBytes(8).toString('hex')}`;
  const heartbeatInterval = options.heartbeatIntervalMs ?? 45_000;
  const echoBotMessages = options.echoBotMessages ?? false;
  const rateLimit = options.rateLimit;
  if (rateLimit && !(Number.isInteger(rateLimit.perSecond) && rateLimit.perSecond >= 1)) {
    throw new Error(`fake-discord: rateLimit.perSecond must be a whole number of at least 1 (got ${rateLimit.perSecond})`);
  }

  const appId = nextSnowflake();
  const botUserId = appId; // Discord bots' user id equals their application id.
  const guildId = nextSnowflake();
  const channelId = nextSnowflake();
  const otherChannelId = nextSnowflake();
  const ownerUserId = nextSnowflake();
  const second = options.secondGuild
    ? { guildId: nextSnowflake(), channelId: nextSnowflake(), ownerUserId: options.secondGuild.ownerUserId }
    : undefined;
  const hostsGuild = (id: unknown): boolean => id === guildId || (second !== undefined && id === second.guildId);
  const ownerOf = (id: unknown): string | undefined => (id === guildId ? ownerUserId : id === second?.guildId ? second?.ownerUserId : undefined);
  const startedAt = nowIso();

  const calls: RestCall[] = [];
  const botMessageLog: BotMessage[] = [];
  const users = new Map<string, JsonObject>();
  const channels = new Map<string, JsonObject>();
  const messages = new Map<string, JsonObject>();
  const dmChannelByUser = new Map<string, string>();
  const interactionsByToken = new Map<string, InteractionRecord>();
  const globalCommands: JsonObject[] = [];
  const guildCommands = new Map<string, JsonObject[]>();
  const failures: { match: CallMatch; failure: InjectedFailure }[] = [];
  const waiters = new Set<{ predicate: (call: RestCall) => boolean; resolve: (call: RestCall) => void }>();
  const sessions: GatewaySession[] = [];
  const logicalSessions = new Map<string, LogicalSession>();
  let everIdentified = false;
  const latencies: { match: CallMatch; ms: number }[] = [];
  /** Nonces sent with enforce_nonce, and the message each created. */
  const nonces = new Map<string, { messageId: string; at: number }>();
  const nonceWindowMs = options.nonceWindowMs ?? 120_000;
  const pendingTimers = new Set<NodeJS.Timeout>();

  const botUser: JsonObject = {
    id: botUserId,
    username: 'Pivot',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
    verified: true,
    mfa_enabled: false,
    flags: 0,
    public_flags: 0,
  };
  users.set(botUserId, botUser);
  users.set(ownerUserId, {
    id: ownerUserId,
    username: 'guild-owner',
    discriminator: '0',
    global_name: 'Guild Owner',
    avatar: null,
    bot: false,
    public_flags: 0,
  });

  for (const [id, name, position, inGuild] of [
    [channelId, 'general', 0, guildId],
    [otherChannelId, 'career-chat', 1, guildId],
    ...(second ? [[second.channelId, 'lobby', 0, second.guildId] as const] : []),
  ] as const) {
    channels.set(id, {
      id,
      type: CHANNEL_TYPE.GuildText,
      guild_id: inGuild,
      name,
      position,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    });
  }

  /** Keyed by `${guildId}:${userId}`. */
  const memberSettings = new Map<string, { roles: string[]; permissions?: string }>();
  const settingsOf = (userId: string | undefined, inGuild: unknown = guildId) => (userId ? memberSettings.get(`${String(inGuild)}:${userId}`) : undefined);
  const memberObject = (userId?: string, inGuild: unknown = guildId): JsonObject => ({
    roles: settingsOf(userId, inGuild)?.roles || [],
    nick: null,
    avatar: null,
    joined_at: startedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
  });

  const rememberUser = (userId: string, username: string): JsonObject => {
    const existing = users.get(userId);
    const user: JsonObject = {
      id: userId,
      username,
      discriminator: '0',
      global_name: username,
      avatar: null,
      bot: false,
      public_flags: 0,
      ...(existing && existing.username === username ? existing : {}),
    };
    users.set(userId, user);
    return user;
  };

  const userOrPlaceholder = (userId: string): JsonObject =>
    users.get(userId) ?? rememberUser(userId, `user-${userId.slice(-6)}`);

  const ensureDmChannel = (userId: string): JsonObject => {
    const existingId = dmChannelByUser.get(userId);
    const existing = existingId ? channels.get(existingId) : undefined;
    if (existing) return existing;
    const dm: JsonObject = {
      id: nextSnowflake(),
      type: CHANNEL_TYPE.DM,
      last_message_id: null,
      flags: 0,
      recipients: [userOrPlaceholder(userId)],
    };
    channels.set(String(dm.id), dm);
    dmChannelByUser.set(userId, String(dm.id));
    return dm;
  };

  const guildChannel = (id: string): JsonObject => {
    const channel = channels.get(id);
    if (!channel || !hostsGuild(channel.guild_id)) throw new Error(`fake-discord: ${id} is not a guild channel or thread`);
    return channel;
  };

  const isThread = (channel: JsonObject): boolean =>
    channel.type === CHANNEL_TYPE.PublicThread || channel.type === CHANNEL_TYPE.PrivateThread || channel.type === 10;

  const guildThreads = (inGuild: unknown = guildId): JsonObject[] => [...channels.values()].filter((c) => c.guild_id === inGuild && isThread(c));

  const noteMessageInChannel = (channel: JsonObject, messageId: string): void => {
    channel.last_message_id = messageId;
    if (isThread(channel)) {
      channel.message_count = Number(channel.message_count ?? 0) + 1;
      channel.total_message_sent = Number(channel.total_message_sent ?? 0) + 1;
    }
  };

  // ---------------------------------------------------------------- gateway

  const send = (session: GatewaySession, payload: JsonObject): Promise<void> =>
    new Promise((resolve) => {
      if (session.socket.readyState !== WebSocket.OPEN) {
        resolve();
        return;
      }
      session.socket.send(JSON.stringify(payload), () => resolve());
    });

  /** Numbers a dispatch in its session and sends it, or keeps it for replay while the session is disconnected. */
  const emit = (logical: LogicalSession, t: string, d: unknown): Promise<void> => {
    logical.seq += 1;
    const payload: JsonObject = { op: 0, t, s: logical.seq, d };
    logical.history.push(payload);
    if (logical.history.length > 2 * MAX_REPLAY) logical.history.splice(0, logical.history.length - MAX_REPLAY);
    return logical.connection ? send(logical.connection, payload) : Promise.resolve();
  };

  const dispatchTo = (session: GatewaySession, t: string, d: unknown): Promise<void> =>
    session.logical ? emit(session.logical, t, d) : Promise.resolve();

  /**
   * Sends a dispatch to every valid session (held for those disconnected but resumable). With none, the event is
   * lost, as on Discord; `required` makes that an error when no client has ever logged in.
   */
  const dispatch = async (t: string, d: unknown, required: boolean): Promise<void> => {
    const targets = [...logicalSessions.values()].filter((l) => l.valid);
    if (targets.length === 0) {
      if (required && !everIdentified) throw new Error(`fake-discord: no identified gateway session to deliver ${t} to (did the client log in?)`);
      return;
    }
    for (const logical of targets) {
      if (logical.connection) await logical.connection.guildsSent;
      await emit(logical, t, d);
    }
  };

  const guildCreatePayload = (id = guildId): JsonObject => ({
    id,
    name: id === guildId ? 'Pivot Test Guild' : 'Another Guild',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ownerOf(id),
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: '@everyone',
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: MEMBER_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      ...((id === guildId && options.roles) || []).map((role, i) => ({
        id: role.id,
        name: role.name,
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: i + 1,
        permissions: '0',
        managed: false,
        mentionable: false,
        flags: 0,
      })),
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: id === guildId ? channelId : second?.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    joined_at: startedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ ...memberObject(), user: botUser }],
    channels: [...channels.values()].filter((c) => c.guild_id === id && !isThread(c)),
    threads: guildThreads(id),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  });

  const handleGatewayPayload = async (session: GatewaySession, payload: JsonObject): Promise<void> => {
    const op = typeof payload.op === 'number' ? payload.op : -1;
    const d = payload.d;
    session.received.push({ op, d, at: Date.now() });
    switch (op) {
      case 1: // Heartbeat
        await send(session, { op: 11 });
        return;
      case 2: {
        // Identify
        if (session.identified) {
          session.socket.close(4005, 'Already authenticated');
          return;
        }
        if (asObject(d).token !== token) {
          session.socket.close(4004, 'Authentication failed');
          return;
        }
        session.identified = true;
        everIdentified = true;
        const logical: LogicalSession = { id: randomBytes(16).toString('hex'), seq: 0, history: [], connection: session, valid: true };
        logicalSessions.set(logical.id, logical);
        session.logical = logical;
        let markGuildsSent = (): void => {};
        session.guildsSent = new Promise((resolve) => {
          markGuildsSent = resolve;
        });
        await dispatchTo(session, 'READY', {
          v: 10,
          user_settings: {},
          user: botUser,
          guilds: [{ id: guildId, unavailable: true }, ...(second ? [{ id: second.guildId, unavailable: true }] : [])],
          session_id: logical.id,
          session_type: 'normal',
          resume_gateway_url: gatewayURL,
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
          application: { id: appId, flags: 0 },
          shard: [0, 1],
          _trace: ['fake-discord'],
        });
        // Give @discordjs/ws time to finish handling READY before GUILD_CREATE arrives (see file comment).
        const timer = setTimeout(() => {
          pendingTimers.delete(timer);
          void dispatchTo(session, 'GUILD_CREATE', guildCreatePayload())
            .then(() => (second ? dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(second.guildId)) : undefined))
            .then(markGuildsSent);
        }, 15);
        pendingTimers.add(timer);
        return;
      }
      case 6: {
        // Resume
        const resume = asObject(d);
        const logical = logicalSessions.get(optionalString(resume.session_id) ?? '');
        const seq = typeof resume.seq === 'number' ? resume.seq : 0;
        const oldest = Number(logical?.history[0]?.s ?? 1);
        if (resume.token !== token || !logical?.valid || (oldest > seq + 1 && logical.seq > seq)) {
          await send(session, { op: 9, d: false });
          return;
        }
        session.identified = true;
        session.logical = logical;
        session.guildsSent = Promise.resolve();
        // Replay what the client missed, in order; events dispatched meanwhile join the history and are replayed too.
        for (let i = 0; i < logical.history.length; i++) {
          const missed = logical.history[i];
          if (missed && Number(missed.s) > seq) await send(session, missed);
        }
        logical.connection = session;
        await emit(logical, 'RESUMED', { _trace: ['fake-discord'] });
        return;
      }
      case 8: {
        // Request guild members
        const request = asObject(d);
        const members = [...users.values()].map((user) => ({ ...memberObject(), user }));
        await dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
          guild_id: guildId,
          members,
          chunk_index: 0,
          chunk_count: 1,
          not_found: [],
          ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
        });
        return;
      }
      default:
        if (!session.identified && op !== 3 && op !== 4) session.socket.close(4003, 'Not authenticated');
    }
  };

  // ---------------------------------------------------------------- messages

  const recordBotMessage = (entry: BotMessage): void => {
    botMessageLog.push(entry);
  };

  const buildMessage = (
    body: JsonObject,
    init: {
      channelId: string;
      author: JsonObject;
      type?: number;
      webhookId?: string;
      files?: NonNullable<RestCall['files']>;
      flags?: number;
    },
  ): JsonObject => {
    const id = nextSnowflake();
    const reference = isObject(body.message_reference) ? body.message_reference : undefined;
    const referencedId = reference ? optionalString(reference.message_id) : undefined;
    const referenced = referencedId ? messages.get(referencedId) : undefined;
    const message: JsonObject = {
      id,
      type: init.type ?? (reference ? 19 : 0),
      channel_id: init.channelId,
      author: init.author,
      content: optionalString(body.content) ?? '',
      timestamp: nowIso(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: (init.files ?? []).map((file) => {
        const attachmentId = nextSnowflake();
        return {
          id: attachmentId,
          filename: file.name,
          size: file.size,
          content_type: file.contentType,
          url: `https://cdn.invalid/attachments/${init.channelId}/${attachmentId}/${file.name}`,
          proxy_url: `https://media.invalid/attachments/${init.channelId}/${attachmentId}/${file.name}`,
        };
      }),
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      pinned: false,
      flags: init.flags ?? (typeof body.flags === 'number' ? body.flags : 0),
      ...(body.nonce === undefined ? {} : { nonce: body.nonce }),
      ...(init.webhookId ? { webhook_id: init.webhookId, application_id: appId } : {}),
      ...(reference
        ? {
            message_reference: { type: 0, channel_id: init.channelId, ...reference },
            referenced_message: referenced ?? null,
          }
        : {}),
    };
    messages.set(id, message);
    const channel = channels.get(init.channelId);
    if (channel) noteMessageInChannel(channel, id);
    return message;
  };

  const applyEdit = (message: JsonObject, body: JsonObject, markEdited: boolean): void => {
    for (const key of ['content', 'embeds', 'components', 'attachments'] as const) {
      if (key in body && body[key] !== null) message[key] = body[key];
    }
    if (typeof body.flags === 'number') message.flags = body.flags;
    if (markEdited) message.edited_timestamp = nowIso();
  };

  const gatewayMessage = (message: JsonObject): JsonObject => {
    const channel = channels.get(String(message.channel_id));
    const inGuild = hostsGuild(channel?.guild_id);
    return {
      ...message,
      ...(inGuild ? { guild_id: channel?.guild_id, member: memberObject(optionalString(asObject(message.author).id), channel?.guild_id) } : {}),
      channel_type: channel?.type ?? CHANNEL_TYPE.GuildText,
    };
  };

  const echo = (message: JsonObject, after: RequestContext['after']): void => {
    if (!echoBotMessages || (Number(message.flags) & MESSAGE_FLAG.Ephemeral) !== 0) return;
    after(() => dispatch('MESSAGE_CREATE', gatewayMessage(message), false));
  };

  // ---------------------------------------------------------------- REST handlers

  const unknownChannel = (): Reply => apiError(404, 10003, 'Unknown Channel');
  const unknownMessage = (): Reply => apiError(404, 10008, 'Unknown Message');
  const unknownWebhook = (): Reply => apiError(404, 10015, 'Unknown Webhook');

  /**
   * Discord's idempotency for message creation: with `enforce_nonce`, a nonce the same author used within the window
   * returns the message it created instead of creating another.
   */
  const earlierWithNonce = (body: JsonObject): JsonObject | undefined => {
    if (body.enforce_nonce !== true || body.nonce === undefined) return undefined;
    const seen = nonces.get(String(body.nonce));
    if (!seen || Date.now() - seen.at > nonceWindowMs) return undefined;
    return messages.get(seen.messageId);
  };

  const validateNonce = (body: JsonObject): Reply | undefined => {
    const nonce = body.nonce;
    if (nonce === undefined) return body.enforce_nonce === true ? invalidFormBody('nonce', 'BASE_TYPE_REQUIRED', 'This field is required') : undefined;
    if (typeof nonce === 'string' ? nonce.length > 25 : !Number.isInteger(nonce)) {
      return invalidFormBody('nonce', 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
    }
    return undefined;
  };

  const postChannelMessage = (ctx: RequestContext): Reply => {
    const id = ctx.params.channelId ?? '';
    const channel = channels.get(id);
    if (!channel) return unknownChannel();
    const invalid = validateNewMessage(ctx.body, ctx.files.length) ?? validateNonce(ctx.body);
    if (invalid) return invalid;
    const earlier = earlierWithNonce(ctx.body);
    if (earlier) return { status: 200, body: earlier };
    const message = buildMessage(ctx.body, { channelId: id, author: botUser, files: ctx.files });
    if (ctx.body.enforce_nonce === true) nonces.set(String(ctx.body.nonce), { messageId: String(message.id), at: Date.now() });
    const reference = optionalString(asObject(message.message_reference).message_id);
    recordBotMessage({
      channelId: id,
      content: String(message.content),
      allowedMentions: ctx.body.allowed_mentions,
      via: 'channel',
      messageId: String(message.id),
      embeds: message.embeds,
      components: message.components,
      ...(reference ? { referencedMessageId: reference } : {}),
      ...(ctx.body.nonce === undefined ? {} : { nonce: ctx.body.nonce as string | number }),
    });
    echo(message, ctx.after);
    return { status: 200, body: message };
  };

  /** GET /channels/:id/messages: newest first, `limit` (default 50, at most 100) after or before a message id. */
  const listChannelMessages = (ctx: RequestContext): Reply => {
    const id = ctx.params.channelId ?? '';
    if (!channels.has(id)) return unknownChannel();
    const limit = Math.min(100, Math.max(1, Number(ctx.query.limit ?? 50) || 50));
    const inChannel = [...messages.values()].filter((m) => m.channel_id === id).sort(bySnowflake);
    const after = ctx.query.after ? BigInt(ctx.query.after) : undefined;
    const before = ctx.query.before ? BigInt(ctx.query.before) : undefined;
    let picked: JsonObject[];
    if (after !== undefined) picked = inChannel.filter((m) => BigInt(String(m.id)) > after).slice(0, limit);
    else picked = inChannel.filter((m) => before === undefined || BigInt(String(m.id)) < before).slice(-limit);
    return { status: 200, body: picked.reverse() };
  };

  const patchChannelMessage = (ctx: RequestContext): Reply => {
    const message = messages.get(ctx.params.messageId ?? '');
    if (!message || message.channel_id !== ctx.params.channelId) return unknownMessage();
    if (asObject(message.author).id !== botUserId) {
      return apiError(403, 50005, 'Cannot edit a message authored by another user');
    }
    applyEdit(message, ctx.body, true);
    recordBotMessage({
      channelId: String(message.channel_id),
      content: String(message.content),
      allowedMentions: ctx.body.allowed_mentions,
      via: 'channel-edit',
      messageId: String(message.id),
      embeds: message.embeds,
      components: message.components,
    });
    return { status: 200, body: message };
  };

  const createThreadChannel = (input: {
    id: string;
    parentId: string;
    name: string;
    ownerId: string;
    type: number;
    autoArchiveDuration: number;
    guildId?: unknown;
  }): JsonObject => {
    const created = nowIso();
    const thread: JsonObject = {
      id: input.id,
      type: input.type,
      guild_id: input.guildId ?? guildId,
      parent_id: input.parentId,
      owner_id: input.ownerId,
      name: input.name,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
      total_message_sent: 0,
      applied_tags: [],
      thread_metadata: {
        archived: false,
        auto_archive_duration: input.autoArchiveDuration,
        archive_timestamp: created,
        locked: false,
        create_timestamp: created,
        ...(input.type === CHANNEL_TYPE.PrivateThread ? { invitable: true } : {}),
      },
    };
    channels.set(input.id, thread);
    return thread;
  };

  const threadResponse = (thread: JsonObject, memberId: string): JsonObject => ({
    ...thread,
    member: { id: thread.id, user_id: memberId, join_timestamp: nowIso(), flags: 0 },
  });

  const startThread = (ctx: RequestContext, fromMessage: boolean): Reply => {
    const parentId = ctx.params.channelId ?? '';
    const parent = channels.get(parentId);
    if (!parent) return unknownChannel();
    if (!hostsGuild(parent.guild_id) || isThread(parent)) {
      return apiError(400, 50024, 'Cannot execute action on this channel type');
    }
    const name = optionalString(ctx.body.name) ?? '';
    let id = nextSnowflake();
    let type = typeof ctx.body.type === 'number' ? ctx.body.type : CHANNEL_TYPE.PrivateThread;
    if (fromMessage) {
      const message = messages.get(ctx.params.messageId ?? '');
      if (!message || message.channel_id !== parentId) return unknownMessage();
      if (channels.has(String(message.id))) {
        return apiError(400, 160004, 'A thread has already been created for this message');
      }
      id = String(message.id); // On Discord a thread started from a message shares the message's id.
      type = CHANNEL_TYPE.PublicThread;
    }
    const thread = createThreadChannel({
      id,
      parentId,
      name,
      ownerId: botUserId,
      type,
      autoArchiveDuration: typeof ctx.body.auto_archive_duration === 'number' ? ctx.body.auto_archive_duration : 4320,
      guildId: parent.guild_id,
    });
    if (fromMessage) {
      const message = messages.get(id);
      if (message) {
        message.thread = thread;
        message.flags = Number(message.flags ?? 0) | MESSAGE_FLAG.HasThread;
      }
    }
    const response = threadResponse(thread, botUserId);
    ctx.after(() => dispatch('THREAD_CREATE', { ...response, newly_created: true }, false));
    return { status: 201, body: response };
  };

  const interactionFor = (ctx: RequestContext): InteractionRecord | undefined => {
    const interaction = interactionsByToken.get(ctx.params.token ?? '');
    if (!interaction) return undefined;
    if (ctx.params.appId !== undefined && ctx.params.appId !== appId) return undefined;
    return interaction;
  };

  const interactionCallback = (ctx: RequestContext): Reply => {
    const interaction = interactionFor(ctx);
    if (!interaction || interaction.id !== ctx.params.interactionId) return apiError(404, 10062, 'Unknown interaction');
    if (interaction.acknowledgedWith !== undefined) {
      return apiError(400, 40060, 'Interaction has already been acknowledged.');
    }
    const type = typeof ctx.body.type === 'number' ? ctx.body.type : -1;
    const data = asObject(ctx.body.data);
    const flags = typeof data.flags === 'number' ? data.flags : 0;
    const ephemeral = (flags & MESSAGE_FLAG.Ephemeral) !== 0;
    let resourceMessage: JsonObject | undefined;

    switch (type) {
      case CALLBACK.ChannelMessageWithSource: {
        const invalid = validateNewMessage(data, ctx.files.length);
        if (invalid) return invalid;
        resourceMessage = buildMessage(data, {
          channelId: interaction.channelId,
          author: botUser,
          type: interaction.type === 2 ? 20 : 0,
          webhookId: appId,
          files: ctx.files,
        });
        interaction.originalMessageId = String(resourceMessage.id);
        interaction.ephemeral = ephemeral;
        recordBotMessage({
          channelId: interaction.channelId,
          content: String(resourceMessage.content),
          allowedMentions: data.allowed_mentions,
          via: 'interaction-reply',
          messageId: String(resourceMessage.id),
          ephemeral,
          embeds: resourceMessage.embeds,
          components: resourceMessage.components,
        });
        echo(resourceMessage, ctx.after);
        break;
      }
      case CALLBACK.DeferredChannelMessageWithSource: {
        resourceMessage = buildMessage(
          {},
          {
            channelId: interaction.channelId,
            author: botUser,
            type: interaction.type === 2 ? 20 : 0,
            webhookId: appId,
            flags: flags | MESSAGE_FLAG.Loading,
          },
        );
        interaction.originalMessageId = String(resourceMessage.id);
        interaction.ephemeral = ephemeral;
        break;
      }
      case CALLBACK.DeferredMessageUpdate:
      case CALLBACK.UpdateMessage: {
        const source = interaction.sourceMessageId ? messages.get(interaction.sourceMessageId) : undefined;
        if (!source) return apiError(400, 50035, 'Invalid Form Body: only component interactions can update a message');
        interaction.originalMessageId = String(source.id);
        if (type === CALLBACK.UpdateMessage) {
          applyEdit(source, data, true);
          recordBotMessage({
            channelId: interaction.channelId,
            content: String(source.content),
            allowedMentions: data.allowed_mentions,
            via: 'interaction-update',
            messageId: String(source.id),
            embeds: source.embeds,
            components: source.components,
          });
        }
        resourceMessage = source;
        break;
      }
      case CALLBACK.Pong:
      case 8: // autocomplete result
      case 9: // modal
      case 12: // launch activity
        break;
      default:
        return invalidFormBody('type', 'BASE_TYPE_CHOICES', `Value must be one of (1, 4, 5, 6, 7, 8, 9, 12).`);
    }
    interaction.acknowledgedWith = type;
    if (ctx.query.with_response !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: interaction.id,
          type: interaction.type,
          response_message_id: interaction.originalMessageId,
          response_message_loading: type === CALLBACK.DeferredChannelMessageWithSource,
          response_message_ephemeral: interaction.ephemeral,
        },
        resource: { type, ...(resourceMessage ? { message: resourceMessage } : {}) },
      },
    };
  };

  const webhookMessageTarget = (interaction: InteractionRecord, messageId: string): JsonObject | undefined => {
    const id = messageId === '@original' ? interaction.originalMessageId : messageId;
    return id ? messages.get(id) : undefined;
  };

  const editWebhookMessage = (
    interaction: InteractionRecord,
    message: JsonObject,
    body: JsonObject,
    via: string,
  ): Reply => {
    const wasLoading = (Number(message.flags ?? 0) & MESSAGE_FLAG.Loading) !== 0;
    applyEdit(message, body, !wasLoading);
    message.flags = Number(message.flags ?? 0) & ~MESSAGE_FLAG.Loading;
    recordBotMessage({
      channelId: String(message.channel_id),
      content: String(message.content),
      allowedMentions: body.allowed_mentions,
      via,
      messageId: String(message.id),
      ephemeral: message.id === interaction.originalMessageId ? interaction.ephemeral : undefined,
      embeds: message.embeds,
      components: message.components,
    });
    return { status: 200, body: message };
  };

  const patchWebhookMessage = (ctx: RequestContext): Reply => {
    const interaction = interactionFor(ctx);
    if (!interaction) return unknownWebhook();
    const message = webhookMessageTarget(interaction, ctx.params.messageId ?? '');
    if (!message) return unknownMessage();
    return editWebhookMessage(interaction, message, ctx.body, 'webhook-edit');
  };

  const getWebhookMessage = (ctx: RequestContext): Reply => {
    const interaction = interactionFor(ctx);
    if (!interaction) return unknownWebhook();
    const message = webhookMessageTarget(interaction, ctx.params.messageId ?? '');
    return message ? { status: 200, body: message } : unknownMessage();
  };

  const deleteWebhookMessage = (ctx: RequestContext): Reply => {
    const interaction = interactionFor(ctx);
    if (!interaction) return unknownWebhook();
    const message = webhookMessageTarget(interaction, ctx.params.messageId ?? '');
    if (!message) return unknownMessage();
    messages.delete(String(message.id));
    return { status: 204 };
  };

  const postFollowup = (ctx: RequestContext): Reply => {
    const interaction = interactionFor(ctx);
    if (!interaction || interaction.acknowledgedWith === undefined) return unknownWebhook();
    const original = interaction.originalMessageId ? messages.get(interaction.originalMessageId) : undefined;
    // Discord: the first follow-up after a deferred reply edits the deferred ("thinking…") message.
    if (
      original &&
      interaction.acknowledgedWith === CALLBACK.DeferredChannelMessageWithSource &&
      (Number(original.flags ?? 0) & MESSAGE_FLAG.Loading) !== 0
    ) {
      return editWebhookMessage(interaction, original, ctx.body, 'followup');
    }
    const invalid = validateNewMessage(ctx.body, ctx.files.length);
    if (invalid) return invalid;
    const message = buildMessage(ctx.body, {
      channelId: interaction.channelId,
      author: botUser,
      webhookId: appId,
      files: ctx.files,
    });
    const ephemeral = (Number(message.flags) & MESSAGE_FLAG.Ephemeral) !== 0;
    recordBotMessage({
      channelId: interaction.channelId,
      content: String(message.content),
      allowedMentions: ctx.body.allowed_mentions,
      via: 'followup',
      messageId: String(message.id),
      ephemeral,
      embeds: message.embeds,
      components: message.components,
    });
    echo(message, ctx.after);
    return { status: 200, body: message };
  };

  const commandList = (ctx: RequestContext): JsonObject[] | undefined => {
    if (ctx.params.appId !== appId) return undefined;
    const scopedGuild = ctx.params.guildId;
    if (scopedGuild === undefined) return globalCommands;
    if (scopedGuild !== guildId) return undefined;
    let list = guildCommands.get(scopedGuild);
    if (!list) {
      list = [];
      guildCommands.set(scopedGuild, list);
    }
    return list;
  };

  const getCommands = (ctx: RequestContext): Reply => {
    const list = commandList(ctx);
    return list ? { status: 200, body: list } : apiError(404, 10002, 'Unknown Application');
  };

  const storeCommand = (list: JsonObject[], input: JsonObject, scopedGuild: string | undefined): JsonObject => {
    const type = typeof input.type === 'number' ? input.type : 1;
    const existing = list.find((c) => c.name === input.name && c.type === type);
    const command: JsonObject = {
      description: '',
      options: [],
      default_member_permissions: null,
      nsfw: false,
      name_localizations: null,
      description_localizations: null,
      integration_types: [0],
      contexts: null,
      ...input,
      type,
      id: existing?.id ?? nextSnowflake(),
      application_id: appId,
      version: nextSnowflake(),
      ...(scopedGuild ? { guild_id: scopedGuild } : {}),
    };
    if (existing) list.splice(list.indexOf(existing), 1, command);
    else list.push(command);
    return command;
  };

  const putCommands = (ctx: RequestContext): Reply => {
    const list = commandList(ctx);
    if (!list) return apiError(404, 10002, 'Unknown Application');
    if (!Array.isArray(ctx.rawBody)) return invalidFormBody('_', 'BASE_TYPE_LIST', 'Must be an array.');
    const previous = [...list];
    list.length = 0;
    for (const command of ctx.rawBody) {
      const input = asObject(command);
      const type = typeof input.type === 'number' ? input.type : 1;
      const kept = previous.find((c) => c.name === input.name && c.type === type);
      if (kept) list.push(kept);
      storeCommand(list, input, ctx.params.guildId);
    }
    return { status: 200, body: list };
  };

  const postCommand = (ctx: RequestContext): Reply => {
    const list = commandList(ctx);
    if (!list) return apiError(404, 10002, 'Unknown Application');
    const existed = list.some((c) => c.name === ctx.body.name);
    const command = storeCommand(list, ctx.body, ctx.params.guildId);
    return { status: existed ? 200 : 201, body: command };
  };

  const deleteCommand = (ctx: RequestContext): Reply => {
    const list = commandList(ctx);
    const index = list ? list.findIndex((c) => c.id === ctx.params.commandId) : -1;
    if (!list || index < 0) return apiError(404, 10063, 'Unknown application command');
    list.splice(index, 1);
    return { status: 204 };
  };

  const applicationObject = (): JsonObject => ({
    id: appId,
    name: 'Pivot',
    icon: null,
    description: 'Fake application',
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: 'fake-verify-key',
    flags: 0,
    owner: users.get(ownerUserId),
    team: null,
    bot: botUser,
    approximate_guild_count: 1,
    integration_types_config: { '0': {} },
  });

  const noContent = (): Reply => ({ status: 204 });

  const routes: Route[] = [
    compileRoute('GET', '/gateway/bot', () => ({
      status: 200,
      body: {
        url: gatewayURL,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    })),
    compileRoute('GET', '/gateway', () => ({ status: 200, body: { url: gatewayURL } })),
    compileRoute('GET', '/users/@me', () => ({ status: 200, body: botUser })),
    compileRoute('GET', '/users/:userId', (ctx) => {
      const userId = ctx.params.userId ?? '';
      // Any snowflake-like id is a user (created on demand), as any member id the bot stored would be on Discord.
      const user = users.get(userId) ?? (SNOWFLAKE_LIKE.test(userId) ? userOrPlaceholder(userId) : undefined);
      return user ? { status: 200, body: user } : apiError(404, 10013, 'Unknown User');
    }),
    compileRoute('POST', '/users/@me/channels', (ctx) => {
      const recipient = optionalString(ctx.body.recipient_id);
      if (!recipient) return invalidFormBody('recipient_id', 'BASE_TYPE_REQUIRED', 'This field is required');
      return { status: 200, body: ensureDmChannel(recipient) };
    }),
    compileRoute('GET', '/applications/@me', () => ({ status: 200, body: applicationObject() })),
    compileRoute('GET', '/oauth2/applications/@me', () => ({ status: 200, body: applicationObject() })),
    compileRoute('GET', '/guilds/:guildId/members/:userId', (ctx) => {
      const user = users.get(ctx.params.userId ?? '');
      if (!hostsGuild(ctx.params.guildId)) return apiError(404, 10004, 'Unknown Guild');
      return user ? { status: 200, body: { ...memberObject(ctx.params.userId, ctx.params.guildId), user } } : apiError(404, 10007, 'Unknown Member');
    }),
    compileRoute('GET', '/channels/:channelId', (ctx) => {
      const channel = channels.get(ctx.params.channelId ?? '');
      return channel ? { status: 200, body: channel } : unknownChannel();
    }),
    compileRoute('POST', '/channels/:channelId/messages', postChannelMessage),
    compileRoute('GET', '/channels/:channelId/messages', listChannelMessages),
    compileRoute('GET', '/channels/:channelId/messages/:messageId', (ctx) => {
      const message = messages.get(ctx.params.messageId ?? '');
      return message && message.channel_id === ctx.params.channelId ? { status: 200, body: message } : unknownMessage();
    }),
    compileRoute('PATCH', '/channels/:channelId/messages/:messageId', patchChannelMessage),
    compileRoute('DELETE', '/channels/:channelId/messages/:messageId', (ctx) => {
      const message = messages.get(ctx.params.messageId ?? '');
      if (!message || message.channel_id !== ctx.params.channelId) return unknownMessage();
      messages.delete(String(message.id));
      return noContent();
    }),
    compileRoute('POST', '/channels/:channelId/typing', (ctx) =>
      channels.has(ctx.params.channelId ?? '') ? noContent() : unknownChannel(),
    ),
    compileRoute('POST', '/channels/:channelId/messages/:messageId/threads', (ctx) => startThread(ctx, true)),
    compileRoute('POST', '/channels/:channelId/threads', (ctx) => startThread(ctx, false)),
    compileRoute('PUT', '/channels/:channelId/messages/:messageId/reactions/:emoji/:user', noContent),
    compileRoute('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji/:user', noContent),
    compileRoute('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji', noContent),
    compileRoute('DELETE', '/channels/:channelId/messages/:messageId/reactions', noContent),
    compileRoute('POST', '/interactions/:interactionId/:token/callback', interactionCallback),
    compileRoute('GET', '/webhooks/:appId/:token/messages/:messageId', getWebhookMessage),
    compileRoute('PATCH', '/webhooks/:appId/:token/messages/:messageId', patchWebhookMessage),
    compileRoute('DELETE', '/webhooks/:appId/:token/messages/:messageId', deleteWebhookMessage),
    compileRoute('POST', '/webhooks/:appId/:token', postFollowup),
    compileRoute('GET', '/applications/:appId/commands', getCommands),
    compileRoute('PUT', '/applications/:appId/commands', putCommands),
    compileRoute('POST', '/applications/:appId/commands', postCommand),
    compileRoute('DELETE', '/applications/:appId/commands/:commandId', deleteCommand),
    compileRoute('GET', '/applications/:appId/guilds/:guildId/commands', getCommands),
    compileRoute('PUT', '/applications/:appId/guilds/:guildId/commands', putCommands),
    compileRoute('POST', '/applications/:appId/guilds/:guildId/commands', postCommand),
    compileRoute('DELETE', '/applications/:appId/guilds/:guildId/commands/:commandId', deleteCommand),
  ];

  /** Routes called with the interaction token instead of the bot token. */
  const isTokenlessRoute = (segments: string[]): boolean => segments[0] === 'webhooks' || segments[0] === 'interactions';

  const matches = (match: CallMatch, call: RestCall): boolean => {
    if (match.method && match.method.toUpperCase() !== call.method) return false;
    if (match.path) {
      match.path.lastIndex = 0;
      const onPath = match.path.test(call.path);
      match.path.lastIndex = 0;
      if (!onPath && !match.path.test(call.rawPath ?? '')) return false;
    }
    return true;
  };

  const takeFailure = (call: RestCall): InjectedFailure | undefined => {
    const index = failures.findIndex(({ match }) => matches(match, call));
    return index >= 0 ? failures.splice(index, 1)[0]?.failure : undefined;
  };

  const failureReply = (call: RestCall, failure: InjectedFailure): Reply => {
    if (failure.status === 429 && 'retryAfter' in failure) {
      const seconds = failure.retryAfter;
      const scope = failure.global ? 'global' : 'user';
      return {
        status: 429,
        headers: {
          'retry-after': String(seconds),
          'x-ratelimit-scope': scope,
          ...(failure.global
            ? { 'x-ratelimit-global': 'true' }
            : { 'x-ratelimit-bucket': bucketFor(call), 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(seconds) }),
        },
        body: { message: 'You are being rate limited.', retry_after: seconds, global: failure.global === true },
      };
    }
    return { status: failure.status, body: { message: `fake: injected ${failure.status}`, code: 0 } };
  };

  /** Start times (performance.now) of the REST calls accepted in the last second, oldest first; only with `rateLimit`. */
  const acceptedInWindow: number[] = [];
  let rateLimitedCount = 0;

  /** A route's bucket name: its method and path with ids generalised, e.g. `POST /channels/:id/messages`. */
  const bucketFor = (call: RestCall): string =>
    `fake-${call.method}-${call.path.replace(/\/\d+/g, '/:id').replace(/[^\w/:@-]/g, '').replaceAll('/', '.')}`;

  const takeRateLimit = (call: RestCall): Reply | undefined => {
    if (!rateLimit) return undefined;
    const now = performance.now();
    while (acceptedInWindow.length > 0 && (acceptedInWindow[0] ?? now) <= now - 1000) acceptedInWindow.shift();
    if (acceptedInWindow.length < rateLimit.perSecond) {
      acceptedInWindow.push(now);
      return undefined;
    }
    rateLimitedCount++;
    const oldest = acceptedInWindow[0] ?? now;
    const resetAfter = Math.max(0.001, Math.round(oldest + 1000 - now) / 1000);
    return {
      status: 429,
      headers: {
        'retry-after': String(Math.max(1, Math.ceil(resetAfter))),
        'x-ratelimit-limit': String(rateLimit.perSecond),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': ((Date.now() + resetAfter * 1000) / 1000).toFixed(3),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': bucketFor(call),
        'x-ratelimit-scope': 'user',
      },
      body: { message: 'You are being rate limited.', retry_after: resetAfter, global: false },
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    let parsed: Awaited<ReturnType<typeof parseBody>>;
    try {
      parsed = await parseBody(raw, req.headers['content-type']);
    } catch {
      parsed = { body: raw.toString('utf8'), files: [] };
    }
    const versioned = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    const rawRoute = versioned ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const segments = rawRoute
      .split('/')
      .filter(Boolean)
      .map((segment) => {
        try {
          return decodeURIComponent(segment);
        } catch {
          return segment;
        }
      });
    const call: RestCall = {
      method,
      path: `/${segments.join('/')}`,
      body: parsed.body,
      headers: req.headers,
      at: Date.now(),
      rawPath: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      ...(parsed.files.length > 0 ? { files: parsed.files } : {}),
    };

    const effects: (() => Promise<void>)[] = [];
    const failure = takeFailure(call);
    const committed = failure && 'afterCommit' in failure && failure.afterCommit === true;
    let reply = failure && !committed ? failureReply(call, failure) : undefined;
    if (!reply && !versioned) reply = apiError(404, 0, 'fake: unknown route');
    if (!reply) reply = takeRateLimit(call);
    if (!reply && !isTokenlessRoute(segments) && req.headers.authorization !== `Bot ${token}`) {
      reply = apiError(401, 0, '401: Unauthorized');
    }
    const matched = reply ? undefined : matchRoute(routes, method, segments);
    // Discord checks every body against its schemas and limits; an invalid one changes nothing.
    if (!reply && matched) reply = await checkFormBody(method, matched.route.pattern, parsed.body);
    if (!reply) {
      reply = matched
        ? matched.route.handler({
            method,
            params: matched.params,
            body: asObject(parsed.body),
            rawBody: parsed.body,
            query: call.query ?? {},
            files: parsed.files,
            after: (effect) => effects.push(effect),
          })
        : apiError(404, 0, 'fake: unknown route');
    }
    if (failure && committed) reply = failureReply(call, failure);

    call.status = reply.status;
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(call)) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
    const delay = latencies.filter((l) => matches(l.match, call)).reduce((most, l) => Math.max(most, l.ms), 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (!res.destroyed) writeReply(res, reply);
    for (const effect of effects) await effect();
  };

  // ---------------------------------------------------------------- servers

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeReply(res, { status: 500, body: { message: `fake: ${String(error)}`, code: 0 } });
    });
  });
  const wss = new WebSocketServer({ server, perMessageDeflate: false });

  wss.on('connection', (socket, req) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const session: GatewaySession = {
      socket,
      query: Object.fromEntries(url.searchParams.entries()),
      identified: false,
      open: true,
      received: [],
      logical: undefined,
      guildsSent: Promise.resolve(),
    };
    sessions.push(session);
    socket.on('close', (code) => {
      session.open = false;
      session.closeCode = code;
      const logical = session.logical;
      if (logical?.connection === session) logical.connection = undefined;
      // A normal close ends the session on Discord; anything else (a drop, a crash) leaves it resumable.
      if (logical && (code === 1000 || code === 1001)) logical.valid = false;
    });
    socket.on('error', () => {});
    if (session.query.v !== '10') {
      socket.close(4012, 'Invalid API version');
      return;
    }
    if (session.query.encoding !== 'json' || session.query.compress !== undefined) {
      // The fake speaks only uncompressed JSON.
      socket.close(4002, 'Decode error: fake-discord supports only encoding=json without compress');
      return;
    }
    socket.on('message', (data: RawData, isBinary: boolean) => {
      let payload: unknown;
      try {
        payload = JSON.parse(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      void handleGatewayPayload(session, asObject(payload));
    });
    void send(session, { op: 10, d: { heartbeat_interval: heartbeatInterval, _trace: ['fake-discord'] } });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const gatewayURL = `ws://127.0.0.1:${port}`;

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
    const permissions = settingsOf(input.userId, interactionGuild)?.permissions ?? (ownerOf(interactionGuild) === input.userId ? ALL_PERMISSIONS : MEMBER_PERMISSIONS);
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
    rateLimited: () => rateLimitedCount,
    commands: (scopedGuildId) => [...(scopedGuildId ? (guildCommands.get(scopedGuildId) ?? []) : globalCommands)],
    gatewayConnections: () =>
      sessions.map(({ query, identified, open, closeCode, received }) => ({ query, identified, open, closeCode, received })),
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
