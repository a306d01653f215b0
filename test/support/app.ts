import { parseConfig } from '../../src/config.ts';
import type { Inbound } from '../../src/core/types.ts';
import type { Llm } from '../../src/llm/client.ts';
import { createLogger } from '../../src/log.ts';
import { type App, createApp } from '../../src/main.ts';

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
