import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

/** Attempts after the first. */
export const MAX_RETRIES = 2;
/** The first backoff; each retry doubles it, less up to a quarter of jitter. */
export const DEFAULT_RETRY_BASE_MS = 500;

/** Statuses that say "try again": request timeout, lock conflict, rate limit, server errors. */
const isRetryableStatus = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/**
 * Whether a failed attempt is worth repeating. Anything other than an API
 * error came from reading the body (cut off, or not JSON): a transport fault
 * like a reset connection. Other 4xx mean our request is wrong; repeating it
 * would fail the same way.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) return typeof error.status === 'number' && isRetryableStatus(error.status);
  return true;
}

/** How long the server asked us to wait (`retry-after-ms`, `retry-after` in seconds or as a date), if it did. */
export function requestedDelayMs(error: unknown, now = Date.now()): number | undefined {
  const headers = error instanceof APIError ? error.headers : undefined;
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  const seconds = Number.parseFloat(after);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffMs(retry: number, baseMs: number, random = Math.random): number {
  return baseMs * 2 ** retry * (1 - random() * 0.25);
}

/** Waits `ms`, or less if `signal` aborts first; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
