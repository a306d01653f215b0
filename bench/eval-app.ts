// The real application on an in-memory database, for the evaluation scripts: offline, or wired to a loopback
// OpenAI-compatible server that a script drives.

import { handleLine } from '../src/commands/dispatch.ts';
import { parseConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { type App, createApp } from '../src/main.ts';

export function evalApp(baseURL?: string): App {
  const env: Record<string, string> = { DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', MEMBER_MESSAGES_PER_MINUTE: '1000', MEMBER_DAILY_TOKENS: '10000000' };
  if (baseURL) env.OPENAI_BASE_URL = baseURL;
  return createApp({ config: parseConfig(env), log: createLogger('silent'), ...(baseURL ? {} : { llm: null }) });
}

/** What the member sees for one typed line, as in the terminal chat. */
export async function say(app: App, memberId: string, line: string): Promise<string> {
  const reply = await handleLine(app.commands, app.core, { memberId, origin: { kind: 'dm', conversationId: `dm:${memberId}` }, text: line });
  return reply.text;
}
