import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { bound } from '../db/prepared.ts';
import { discordInbox } from '../db/schema.ts';
import type { RenderedMessage } from './render.ts';

export type InboxStatus = 'received' | 'answered' | 'sent' | 'failed' | 'dropped';

/** Where an answer goes: the conversation it belongs to, the channel it is posted in and what it replies to. */
export type InboxRoute = { conversationId: string; replyChannelId: string; replyToId: string | null };

export type InboxRow = {
  messageId: string;
  channelId: string;
  memberId: string;
  route: InboxRoute | undefined;
  status: InboxStatus;
  turnId: number | null;
  parts: RenderedMessage[] | undefined;
  partsSent: number;
  lastSentId: string | null;
  attempts: number;
  receivedAt: number;
};

type Raw = typeof discordInbox.$inferSelect;

const toRow = (r: Raw): InboxRow => ({
  messageId: r.messageId,
  channelId: r.channelId,
  memberId: r.memberId,
  route: r.conversationId && r.replyChannelId ? { conversationId: r.conversationId, replyChannelId: r.replyChannelId, replyToId: r.replyToId } : undefined,
  status: r.status,
  turnId: r.turnId,
  parts: r.parts ? (JSON.parse(r.parts) as RenderedMessage[]) : undefined,
  partsSent: r.partsSent,
  lastSentId: r.lastSentId,
  attempts: r.attempts,
  receivedAt: r.receivedAt.getTime(),
});

const OWED = ['received', 'answered'] as const;
const FINISHED = ['sent', 'failed', 'dropped'] as const;

/**
 * The record of every Discord message the bot accepted, so that a crash
 * neither loses one nor answers it twice. A row moves received → answered
 * (the rendered answer is stored) → sent (every part delivered; the text is
 * dropped). Queries are prepared once: they are on every message's path.
 */
export type Inbox = {
  /** Records a message; undefined when it was recorded before (Discord delivered it again). */
  accept(input: { messageId: string; channelId: string; memberId: string; route?: InboxRoute; now: number }): InboxRow | undefined;
  get(messageId: string): InboxRow | undefined;
  setRoute(messageId: string, route: InboxRoute, now: number): void;
  /** Counts an attempt at answering; rows that keep failing (or crashing the bot) are given up. */
  begin(messageId: string, now: number): number;
  /** Links the turn that answered the message; runs inside the turn's own transaction. */
  linkTurn(messageId: string, turnId: number): void;
  saveAnswer(messageId: string, parts: RenderedMessage[], now: number): void;
  partSent(messageId: string, partsSent: number, sentId: string, now: number): void;
  finish(messageId: string, status: 'sent' | 'failed' | 'dropped', now: number): void;
  /** Rows still owed an answer or part of one, received since `since`, oldest first. */
  owed(since: number): InboxRow[];
  /** Gives up rows owed since before `before`; returns how many. */
  expire(before: number, now: number): number;
  /** Deletes finished rows received before `before`. */
  prune(before: number): number;
  /** Channels with messages received since `since`, with the newest message id seen in each. */
  recentChannels(since: number): { channelId: string; lastMessageId: string }[];
};

export function createInbox(db: Db): Inbox {
  const t = discordInbox;
  const byId = eq(t.messageId, sql.placeholder('messageId'));
  const now = bound('now');
  const insert = db
    .insert(t)
    .values({
      messageId: sql.placeholder('messageId'),
      channelId: sql.placeholder('channelId'),
      memberId: sql.placeholder('memberId'),
      conversationId: sql.placeholder('conversationId'),
      replyChannelId: sql.placeholder('replyChannelId'),
      replyToId: sql.placeholder('replyToId'),
      status: 'received',
      receivedAt: sql.placeholder('at'),
      updatedAt: sql.placeholder('at'),
    })
    .onConflictDoNothing({ target: t.messageId })
    .prepare();
  const select = db.select().from(t).where(byId).prepare();
  const route = db
    .update(t)
    .set({ conversationId: bound('conversationId'), replyChannelId: bound('replyChannelId'), replyToId: bound('replyToId'), updatedAt: now })
    .where(byId)
    .prepare();
  const begin = db
    .update(t)
    .set({ attempts: sql`${t.attempts} + 1`, updatedAt: now })
    .where(byId)
    .returning({ attempts: t.attempts })
    .prepare();
  const link = db
    .update(t)
    .set({ turnId: bound('turnId') })
    .where(byId)
    .prepare();
  const answer = db
    .update(t)
    .set({ status: 'answered', parts: bound('parts'), partsSent: 0, lastSentId: null, updatedAt: now })
    .where(byId)
    .prepare();
  const progress = db
    .update(t)
    .set({ partsSent: bound('partsSent'), lastSentId: bound('sentId'), updatedAt: now })
    .where(byId)
    .prepare();
  const finish = db
    .update(t)
    .set({ status: bound('status'), parts: null, updatedAt: now })
    .where(byId)
    .prepare();
  const owed = db
    .select()
    .from(t)
    .where(and(inArray(t.status, OWED), gte(t.receivedAt, sql.placeholder('since'))))
    .orderBy(t.receivedAt, sql`rowid`)
    .prepare();
  const expire = db
    .update(t)
    .set({ status: 'dropped', parts: null, updatedAt: now })
    .where(and(inArray(t.status, OWED), lt(t.receivedAt, sql.placeholder('before'))))
    .prepare();
  const prune = db
    .delete(t)
    .where(and(lt(t.receivedAt, sql.placeholder('before')), inArray(t.status, FINISHED)))
    .prepare();
  const recent = db
    .select({ channelId: t.channelId, messageId: t.messageId })
    .from(t)
    .where(gte(t.receivedAt, sql.placeholder('since')))
    .prepare();
  const get = (messageId: string): InboxRow | undefined => {
    const raw = select.get({ messageId });
    return raw ? toRow(raw) : undefined;
  };

  return {
    accept({ messageId, channelId, memberId, route: where, now }) {
      const inserted = insert.run({
        messageId,
        channelId,
        memberId,
        conversationId: where?.conversationId ?? null,
        replyChannelId: where?.replyChannelId ?? null,
        replyToId: where?.replyToId ?? null,
        at: new Date(now),
      }).changes;
      return inserted ? get(messageId) : undefined;
    },
    get,
    setRoute(messageId, where, now) {
      route.run({ conversationId: where.conversationId, replyChannelId: where.replyChannelId, replyToId: where.replyToId, now, messageId });
    },
    begin: (messageId, now) => begin.get({ now, messageId })?.attempts ?? 0,
    linkTurn(messageId, turnId) {
      link.run({ turnId, messageId });
    },
    saveAnswer(messageId, parts, now) {
      answer.run({ parts: JSON.stringify(parts), now, messageId });
    },
    partSent(messageId, partsSent, sentId, now) {
      progress.run({ partsSent, sentId, now, messageId });
    },
    finish(messageId, status, now) {
      finish.run({ status, now, messageId });
    },
    owed: (since) => owed.all({ since }).map(toRow),
    expire: (before, now) => expire.run({ now, before }).changes,
    prune: (before) => prune.run({ before }).changes,
    recentChannels(since) {
      const newest = new Map<string, bigint>();
      for (const { channelId, messageId } of recent.all({ since })) {
        const id = BigInt(messageId);
        if ((newest.get(channelId) ?? -1n) < id) newest.set(channelId, id);
      }
      return [...newest].map(([channelId, id]) => ({ channelId, lastMessageId: id.toString() }));
    },
  };
}

/** Messages received but not yet answered and delivered (the /metrics backlog). */
export function inboxBacklog(db: Db): number {
  return db.select({ n: count() }).from(discordInbox).where(inArray(discordInbox.status, OWED)).get()?.n ?? 0;
}
