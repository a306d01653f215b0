import { type Logger, pino } from 'pino';

export type { Logger };

/** Field paths that may hold secrets or member text; their values never reach the log. */
export const REDACTED_PATHS = [
  'token',
  'apiKey',
  'authorization',
  'password',
  'text',
  'question',
  'answer',
  'content',
  '*.token',
  '*.apiKey',
  '*.authorization',
  '*.password',
  '*.text',
  '*.question',
  '*.answer',
  '*.content',
];

/** Structured JSON logs on stderr, so stdout stays clean for command output. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: { app: 'pivot' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination as pino.DestinationStream);
}
