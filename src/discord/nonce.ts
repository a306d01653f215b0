import { createHash } from 'node:crypto';

/** Discord refuses longer nonces. */
const MAX_NONCE_LENGTH = 25;

/**
 * The nonce for one message Pivot sends, derived from what the message is
 * (an answer part, a member's weekly check-in…), so a retry or a restart sends
 * the same one. With `enforceNonce`, Discord then returns the message it
 * already created for that nonce (within a few minutes) instead of posting
 * it again.
 */
export function messageNonce(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, MAX_NONCE_LENGTH);
}

/** Send options that make a message create idempotent under `key`. */
export function idempotent(key: string): { nonce: string; enforceNonce: true } {
  return { nonce: messageNonce(key), enforceNonce: true };
}
