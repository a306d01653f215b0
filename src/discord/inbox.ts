import type { Db } from '../db/client.ts';
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

type Raw = {
  message_id: string;
  channel_id: string;
  member_id: string;
  conversation_id: string | null;
  reply_channel_id: string | null;
  reply_to_id: string | null;
  status: InboxStatus;
  turn_id: number | null;
  parts: string | null;
  parts_sent: number;
  last_sent_id: string | null;
  attempts: number;
  received_at: number;
};

const toRow = (r: Raw): InboxRow => ({
  messageId: r.message_id,
  channelId: r.channel_id,
  memberId: r.member_id,
  route:
    r.conversation_id && r.reply_channel_id ? { conversationId: r.conversation_id, replyChannelId: r.reply_channel_id, replyToId: r.reply_to_id } : undefined,
  status: r.status,
  turnId: r.turn_id,
  parts: r.parts ? (JSON.parse(r.parts) as RenderedMessage[]) : undefined,
  partsSent: r.parts_sent,
  lastSentId: r.last_sent_id,
  attempts: r.attempts,
  receivedAt: r.received_at,
});

/**
 * The record of every Discord message the bot accepted, so that a crash
 * neither loses one nor answers it twice. A row moves received → answered
 * (the rendered answer is stored) → sent (every part delivered; the text is
 * dropped). Queries are prepared once: the insert is on every message's path.
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
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `INSERT INTO discord_inbox (message_id, channel_id, member_id, conversation_id, reply_channel_id, reply_to_id, status, received_at, updated_at)
     VALUES (@messageId, @channelId, @memberId, @conversationId, @replyChannelId, @replyToId, 'received', @now, @now)
     ON CONFLICT (message_id) DO NOTHING`,
  );
  const select = sqlite.prepare('SELECT * FROM discord_inbox WHERE message_id = ?');
  const route = sqlite.prepare('UPDATE discord_inbox SET conversation_id = ?, reply_channel_id = ?, reply_to_id = ?, updated_at = ? WHERE message_id = ?');
  const begin = sqlite.prepare('UPDATE discord_inbox SET attempts = attempts + 1, updated_at = ? WHERE message_id = ? RETURNING attempts').pluck();
  const link = sqlite.prepare('UPDATE discord_inbox SET turn_id = ? WHERE message_id = ?');
  const answer = sqlite.prepare(
    "UPDATE discord_inbox SET status = 'answered', parts = ?, parts_sent = 0, last_sent_id = NULL, updated_at = ? WHERE message_id = ?",
  );
  const progress = sqlite.prepare('UPDATE discord_inbox SET parts_sent = ?, last_sent_id = ?, updated_at = ? WHERE message_id = ?');
  const finish = sqlite.prepare('UPDATE discord_inbox SET status = ?, parts = NULL, updated_at = ? WHERE message_id = ?');
  const owed = sqlite.prepare("SELECT * FROM discord_inbox WHERE status IN ('received', 'answered') AND received_at >= ? ORDER BY received_at, rowid");
  const expire = sqlite.prepare(
    "UPDATE discord_inbox SET status = 'dropped', parts = NULL, updated_at = ? WHERE status IN ('received', 'answered') AND received_at < ?",
  );
  const prune = sqlite.prepare("DELETE FROM discord_inbox WHERE received_at < ? AND status IN ('sent', 'failed', 'dropped')");
  const recent = sqlite.prepare('SELECT channel_id, message_id FROM discord_inbox WHERE received_at >= ?');
  const get = (messageId: string): InboxRow | undefined => {
    const raw = select.get(messageId) as Raw | undefined;
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
        now,
      }).changes;
      return inserted ? get(messageId) : undefined;
    },
    get,
    setRoute(messageId, where, now) {
      route.run(where.conversationId, where.replyChannelId, where.replyToId, now, messageId);
    },
    begin: (messageId, now) => (begin.get(now, messageId) as number | undefined) ?? 0,
    linkTurn(messageId, turnId) {
      link.run(turnId, messageId);
    },
    saveAnswer(messageId, parts, now) {
      answer.run(JSON.stringify(parts), now, messageId);
    },
    partSent(messageId, partsSent, sentId, now) {
      progress.run(partsSent, sentId, now, messageId);
    },
    finish(messageId, status, now) {
      finish.run(status, now, messageId);
    },
    owed: (since) => (owed.all(since) as Raw[]).map(toRow),
    expire: (before, now) => expire.run(now, before).changes,
    prune: (before) => prune.run(before).changes,
    recentChannels(since) {
      const newest = new Map<string, bigint>();
      for (const { channel_id, message_id } of recent.all(since) as { channel_id: string; message_id: string }[]) {
        const id = BigInt(message_id);
        if ((newest.get(channel_id) ?? -1n) < id) newest.set(channel_id, id);
      }
      return [...newest].map(([channelId, id]) => ({ channelId, lastMessageId: id.toString() }));
    },
  };
}

/** Messages received but not yet answered and delivered (the /metrics backlog). */
export function inboxBacklog(db: Db): number {
  return db.$client.prepare("SELECT count(*) FROM discord_inbox WHERE status IN ('received', 'answered')").pluck().get() as number;
}
