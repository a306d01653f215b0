import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable Pivot reads. Document each in `.env.example` and the README. */
export const configSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1, 'must not be empty').default('data/pivot.db'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  KNOWLEDGE_DIR: z.string().trim().min(1, 'must not be empty').optional(),
});

export type Config = {
  databasePath: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Directory of knowledge Markdown; undefined means the one shipped with Pivot. */
  knowledgeDir: string | undefined;
};

/** An expected start-up failure: the message is for the operator, no stack trace needed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment, reporting every bad variable at once. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // Empty strings in .env files mean "not set", as in most dotenv tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const given = env[name];
      return `${name}: ${issue.message}${given === undefined ? '' : ` (got "${given}")`}`;
    });
    throw new ConfigError(problems);
  }
  const c = result.data;
  return { databasePath: c.DATABASE_PATH, logLevel: c.LOG_LEVEL, knowledgeDir: c.KNOWLEDGE_DIR };
}

/** Reads `.env` from the working directory when present (the real environment wins), then validates. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return parseConfig({ ...fromFile, ...env });
}
