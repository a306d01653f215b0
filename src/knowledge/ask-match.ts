import { lightStem, tokenize } from './query.ts';

/**
 * How closely a member's question matches the way a card says it is asked.
 * BM25 drops the little words, and with them questions such as "why are
 * backend engineers good at ML", whose remaining words are all generic; the
 * card's `asks:` lines keep them, so a near-identical ask is strong evidence.
 */
export type AskWords = ReadonlySet<string>;

/** How members shorten the little words that asks spell out. */
const CHAT_SPELLINGS: Readonly<Record<string, string>> = {
  wht: 'what',
  wat: 'what',
  wot: 'what',
  wut: 'what',
  u: 'you',
  r: 'are',
  ur: 'your',
  y: 'why',
  shud: 'should',
  shld: 'should',
  cud: 'could',
  wud: 'would',
  abt: 'about',
  hw: 'how',
};

/**
 * Words of a question or an ask, lightly stemmed, little words kept. `correct`
 * fixes a misspelt word as the search does, so "wht skils" meets "what skills".
 */
export function askWords(text: string, correct?: (word: string) => string | undefined): AskWords {
  return new Set(tokenize(text).map((word) => lightStem(CHAT_SPELLINGS[word] ?? correct?.(word) ?? word)));
}

/** Dice overlap of two word sets, from 0 (nothing shared) to 1 (the same words). */
export function askSimilarity(question: AskWords, ask: AskWords): number {
  if (question.size === 0 || ask.size === 0) return 0;
  let shared = 0;
  for (const word of question) if (ask.has(word)) shared++;
  return (2 * shared) / (question.size + ask.size);
}

/** The best similarity between the question and any of a card's asks. */
export function bestAskSimilarity(question: AskWords, asks: readonly AskWords[]): number {
  let best = 0;
  for (const ask of asks) best = Math.max(best, askSimilarity(question, ask));
  return best;
}
