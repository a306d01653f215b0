import type { Reply } from '../core/types.ts';

/** Plain-text rendering for the terminal: the answer, then its numbered sources. */
export function renderForTerminal(reply: Reply): string {
  if (reply.citations.length === 0) return reply.text;
  const sources = reply.citations.map((c, i) => `  [${i + 1}] ${c.title} (${c.source})`).join('\n');
  return `${reply.text}\n\nSources:\n${sources}`;
}
