import { parseArgs } from 'node:util';
import { answerQuestion } from '../answer/answer.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Reply } from '../core/types.ts';
import type { App } from '../main.ts';
import { renderForTerminal } from '../terminal/render.ts';
import { memberIdArgument } from './member-arg.ts';

export const ASK_USAGE = `Usage: pivot ask [--member ID] [--json] "question"
  --member ID   whose question it is (default "local"); follow-ups of the same member continue one conversation
  --json        print only { text, citations, mode, model, usage, latency_ms }`;

export type AskOptions = { question: string; memberId: string; json: boolean };

export function parseAskArgs(args: string[]): AskOptions {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { member: { type: 'string' }, json: { type: 'boolean' } },
    });
    const memberId = memberIdArgument(values.member ?? 'local');
    return { question: positionals.join(' '), memberId, json: values.json ?? false };
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`${(error as Error).message}\n${ASK_USAGE}`);
  }
}

/** The documented JSON shape of `pivot ask --json`. */
export function toAskJson(reply: Reply) {
  return {
    text: reply.text,
    citations: reply.citations.map((c) => ({ id: c.id, source: c.source, title: c.title })),
    mode: reply.mode,
    model: reply.model ?? null,
    usage: { prompt_tokens: reply.usage?.promptTokens ?? 0, completion_tokens: reply.usage?.completionTokens ?? 0 },
    latency_ms: reply.latencyMs ?? 0,
  };
}

/** Answers one question; a refusal (empty, too long, rate-limited) is a UserFacingError, exit 2. */
export async function runAsk(app: App, options: AskOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const reply = await answerQuestion(app.core, {
    memberId: options.memberId,
    origin: { kind: 'cli', conversationId: `cli:${options.memberId}` },
    text: options.question,
  });
  if (!reply.mode) throw new UserFacingError(reply.text);
  out.write(options.json ? `${JSON.stringify(toAskJson(reply), null, 2)}\n` : `${renderForTerminal(reply)}\n`);
}
