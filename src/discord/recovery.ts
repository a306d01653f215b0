import type { Client, Message } from 'discord.js';
import type { Logger } from '../log.ts';
import { logDiscordFailure } from './errors.ts';
import type { Inbox } from './inbox.ts';
import type { MessageHandling } from './messages.ts';

/** Messages younger than this are still answered after a restart; older ones would surprise more than help. */
export const RECOVERY_WINDOW_MS = 15 * 60 * 1000;
/** Finished inbox rows are kept this long (they recognise messages Discord delivers again), then deleted. */
const KEEP_FINISHED_MS = 24 * 60 * 60 * 1000;
const CATCH_UP_LIMIT = 100;

/**
 * Finishes what an earlier run (or this one, before its gateway session was
 * lost) accepted but did not answer or deliver, oldest first; rows past the
 * recovery window are given up. Each is queued at once, so a member's new
 * messages wait behind their older ones.
 */
export function resumeOwedAnswers(inbox: Inbox, handling: MessageHandling, now: number, log: Logger): number {
  const since = now - RECOVERY_WINDOW_MS;
  const expired = inbox.expire(since, now);
  inbox.prune(now - KEEP_FINISHED_MS);
  const owed = inbox.owed(since).filter((row) => !handling.handling(row.messageId));
  for (const row of owed) {
    handling.resume(row).catch((error: unknown) => logDiscordFailure(log, error, { where: 'resume answer', messageId: row.messageId }));
  }
  if (owed.length || expired) log.info({ owed: owed.length, expired }, 'finishing answers owed from before');
  return owed.length;
}

/**
 * Discord does not deliver again the events a bot missed while it was down or
 * after its session was invalidated. For each channel a member talked to the
 * bot in recently, the messages after the last one recorded are read back
 * and handled like new ones (the inbox skips any already seen).
 */
export async function catchUpMissedMessages(client: Client, inbox: Inbox, handling: MessageHandling, now: number, log: Logger): Promise<number> {
  const since = now - RECOVERY_WINDOW_MS;
  let found = 0;
  for (const { channelId, lastMessageId } of inbox.recentChannels(since)) {
    try {
      const channel = await client.channels.fetch(channelId);
      if (!channel?.isTextBased()) continue;
      const missed = [...(await channel.messages.fetch({ after: lastMessageId, limit: CATCH_UP_LIMIT })).values()]
        .filter((m) => m.createdTimestamp >= since)
        .sort(oldestFirst);
      for (const message of missed) {
        if (message.author.bot) continue;
        found++;
        handling.receive(message).catch((error: unknown) => logDiscordFailure(log, error, { where: 'caught-up message', messageId: message.id }));
      }
    } catch (error) {
      logDiscordFailure(log, error, { where: 'catch up', channelId });
    }
  }
  if (found) log.info({ found }, 'caught up with messages sent while disconnected');
  return found;
}

function oldestFirst(a: Message, b: Message): number {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}
