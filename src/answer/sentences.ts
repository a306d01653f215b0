import { SOURCES } from '../knowledge/sources.ts';

/** A sentence starts with a capital, a figure, a quote or bracket, or a guide's id ("ml-2026 warns…"), which is lower-case. */
const SENTENCE_BREAK = new RegExp(`(?<=[.!?])\\s+(?=[A-Z0-9£$€*("]|(?:${Object.keys(SOURCES).join('|')})\\b)`);

/** Splits text into whole sentences; each list item counts as one. Both offline composers quote these, never less. */
export function splitSentences(body: string): { text: string; listItem: boolean }[] {
  return body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => {
      const listItem = /^([-*]|\d+[.)])\s+/.test(line);
      const text = line.replace(/^([-*]|\d+[.)])\s+/, '');
      const parts = listItem ? [text] : text.split(SENTENCE_BREAK);
      return parts.map((part) => ({ text: part.trim(), listItem }));
    })
    .filter((s) => s.text.length > 0);
}
