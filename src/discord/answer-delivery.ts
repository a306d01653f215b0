import type { Client, MessageCreateOptions } from 'discord.js';
import { isWorthRetrying } from './errors.ts';
import type { Inbox } from './inbox.ts';
import { idempotent } from './nonce.ts';
import { toMessageOptions } from './send.ts';

/** Waits between delivery attempts after discord.js's own retries gave up (Discord down, network lost). */
export const DEFAULT_RETRY_DELAYS_MS = [1000, 4000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers the stored answer to an inbox message: the parts not yet sent, in
 * order, the first replying to the member's message (when the route says so)
 * and each later one to the part before it. Every part is sent with a nonce
 * derived from (message, part), so a retry or a restart that repeats a send
 * Discord already took gets the existing message back instead of a duplicate,
 * and each part is recorded as sent the moment Discord confirms it.
 * Throws when Discord refuses or stays unreachable after the retries.
 */
export async function deliverAnswer(
  client: Client,
  inbox: Inbox,
  messageId: string,
  options: { now: () => number; retryDelaysMs?: number[] },
): Promise<void> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await sendRemainingParts(client, inbox, messageId, options.now);
      return;
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !isWorthRetrying(error)) throw error;
      await sleep(delay);
    }
  }
}

async function sendRemainingParts(client: Client, inbox: Inbox, messageId: string, now: () => number): Promise<void> {
  const row = inbox.get(messageId);
  if (!row?.route || !row.parts) throw new Error(`inbox message ${messageId} has no answer to deliver`);
  const parts = row.parts;
  if (row.partsSent >= parts.length) return;
  const channel = await client.channels.fetch(row.route.replyChannelId);
  if (!channel?.isSendable()) throw new Error(`channel ${row.route.replyChannelId} does not take messages`);
  let previous = row.lastSentId;
  for (let i = row.partsSent; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    const reference = i === 0 ? row.route.replyToId : previous;
    const message: MessageCreateOptions = {
      ...toMessageOptions(part),
      // Later parts reply to the part before them, so a long answer reads as one chain without pinging anyone.
      allowedMentions: i === 0 ? part.allowedMentions : { ...part.allowedMentions, repliedUser: false },
      ...(reference ? { reply: { messageReference: reference, failIfNotExists: false } } : {}),
      ...idempotent(`answer:${messageId}:${i}`),
    };
    const sent = await channel.send(message);
    inbox.partSent(messageId, i + 1, sent.id, now());
    previous = sent.id;
  }
}
