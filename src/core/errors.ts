/**
 * An expected failure whose message is written for the person who caused it
 * (bad input, bad option). Adapters show the message as is; anything else
 * is unexpected and gets a generic apology.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** What a member sees when something unexpected fails on our side, in Discord and in the terminal alike. */
export const APOLOGY = 'Sorry, something went wrong on my side. Please try again in a moment.';

/**
 * An unexpected error as a log field: its type, message and stack trace, so the failing line can be found. Only
 * the error itself goes in: never the request, the member's text or anything else that was being handled.
 */
export function errorForLog(error: unknown): { type: string; message: string; stack?: string } {
  if (error instanceof Error) return { type: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { type: typeof error, message: String(error) };
}
