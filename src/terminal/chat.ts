import { createInterface } from 'node:readline';
import type { App } from '../main.ts';
import { MAX_QUESTION_CHARS } from '../core/limits.ts';
import { searchKnowledge } from '../knowledge/search.ts';

const HELP = `Ask a career question in plain words, e.g. "how long does the switch take?".
Commands: /help shows this, /quit leaves.`;

/** Answers one line of the terminal chat. */
export function respondToLine(app: App, line: string): string {
  const text = line.trim();
  if (!text || text === '/help') return HELP;
  if (text.length > MAX_QUESTION_CHARS)
    return `That is ${text.length} characters; questions are limited to ${MAX_QUESTION_CHARS}. Please shorten it.`;
  if (text.startsWith('/')) return `Unknown command ${text.split(/\s/)[0]}. ${HELP}`;
  const hits = searchKnowledge(app.db, text, 3);
  const [best, ...rest] = hits;
  if (!best) return 'The guides do not cover that. Try asking about timelines, skills, salaries, roles, CVs or interviews.';
  const lines = [`${best.title} [${best.sources.join(', ')}]`, best.text];
  if (rest.length) lines.push('', `See also: ${rest.map((h) => `${h.title} [${h.sources.join(', ')}]`).join('; ')}`);
  return lines.join('\n');
}

/** The local chat: reads lines until /quit or end of input. */
export async function runTerminalChat(
  app: App,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const rl = createInterface({ input, output, terminal: Boolean((input as NodeJS.ReadStream).isTTY) });
  output.write(`Pivot is ready (${app.knowledge.chunks} knowledge chunks). ${HELP}\n`);
  rl.setPrompt('you> ');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === '/quit') break;
    output.write(`\n${respondToLine(app, line)}\n\n`);
    rl.prompt();
  }
  rl.close();
}
