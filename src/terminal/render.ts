import type { Reply } from '../core/types.ts';

/** Plain-text rendering for the terminal: the answer, its numbered sources, then any file and confirmation. */
export function renderForTerminal(reply: Reply): string {
  const blocks = [reply.text];
  if (reply.citations.length > 0) {
    blocks.push(`Sources:\n${reply.citations.map((c, i) => `  [${i + 1}] ${c.title} (${c.source})`).join('\n')}`);
  }
  if (reply.attachment) {
    const { name, content } = reply.attachment;
    blocks.push(`----- ${name} -----\n${content.trimEnd()}\n----- end of ${name} -----`);
  }
  if (reply.confirm) blocks.push(`To confirm, type: ${reply.confirm.line}`);
  return blocks.join('\n\n');
}
