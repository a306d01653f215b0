// The loopback Discord's REST API: routes, Discord's checks and errors, injected failures, latency and rate limits.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiscordGateway } from './fake-discord-gateway.ts';
import {
  API_PREFIX,
  apiError,
  asObject,
  bySnowflake,
  CALLBACK,
  type CallMatch,
  CHANNEL_TYPE,
  compileRoute,
  type DiscordState,
  type InjectedFailure,
  type InteractionRecord,
  invalidFormBody,
  type JsonObject,
  MESSAGE_FLAG,
  matchRoute,
  nextSnowflake,
  nowIso,
  optionalString,
  parseBody,
  type Reply,
  type RequestContext,
  type RestCall,
  type Route,
  readBody,
  SNOWFLAKE_LIKE,
  validateNewMessage,
  writeReply,
} from './fake-discord-state.ts';
import { checkFormBody } from './fake-discord-validation.ts';

export type DiscordRest = ReturnType<typeof createRest>;

export function createRest(state: DiscordState, gateway: DiscordGateway) {
  const {
    token,
    echoBotMessages,
    rateLimit,
    appId,
    botUserId,
    guildId,
    ownerUserId,
    hostsGuild,
    calls,
    users,
    channels,
    messages,
    interactionsByToken,
    globalCommands,
    guildCommands,
    failures,
    waiters,
    latencies,
    nonces,
    nonceWindowMs,
    botUser,
    memberObject,
    userOrPlaceholder,
    ensureDmChannel,
    isThread,
    recordBotMessage,
    buildMessage,
    applyEdit,
    gatewayMessage,
  } = state;
  const { dispatch } = gateway;

  const echo = (message: JsonObject, after: RequestContext['after']): void => {
    if (!echoBotMessages || (Number(message.flags) & MESSAGE_FLAG.Ephemeral) !== 0) return;
    after(() => dispatch('MESSAGE_CREATE', gatewayMessage(message), false));
  };

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

  const editWebhookMessage = (interaction: InteractionRecord, message: JsonObject, body: JsonObject, via: string): Reply => {
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
    if (original && interaction.acknowledgedWith === CALLBACK.DeferredChannelMessageWithSource && (Number(original.flags ?? 0) & MESSAGE_FLAG.Loading) !== 0) {
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
        url: state.gatewayURL,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    })),
    compileRoute('GET', '/gateway', () => ({ status: 200, body: { url: state.gatewayURL } })),
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
    compileRoute('POST', '/channels/:channelId/typing', (ctx) => (channels.has(ctx.params.channelId ?? '') ? noContent() : unknownChannel())),
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
    `fake-${call.method}-${call.path
      .replace(/\/\d+/g, '/:id')
      .replace(/[^\w/:@-]/g, '')
      .replaceAll('/', '.')}`;

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

  return {
    echo,
    unknownChannel,
    unknownMessage,
    unknownWebhook,
    earlierWithNonce,
    validateNonce,
    postChannelMessage,
    listChannelMessages,
    patchChannelMessage,
    createThreadChannel,
    threadResponse,
    startThread,
    interactionFor,
    interactionCallback,
    webhookMessageTarget,
    editWebhookMessage,
    patchWebhookMessage,
    getWebhookMessage,
    deleteWebhookMessage,
    postFollowup,
    commandList,
    getCommands,
    storeCommand,
    putCommands,
    postCommand,
    deleteCommand,
    applicationObject,
    noContent,
    routes,
    isTokenlessRoute,
    matches,
    takeFailure,
    failureReply,
    acceptedInWindow,
    bucketFor,
    takeRateLimit,
    handle,
    rateLimited: () => rateLimitedCount,
  };
}
