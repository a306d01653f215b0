import type { Client, MessageCreateOptions } from 'discord.js';
import { isWorthRetrying } from './errors.ts';
import type { Inbox, InboxRoute } from './inbox.ts';
import { idempotent } from './nonce.ts';
import type { RenderedMessage } from './render.ts';
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
export async function deliverAnswer(client: Client, inbox: Inbox, messageId: string, options: { now: () => number; retryDelaysMs?: number[] }): Promise<void> {
  await withRetries(options.retryDelaysMs, async () => {
    const row = inbox.get(messageId);
    if (!row?.route || !row.parts) throw new Error(`inbox message ${messageId} has no answer to deliver`);
    await sendParts(client, messageId, row.route, row.parts, { sent: row.partsSent, lastSentId: row.lastSentId }, (sent, sentId) =>
      inbox.partSent(messageId, sent, sentId, options.now()),
    );
  });
}

/**
 * Delivers an answer that has no inbox record: the member's message erased
 * their data, its own record included. Sent the same way, nonces and all,
 * but nothing about it is stored, so a crash before it goes out loses it.
 */
export async function deliverUnrecorded(
  client: Client,
  messageId: string,
  route: InboxRoute,
  parts: RenderedMessage[],
  options: { retryDelaysMs?: number[] },
): Promise<void> {
  const progress = { sent: 0, lastSentId: null as string | null };
  await withRetries(options.retryDelaysMs, () =>
    sendParts(client, messageId, route, parts, progress, (sent, sentId) => {
      progress.sent = sent;
      progress.lastSentId = sentId;
    }),
  );
}

async function withRetries(retryDelaysMs: number[] | undefined, send: () => Promise<void>): Promise<void> {
  const delays = retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !isWorthRetrying(error)) throw error;
      await sleep(delay);
    }
  }
}

/** Sends the parts from `from.sent` on, calling `onSent` as Discord confirms each. */
async function sendParts(
  client: Client,
  messageId: string,
  route: InboxRoute,
  parts: RenderedMessage[],
  from: { sent: number; lastSentId: string | null },
  onSent: (sent: number, sentId: string) => void,
): Promise<void> {
  if (from.sent >= parts.length) return;
  const channel = await client.channels.fetch(route.replyChannelId);
  if (!channel?.isSendable()) throw new Error(`channel ${route.replyChannelId} does not take messages`);
  let previous = from.lastSentId;
  for (let i = from.sent; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    const reference = i === 0 ? route.replyToId : previous;
    const message: MessageCreateOptions = {
      ...toMessageOptions(part),
      // Later parts reply to the part before them, so a long answer reads as one chain without pinging anyone.
      allowedMentions: i === 0 ? part.allowedMentions : { ...part.allowedMentions, repliedUser: false },
      ...(reference ? { reply: { messageReference: reference, failIfNotExists: false } } : {}),
      ...idempotent(`answer:${messageId}:${i}`),
    };
    const sent = await channel.send(message);
    onSent(i + 1, sent.id);
    previous = sent.id;
  }
}
