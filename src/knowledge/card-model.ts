import { featureSlots, trainNaiveBayes } from './naive-bayes.ts';
import { tokenize } from './query.ts';

/** A card's lines: its title, tags and asks, and any more ways members ask for it. */
export type CardLines = { id: string; lines: readonly string[] };

export type CardModel = {
  /** Each card's share of the belief that it answers the line (summing to 1 over the cards), for the cards above `floor`. */
  cardsFor(text: string, floor: number): Map<string, number>;
};

const SMOOTHING = 0.5;

/**
 * Naive Bayes with one class per card, over the same hashed words and word
 * pairs as the topic model. It reads a member's line as the cards' own asks
 * are worded, so "in-house tools so the data science people can train
 * stuff" can meet the ML platform engineer card without naming it.
 */
export function trainCardModel(cards: readonly CardLines[], correct: (word: string) => string | undefined = () => undefined): CardModel {
  const model = trainNaiveBayes(
    cards.map((card) => card.lines),
    { laplace: SMOOTHING },
  );
  return {
    cardsFor(text, floor) {
      // A member's line is read as the search reads it, misspellings corrected ("salery" as "salary"); the cards' lines are taken as written.
      const corrected = tokenize(text)
        .map((word) => correct(word) ?? word)
        .join(' ');
      const shares = model.posteriors(featureSlots(corrected));
      const found = new Map<string, number>();
      cards.forEach((card, c) => {
        const share = shares?.[c] ?? 0;
        if (share >= floor) found.set(card.id, share);
      });
      return found;
    },
  };
}
