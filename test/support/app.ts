import { afterEach, beforeEach, expect } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import type { Inbound } from '../../src/core/types.ts';
import type { Llm } from '../../src/llm/client.ts';
import { createLogger } from '../../src/log.ts';
import { type App, createApp } from '../../src/main.ts';
import { type FakeOpenAi, startFakeOpenAi } from './fake-openai.ts';

/**
 * The real application graph on a fresh, migrated in-memory database.
 * `env` takes the same variables as production (OPENAI_BASE_URL pointing at
 * the loopback fake, limits…); `llm: null` forces offline answers.
 */
export function testApp(env: Record<string, string> = {}, extra: { llm?: Llm | null; now?: () => number } = {}): App {
  const config = parseConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', ...env });
  return createApp({ config, log: createLogger('silent'), ...extra });
}

export function inbound(text: string, memberId = 'member-1', conversationId = `dm:${memberId}`): Inbound {
  return { memberId, origin: { kind: 'dm', conversationId }, text };
}

export type TurnRow = {
  member_id: string;
  conversation_id: string;
  question: string;
  answer: string;
  chunk_ids: string;
  cited_ids: string;
  mode: string;
  model: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: number;
};

export function storedTurns(app: App): TurnRow[] {
  return app.db.$client.prepare('SELECT * FROM turns ORDER BY id').all() as TurnRow[];
}

/**
 * Registers a fresh loopback OpenAI server and an app wired to it around each
 * test of the calling suite; an unexpected model call fails the test.
 */
export function useAppWithModel(env: Record<string, string> = {}): { fake: FakeOpenAi; app: App } {
  const ctx = {} as { fake: FakeOpenAi; app: App };
  beforeEach(async () => {
    ctx.fake = await startFakeOpenAi();
    ctx.app = testApp({ OPENAI_BASE_URL: ctx.fake.baseURL, MEMBER_MESSAGES_PER_MINUTE: '1000', ...env });
  });
  afterEach(async () => {
    ctx.app.close();
    await ctx.fake.close();
    expect(ctx.fake.unexpected).toEqual([]);
  });
  return ctx;
}

/** Every message the bot took is finished with (sent, failed or dropped): nothing more will be posted for them. */
export function inboxSettled(app: App): boolean {
  return app.db.$client.prepare("SELECT count(*) FROM discord_inbox WHERE status IN ('received', 'answered')").pluck().get() === 0;
}
