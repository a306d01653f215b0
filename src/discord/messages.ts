import { AsyncLocalStorage } from 'node:async_hooks';
import { type Client, DiscordAPIError, type Message } from 'discord.js';
import type { TurnStore } from '../answer/turns.ts';
import { handleLine } from '../commands/dispatch.ts';
import type { CoreDeps } from '../commands/registry.ts';
import type { KeyedQueue } from '../core/keyed-queue.ts';
import type { Inbound, Origin } from '../core/types.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { deliverAnswer, deliverUnrecorded } from './answer-delivery.ts';
import { logDiscordFailure, replyOrApology } from './errors.ts';
import type { Inbox, InboxRoute, InboxRow } from './inbox.ts';
import { NO_MENTIONS, type RenderedMessage, renderReply } from './render.ts';
import { type Caller, fromServedGuild } from './roles.ts';
import { DMS_CLOSED, sendPrivately } from './send.ts';
import { replyFromTurn } from './turn-reply.ts';

const MISSED_REPLY = 'Sorry: my last reply to you did not get through. Here is your latest answer.';
const TYPING_DELAY_MS = 1000;
const TYPING_REFRESH_MS = 8000;
/** A message that failed (or stopped the bot) this many times is given up rather than retried for ever. */
const MAX_ATTEMPTS = 3;
const UNKNOWN_CHANNEL = 10003;
const UNKNOWN_MESSAGE = 10008;
const THREAD_ALREADY_CREATED = 160004;

export type MessageHandlingContext = {
  client: Client;
  core: CoreDeps;
  commands: Parameters<typeof handleLine>[0];
  db: Db;
  inbox: Inbox;
  queue: KeyedQueue;
  log: Logger;
  /** Members whose last reply could not be delivered; their next answer starts with an apology. */
  owedApology: Set<string>;
  coachChannelIds: string[] | undefined;
  /** The community's guild (DISCORD_GUILD_ID): when set, messages from any other guild are ignored. */
  communityGuildId: string | undefined;
  retryDelaysMs?: number[];
  /** The core roles of a caller (mentor or not); looked up only for typed commands. */
  rolesOf(caller: Caller): Promise<Pick<Inbound, 'roles' | 'rolesUnknown'>>;
};

export type MessageHandling = {
  /** A message from the gateway or found when catching up: recorded once, then answered in the member's order. */
  receive(message: Message): Promise<void>;
  /** While stopping: a message is recorded for the next start to answer, instead of being dropped. */
  hold(message: Message): void;
  /** A message an earlier run accepted but did not finish: answered or delivered from where it stopped. */
  resume(row: InboxRow): Promise<void>;
  /** Whether this process is already answering that message. */
  handling(messageId: string): boolean;
};

/**
 * Member messages in DMs, bot threads and mentions: each is recorded in the
 * inbox before anything else, answered through the core, and its answer is
 * stored before it is delivered, so a crash at any point can be finished on
 * restart without losing the message or sending its answer twice.
 */
export function createMessageHandling(ctx: MessageHandlingContext): MessageHandling {
  const { client, inbox, queue, log } = ctx;
  const inFlight = new Set<string>();
  const answering = new AsyncLocalStorage<string>();
  const core: CoreDeps = { ...ctx.core, turns: turnsLinkedToInbox(ctx.core.turns, ctx.db, inbox, answering) };
  const now = () => ctx.core.now();

  const inScope = (channelId: string | null | undefined) =>
    !ctx.coachChannelIds || (channelId !== null && channelId !== undefined && ctx.coachChannelIds.includes(channelId));

  /** Whether a message is for the bot, and where its answer goes when that is known without asking Discord. */
  const accepts = (message: Message): { route: InboxRoute | undefined } | undefined => {
    const botId = client.user?.id;
    if (!botId || message.author.bot || message.system) return undefined;
    if (!fromServedGuild(ctx.communityGuildId, message.guildId)) return undefined;
    const channel = message.channel;
    if (channel.isDMBased()) {
      return { route: { conversationId: `dm:${channel.id}`, replyChannelId: channel.id, replyToId: message.id } };
    }
    if (channel.isThread()) {
      if (channel.ownerId !== botId || !inScope(channel.parentId)) return undefined;
      return { route: { conversationId: `thread:${channel.id}`, replyChannelId: channel.id, replyToId: null } };
    }
    const addressed = message.mentions.users.has(botId) || (message.reference !== null && message.mentions.repliedUser?.id === botId);
    // A mention is answered in a thread started from it, which is created when the answer begins.
    return addressed && inScope(channel.id) ? { route: undefined } : undefined;
  };

  const enqueue = (row: InboxRow, message?: Message): Promise<void> => {
    inFlight.add(row.messageId);
    return queue.run(row.memberId, () => work(row.messageId, message)).finally(() => inFlight.delete(row.messageId));
  };

  const work = async (messageId: string, given?: Message): Promise<void> => {
    const row = inbox.get(messageId);
    if (!row || row.status === 'sent' || row.status === 'failed' || row.status === 'dropped') return;
    const context = { messageId, memberId: row.memberId };
    if (inbox.begin(messageId, now()) > MAX_ATTEMPTS) {
      inbox.finish(messageId, 'dropped', now());
      log.warn(context, 'gave up on a message after repeated failures');
      return;
    }
    if (row.status === 'received') {
      const message = given ?? (await fetchMessage(row));
      if (!message) {
        inbox.finish(messageId, 'dropped', now());
        log.info(context, 'message gone before it was answered');
        return;
      }
      const route = row.route ?? (await startThread(message));
      if (!row.route) inbox.setRoute(messageId, route, now());
      const parts = await answer(row, message, route);
      // `/forget confirm:yes` erased the member's inbox rows, this one included: reply without recording anything again.
      if (!inbox.get(messageId)) return deliverAfterErasure(row, route, parts);
      inbox.saveAnswer(messageId, parts, now());
    }
    try {
      await deliverAnswer(client, inbox, messageId, { now, retryDelaysMs: ctx.retryDelaysMs });
      inbox.finish(messageId, 'sent', now());
    } catch (error) {
      inbox.finish(messageId, 'failed', now());
      ctx.owedApology.add(row.memberId);
      logDiscordFailure(log, error, { ...context, where: 'send reply' });
    }
  };

  const deliverAfterErasure = async (row: InboxRow, route: InboxRoute, parts: RenderedMessage[]): Promise<void> => {
    try {
      await deliverUnrecorded(client, row.messageId, route, parts, { retryDelaysMs: ctx.retryDelaysMs });
    } catch (error) {
      ctx.owedApology.add(row.memberId);
      logDiscordFailure(log, error, { messageId: row.messageId, memberId: row.memberId, where: 'send reply' });
    }
  };

  /** The core's answer, rendered; the turn it stores is linked to the inbox row in the same transaction. */
  const answer = async (row: InboxRow, message: Message, route: InboxRoute): Promise<RenderedMessage[]> => {
    const stored = row.turnId !== null ? replyFromTurn(ctx.db, row.turnId) : undefined;
    const stopTyping = stored ? () => undefined : keepTyping(message);
    try {
      // "@Pivot /progress" in a channel is the /progress command.
      const text = withoutLeadingMention(message.content, client.user?.id);
      const isCommand = text.trim().startsWith('/');
      const inbound: Inbound = {
        memberId: row.memberId,
        displayName: message.member?.displayName ?? message.author.displayName,
        origin: originOf(message, route),
        text,
        ...(isCommand && !stored ? await ctx.rolesOf({ userId: row.memberId, guildId: message.guildId }) : { roles: [] }),
      };
      let reply =
        stored ??
        (await answering.run(row.messageId, () =>
          replyOrApology(log, () => handleLine(ctx.commands, core, inbound), { memberId: row.memberId, where: 'message' }),
        ));
      if (reply.visibility && inbound.origin.kind !== 'dm') {
        // Private replies never go to a shared thread: they go by DM, with a pointer where they were asked for.
        const sent = await sendPrivately(client, row.memberId, reply, log);
        reply = { text: sent ? 'I sent my reply to your DMs.' : DMS_CLOSED, citations: [] };
      }
      const parts = renderReply(reply);
      if (!ctx.owedApology.delete(row.memberId)) return parts;
      return [{ content: MISSED_REPLY, allowedMentions: NO_MENTIONS }, ...parts];
    } finally {
      stopTyping();
    }
  };

  const fetchMessage = async (row: InboxRow): Promise<Message | undefined> => {
    try {
      const channel = await client.channels.fetch(row.channelId);
      return channel?.isTextBased() ? await channel.messages.fetch(row.messageId) : undefined;
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === UNKNOWN_MESSAGE || error.code === UNKNOWN_CHANNEL)) return undefined;
      throw error;
    }
  };

  /** A thread from the member's message (its id is the message's); if that fails, a reply in the channel. */
  const startThread = async (message: Message): Promise<InboxRoute> => {
    try {
      const thread = await message.startThread({ name: threadName(message.cleanContent), autoArchiveDuration: 1440 });
      return { conversationId: `thread:${thread.id}`, replyChannelId: thread.id, replyToId: null };
    } catch (error) {
      // Started before a crash: Discord refuses a second thread, and the first one is the conversation.
      if (error instanceof DiscordAPIError && error.code === THREAD_ALREADY_CREATED) {
        return { conversationId: `thread:${message.id}`, replyChannelId: message.id, replyToId: null };
      }
      logDiscordFailure(log, error, { where: 'startThread', channelId: message.channelId });
      return { conversationId: `channel:${message.channelId}:${message.author.id}`, replyChannelId: message.channelId, replyToId: message.id };
    }
  };

  const record = (message: Message): InboxRow | undefined => {
    const accepted = accepts(message);
    if (!accepted) return undefined;
    // Undefined when already recorded: Discord delivered it again (a replayed event) or catching up found it twice.
    return inbox.accept({ messageId: message.id, channelId: message.channelId, memberId: message.author.id, route: accepted.route, now: now() });
  };

  return {
    receive(message) {
      const row = record(message);
      return row ? enqueue(row, message) : Promise.resolve();
    },
    hold(message) {
      record(message);
    },
    resume(row) {
      if (inFlight.has(row.messageId)) return Promise.resolve();
      return enqueue(row);
    },
    handling: (messageId) => inFlight.has(messageId),
  };
}

function originOf(message: Message, route: InboxRoute): Origin {
  const channel = message.channel;
  if (channel.isDMBased()) return { kind: 'dm', conversationId: route.conversationId };
  const channelId = channel.isThread() ? (channel.parentId ?? channel.id) : channel.id;
  return { kind: 'group', conversationId: route.conversationId, channelId, guildId: message.guildId ?? undefined };
}

/** The core's turn store, also marking which inbox message a turn answers, atomically with the turn. */
function turnsLinkedToInbox(turns: TurnStore, db: Db, inbox: Inbox, answering: AsyncLocalStorage<string>): TurnStore {
  return {
    ...turns,
    store(turn) {
      const messageId = answering.getStore();
      if (!messageId) return turns.store(turn);
      return db.$client.transaction(() => {
        const id = turns.store(turn);
        inbox.linkTurn(messageId, id);
        return id;
      })();
    },
  };
}

const LEADING_MENTION = /^\s*<@!?(\d+)>\s*/;

/** The text after a leading mention of the bot, or the text as it came. */
function withoutLeadingMention(text: string, botId: string | undefined): string {
  const mention = LEADING_MENTION.exec(text);
  return mention && mention[1] === botId ? text.slice(mention[0].length) : text;
}

/** Thread names are limited to 100 characters and should read like the question. */
export function threadName(text: string): string {
  const clean = text
    .replace(/<@[!&]?\d+>|@\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const name = clean || 'Career question';
  return name.length > 90 ? `${name.slice(0, 89)}…` : name;
}

/**
 * Shows "Pivot is typing…" until stopped, once the answer has taken longer
 * than TYPING_DELAY_MS: a quick answer needs no indicator, and skipping it
 * halves the requests a busy bot spends against Discord's global rate limit.
 * Discord clears the indicator after ~10 s, so it is refreshed.
 */
function keepTyping(message: Message): () => void {
  const channel = message.channel;
  if (!('sendTyping' in channel)) return () => undefined;
  const send = () => {
    channel.sendTyping().catch(() => undefined);
  };
  let refresh: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    send();
    refresh = setInterval(send, TYPING_REFRESH_MS);
  }, TYPING_DELAY_MS);
  return () => {
    clearTimeout(start);
    clearInterval(refresh);
  };
}
