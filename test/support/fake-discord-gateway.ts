// The loopback Discord's gateway: sessions, dispatches (numbered, kept for RESUME) and the client's opcodes.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import {
  asObject,
  type DiscordState,
  type GatewaySession,
  type JsonObject,
  type LogicalSession,
  MAX_REPLAY,
  MEMBER_PERMISSIONS,
  optionalString,
} from './fake-discord-state.ts';

export type DiscordGateway = ReturnType<typeof createGateway>;

export function createGateway(state: DiscordState) {
  const {
    token,
    heartbeatInterval,
    appId,
    guildId,
    channelId,
    second,
    ownerOf,
    startedAt,
    users,
    channels,
    sessions,
    logicalSessions,
    pendingTimers,
    botUser,
    memberObject,
    isThread,
    guildThreads,
    options,
  } = state;

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

  const dispatchTo = (session: GatewaySession, t: string, d: unknown): Promise<void> => (session.logical ? emit(session.logical, t, d) : Promise.resolve());

  /**
   * Sends a dispatch to every valid session (held for those disconnected but resumable). With none, the event is
   * lost, as on Discord; `required` makes that an error when no client has ever logged in.
   */
  const dispatch = async (t: string, d: unknown, required: boolean): Promise<void> => {
    const targets = [...logicalSessions.values()].filter((l) => l.valid);
    if (targets.length === 0) {
      if (required && !state.everIdentified) throw new Error(`fake-discord: no identified gateway session to deliver ${t} to (did the client log in?)`);
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
        state.everIdentified = true;
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
          resume_gateway_url: state.gatewayURL,
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

  /** Accepts gateway connections on the fake's HTTP server. */
  const listen = (server: Server): WebSocketServer => {
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
    return wss;
  };

  return { send, emit, dispatchTo, dispatch, guildCreatePayload, handleGatewayPayload, listen };
}
