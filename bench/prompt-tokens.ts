// Prompt size in tokens as OpenAI's current models count them.
import { getEncoding } from 'js-tiktoken';

export const ENCODING = 'o200k_base';

/** How many prompts are also counted whole, to prove the line-by-line count equal. */
const CHECKED_WHOLE = 20;

/**
 * Tokens per model call: the sum over its messages' contents (the few tokens of chat framing are left out).
 * o200k_base never lets a token span the end of a run of newlines, so a text's count is the sum of its lines'
 * counts; prompts repeat the same excerpts and system prompt, so lines are encoded once each. That is ten times
 * faster than encoding each prompt whole (js-tiktoken is plain JavaScript). The first prompts are counted both
 * ways; any difference and every prompt is counted whole instead.
 */
export function promptTokens(prompts: string[][]): number[] {
  const encoder = getEncoding(ENCODING);
  const byLine = new Map<string, number>();
  const lineCount = (line: string) => {
    let count = byLine.get(line);
    if (count === undefined) {
      count = encoder.encode(line).length;
      byLine.set(line, count);
    }
    return count;
  };
  const countByLine = (text: string) => text.split(/(?<=\n)(?!\n)/).reduce((n, line) => n + lineCount(line), 0);
  const countWhole = (text: string) => encoder.encode(text).length;
  const sameBothWays = prompts.slice(0, CHECKED_WHOLE).every((messages) => messages.every((m) => countByLine(m) === countWhole(m)));
  const count = sameBothWays ? countByLine : countWhole;
  return prompts.map((messages) => messages.reduce((n, content) => n + count(content), 0));
}
