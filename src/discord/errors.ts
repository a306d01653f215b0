import { DiscordAPIError } from 'discord.js';
import { APOLOGY, errorForLog, UserFacingError } from '../core/errors.ts';
import type { Reply } from '../core/types.ts';
import type { Logger } from '../log.ts';

const CANNOT_DM = 50007;
const MISSING_PERMISSIONS = 50013;
const MISSING_ACCESS = 50001;

/** Logs a failed Discord call with its context and a plain explanation, or any other error with its stack; never message text. */
export function logDiscordFailure(log: Logger, error: unknown, context: Record<string, unknown>): void {
  if (error instanceof DiscordAPIError) {
    const base = { ...context, code: error.code, status: error.status, method: error.method, route: error.url.replace(/\/[\w-]{60,}/g, '/…') };
    if (error.code === CANNOT_DM) log.warn(base, 'cannot send to this member: their DMs are closed to the bot');
    else if (error.code === MISSING_PERMISSIONS || error.code === MISSING_ACCESS)
      log.warn(base, 'missing permissions in this channel: the bot needs View Channel, Send Messages, Create Public Threads and Send Messages in Threads');
    else log.error(base, 'Discord request failed');
    return;
  }
  log.error({ ...context, err: errorForLog(error) }, 'Discord handler failed');
}

/**
 * The adapter's one error path: a user-facing error becomes the reply; anything else is logged (with its stack,
 * without the member's text) and becomes the apology the terminal also gives.
 */
export function replyForFailure(log: Logger, error: unknown, context: Record<string, unknown>): Reply {
  if (error instanceof UserFacingError) return { text: error.message, citations: [] };
  logDiscordFailure(log, error, context);
  return { text: APOLOGY, citations: [] };
}

/** Runs the core's work for a member; a failure becomes the reply through replyForFailure. */
export async function replyOrApology(log: Logger, work: () => Promise<Reply>, context: Record<string, unknown>): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    return replyForFailure(log, error, context);
  }
}

/** A refusal Discord answered (4xx) will be refused again; a 5xx or a network failure may pass on a later try. */
export function isWorthRetrying(error: unknown): boolean {
  return !(error instanceof DiscordAPIError);
}
