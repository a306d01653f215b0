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

/**
 * Every card's asks, indexed by word so a question only visits the asks that
 * share a word with it. Similarity is Dice overlap of the two word sets, from
 * 0 (nothing shared) to 1 (the same words); a card scores by its closest ask.
 */
export type AskIndex = { bestSimilarities(question: AskWords): Map<string, number> };

export function buildAskIndex(cards: Iterable<{ id: string; askWords: readonly AskWords[] }>): AskIndex {
  const owners: string[] = [];
  const sizes: number[] = [];
  const byWord = new Map<string, number[]>();
  for (const card of cards)
    for (const ask of card.askWords) {
      const at = owners.push(card.id) - 1;
      sizes.push(ask.size);
      for (const word of ask) {
        const list = byWord.get(word);
        if (list) list.push(at);
        else byWord.set(word, [at]);
      }
    }
  return {
    bestSimilarities(question) {
      const shared = new Map<number, number>();
      for (const word of question) for (const at of byWord.get(word) ?? []) shared.set(at, (shared.get(at) ?? 0) + 1);
      const best = new Map<string, number>();
      for (const [at, count] of shared) {
        const id = owners[at] ?? '';
        const similarity = (2 * count) / (question.size + (sizes[at] ?? 0));
        if (similarity > (best.get(id) ?? 0)) best.set(id, similarity);
      }
      return best;
    },
  };
}
