import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { handleLine } from '../commands/dispatch.ts';
import { APOLOGY, errorForLog, UserFacingError } from '../core/errors.ts';
import type { Inbound } from '../core/types.ts';
import type { App } from '../main.ts';
import { renderForTerminal } from './render.ts';

export type ChatOptions = {
  memberId: string;
  roles: string[];
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
};

/**
 * The local chat. Interactive on a terminal (with a prompt); piped input gets
 * one reply per line and the chat ends with the input. The session is one
 * conversation: follow-ups see its earlier turns and no one else's.
 */
export async function runTerminalChat(app: App, options: ChatOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = Boolean((input as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const conversationId = `terminal:${options.memberId}:${randomUUID()}`;
  if (interactive) {
    output.write(`Pivot is ready (${app.knowledge.chunks} knowledge chunks). Ask a question, /help for commands, /quit to leave.\n`);
    rl.setPrompt('you> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text) {
      const inbound: Inbound = {
        memberId: options.memberId,
        origin: { kind: 'terminal', conversationId, channelId: 'terminal' },
        text,
        roles: options.roles,
      };
      let reply: string;
      try {
        reply = renderForTerminal(await handleLine(app.commands, app.core, inbound));
      } catch (error) {
        reply = replyForFailure(app, error);
      }
      output.write(interactive ? `\n${reply}\n\n` : `${reply}\n\n`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}

/**
 * The terminal's one error path: a user-facing error is shown as it is; anything else is logged (with its stack,
 * without the line typed) and becomes the apology Discord also gives.
 */
function replyForFailure(app: App, error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  app.log.error({ adapter: 'terminal', err: errorForLog(error) }, 'chat line failed');
  return APOLOGY;
}
