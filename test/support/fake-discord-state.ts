// The loopback Discord's state: its users, guilds, channels, messages, interactions and commands, and what every
// part of the fake shares (see fake-discord.ts). The gateway (fake-discord-gateway.ts) and REST
// (fake-discord-rest.ts) read and change it.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PermissionFlagsBits } from 'discord.js';
import type { WebSocket } from 'ws';
import type { StartFakeDiscordOptions } from './fake-discord.ts';

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

export type JsonObject = Record<string, unknown>;

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

export type RequestContext = {
  method: string;
  params: Record<string, string>;
  body: JsonObject;
  rawBody: unknown;
  query: Record<string, string>;
  files: NonNullable<RestCall['files']>;
  /** Effects to run after the response has been written (gateway dispatches). */
  after: (effect: () => Promise<void>) => void;
};

export type Route = { method: string; pattern: string; segments: string[]; handler: (ctx: RequestContext) => Reply };

export type InteractionRecord = {
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
export type GatewaySession = GatewayConnection & {
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
export type LogicalSession = {
  id: string;
  seq: number;
  /** Recent dispatches, for replay on RESUME. */
  history: JsonObject[];
  connection: GatewaySession | undefined;
  valid: boolean;
};

/** Dispatches a session keeps for replay; a RESUME from before the oldest one is refused (op 9). */
export const MAX_REPLAY = 5000;

export const API_PREFIX = '/api/v10';
export const SNOWFLAKE_LIKE = /^\d{5,25}$/;
export const DISCORD_EPOCH = 1_420_070_400_000n;
export const CHANNEL_TYPE = { GuildText: 0, DM: 1, PublicThread: 11, PrivateThread: 12 } as const;
export const MESSAGE_FLAG = { HasThread: 1 << 5, Ephemeral: 1 << 6, Loading: 1 << 7 } as const;
export const CALLBACK = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
} as const;

export const MEMBER_PERMISSIONS = [
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
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits)
  .reduce((all, bit) => all | bit, 0n)
  .toString();

let lastSnowflake = 0n;
/** Increasing numeric-string snowflakes whose timestamp part is "now" (so discord.js createdAt is sensible). */
export function nextSnowflake(): string {
  const candidate = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  lastSnowflake = candidate > lastSnowflake ? candidate : lastSnowflake + 1n;
  return lastSnowflake.toString();
}

/** Orders messages by id, oldest first (snowflakes grow with time). */
export function bySnowflake(a: JsonObject, b: JsonObject): number {
  const x = BigInt(String(a.id));
  const y = BigInt(String(b.id));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function apiError(status: number, code: number, message: string, errors?: JsonObject): Reply {
  return { status, body: errors ? { message, code, errors } : { message, code } };
}

export function invalidFormBody(field: string, code: string, message: string): Reply {
  return apiError(400, 50035, 'Invalid Form Body', { [field]: { _errors: [{ code, message }] } });
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: NonNullable<RestCall['files']> }> {
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

export function writeReply(res: ServerResponse, reply: Reply): void {
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

export function compileRoute(method: string, pattern: string, handler: Route['handler']): Route {
  return { method, pattern, segments: pattern.split('/').filter(Boolean), handler };
}

export function matchRoute(routes: Route[], method: string, segments: string[]): { route: Route; params: Record<string, string> } | undefined {
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
export function validateNewMessage(body: JsonObject, fileCount: number): Reply | undefined {
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

export function inferOptionType(value: string | number | boolean): number {
  if (typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}

/** Starts the fake on 127.0.0.1 (random port). */

export type DiscordState = ReturnType<typeof createDiscordState>;

/** The fake's state, empty but for the bot, its guild(s) and their channels. */
export function createDiscordState(options: StartFakeDiscordOptions) {
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
  const second = options.secondGuild ? { guildId: nextSnowflake(), channelId: nextSnowflake(), ownerUserId: options.secondGuild.ownerUserId } : undefined;
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
  /** Whether any client has identified yet: until then a dispatch with no session to go to is a mistake in the test. */
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

  const userOrPlaceholder = (userId: string): JsonObject => users.get(userId) ?? rememberUser(userId, `user-${userId.slice(-6)}`);

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

  return {
    options,
    everIdentified: false,
    /** ws://127.0.0.1:PORT, once the server listens. */
    gatewayURL: '',
    token,
    heartbeatInterval,
    echoBotMessages,
    rateLimit,
    appId,
    botUserId,
    guildId,
    channelId,
    otherChannelId,
    ownerUserId,
    second,
    hostsGuild,
    ownerOf,
    startedAt,
    calls,
    botMessageLog,
    users,
    channels,
    messages,
    dmChannelByUser,
    interactionsByToken,
    globalCommands,
    guildCommands,
    failures,
    waiters,
    sessions,
    logicalSessions,
    latencies,
    nonces,
    nonceWindowMs,
    pendingTimers,
    botUser,
    memberSettings,
    settingsOf,
    memberObject,
    rememberUser,
    userOrPlaceholder,
    ensureDmChannel,
    guildChannel,
    isThread,
    guildThreads,
    noteMessageInChannel,
    recordBotMessage,
    buildMessage,
    applyEdit,
    gatewayMessage,
  };
}
