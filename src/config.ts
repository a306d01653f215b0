import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import cron from 'node-cron';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable Pivot reads. Document each in `.env.example` and the README. */
export const configSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1, 'must not be empty').default('data/pivot.db'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  KNOWLEDGE_DIR: z.string().trim().min(1, 'must not be empty').optional(),
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
  OPENAI_BASE_URL: httpUrl('http://localhost:11434/v1').optional(),
  OPENAI_MODEL: z.string().trim().min(1, 'must not be empty').default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: wholeNumber(100, 300_000).default(30_000),
  MEMBER_MESSAGES_PER_MINUTE: wholeNumber(1, 1000).default(6),
  MEMBER_DAILY_TOKENS: wholeNumber(0, 10_000_000).default(30_000),
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  DISCORD_APP_ID: snowflake().optional(),
  DISCORD_GUILD_ID: snowflake().optional(),
  COACH_CHANNEL_IDS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^\d{5,25}$/, { error: 'must be channel ids (digits), separated by commas' })))
    .optional(),
  CHECKIN_CRON: z
    .string()
    .trim()
    .refine((v) => cron.validate(v), { error: 'must be a cron expression such as "* * * * *" (every minute)' })
    .default('* * * * *'),
  DISCORD_API_URL: httpUrl('http://127.0.0.1:8080/api').optional(),
  MENTOR_ROLE_ID: snowflake().optional(),
  RETENTION_DAYS: wholeNumber(1, 36_500).default(365),
  WEB_PORT: wholeNumber(0, 65_535).optional(),
  WEB_HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  PUBLIC_URL: httpUrl('https://pivot.example.org').optional(),
});

/**
 * Rules between variables. They are checked on the raw values, apart from the
 * schema, because zod skips an object's refinements once any field is bad, and
 * then the operator would meet this problem only on the next run.
 */
function crossFieldProblems(present: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (present.DISCORD_TOKEN && !present.DISCORD_APP_ID) {
    problems.push('DISCORD_APP_ID: is required when DISCORD_TOKEN is set (the application id from the developer portal)');
  }
  return problems;
}

function httpUrl(example: string) {
  return z.url({ protocol: /^https?$/, error: `must be an http:// or https:// URL such as ${example}` });
}

function snowflake() {
  return z
    .string()
    .trim()
    .regex(/^\d{5,25}$/, { error: 'must be a Discord id (digits only)' });
}

/** Plain decimal digits only: `Number()` would read `0x10` as 16 and `1e3` as 1000. */
function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/, { error: message })
    .transform(Number)
    .pipe(z.number().int({ error: message }).min(min, { error: message }).max(max, { error: message }));
}

export type Config = {
  databasePath: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Directory of knowledge Markdown; undefined means the one shipped with Pivot. */
  knowledgeDir: string | undefined;
  /** Undefined when neither a key nor a base URL is set: Pivot answers offline. */
  llm: { apiKey: string; baseURL: string | undefined; model: string; timeoutMs: number } | undefined;
  limits: { messagesPerMinute: number; dailyTokens: number };
  /** When the check-in planner runs (node-cron syntax). */
  checkinCron: string;
  /** Conversation turns older than this many days are purged by the scheduler. */
  retentionDays: number;
  /** The mentor dashboard, /healthz and /metrics; undefined (off) without WEB_PORT. 0: any free port. */
  web: { port: number; host: string; publicUrl: string | undefined } | undefined;
  /** Undefined without DISCORD_TOKEN: Pivot runs the terminal chat instead. */
  discord:
    | {
        token: string;
        appId: string;
        guildId: string | undefined;
        /** Channels the bot answers in; undefined means every channel it can see. */
        coachChannelIds: string[] | undefined;
        apiURL: string | undefined;
        /** Members with this role (or Manage Server) are mentors. */
        mentorRoleId: string | undefined;
      }
    | undefined;
};

/** Variables whose values never appear in messages or logs. */
const SECRET_VARIABLES = new Set(['OPENAI_API_KEY', 'DISCORD_TOKEN']);

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
  const problems = (result.error?.issues ?? []).map((issue) => {
    const name = issue.path.length ? String(issue.path[0]) : '(environment)';
    const given = SECRET_VARIABLES.has(name) ? undefined : env[name];
    return `${name}: ${issue.message}${given === undefined ? '' : ` (got "${given}")`}`;
  });
  problems.push(...crossFieldProblems(present));
  // One bad list (COACH_CHANNEL_IDS) yields the same problem once per item: say it once.
  if (!result.success || problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const c = result.data;
  const llmConfigured = c.OPENAI_API_KEY !== undefined || c.OPENAI_BASE_URL !== undefined;
  return {
    databasePath: c.DATABASE_PATH,
    logLevel: c.LOG_LEVEL,
    knowledgeDir: c.KNOWLEDGE_DIR,
    // Local OpenAI-compatible servers often need no key; the SDK still wants one.
    llm: llmConfigured
      ? {
          apiKey: c.OPENAI_API_KEY ?? 'no-key',
          baseURL: c.OPENAI_BASE_URL,
          model: c.OPENAI_MODEL,
          timeoutMs: c.OPENAI_TIMEOUT_MS,
        }
      : undefined,
    limits: { messagesPerMinute: c.MEMBER_MESSAGES_PER_MINUTE, dailyTokens: c.MEMBER_DAILY_TOKENS },
    checkinCron: c.CHECKIN_CRON,
    retentionDays: c.RETENTION_DAYS,
    web: c.WEB_PORT === undefined ? undefined : { port: c.WEB_PORT, host: c.WEB_HOST, publicUrl: c.PUBLIC_URL },
    discord: c.DISCORD_TOKEN
      ? {
          token: c.DISCORD_TOKEN,
          appId: c.DISCORD_APP_ID ?? '',
          guildId: c.DISCORD_GUILD_ID,
          coachChannelIds: c.COACH_CHANNEL_IDS?.length ? c.COACH_CHANNEL_IDS : undefined,
          apiURL: c.DISCORD_API_URL,
          mentorRoleId: c.MENTOR_ROLE_ID,
        }
      : undefined,
  };
}

/** Reads `.env` from the working directory when present (the real environment wins), then validates. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return parseConfig({ ...fromFile, ...env });
}
