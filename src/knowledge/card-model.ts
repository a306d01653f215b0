import { tokenize } from './query.ts';
import { featureSlots } from './topic-model.ts';

/** A card's lines: its title, tags and asks, and any more ways members ask for it. */
export type CardLines = { id: string; lines: readonly string[] };

export type CardModel = {
  /** Each card's share of the belief that it answers the line (summing to 1 over the cards), for the cards above `floor`. */
  cardsFor(text: string, floor: number): Map<string, number>;
};

const SMOOTHING = 0.5;

/**
 * Multinomial naive Bayes with one class per card, over the same hashed words
 * and word pairs as the topic model. It reads a member's line as the cards'
 * own asks are worded, so "in-house tools so the data science people can
 * train stuff" can meet the ML platform engineer card without naming it.
 */
export function trainCardModel(cards: readonly CardLines[], correct: (word: string) => string | undefined = () => undefined): CardModel {
  // A member's line is read as the search reads it, misspellings corrected ("salery" as "salary"); the cards' lines are taken as written.
  const slotsOf = (line: string) =>
    featureSlots(
      tokenize(line)
        .map((word) => correct(word) ?? word)
        .join(' '),
    );
  const counts = cards.map(() => new Map<number, number>());
  const totals = cards.map(() => 0);
  const vocabulary = new Set<number>();
  cards.forEach((card, c) => {
    const map = counts[c] as Map<number, number>;
    for (const line of card.lines)
      for (const slot of featureSlots(line)) {
        map.set(slot, (map.get(slot) ?? 0) + 1);
        totals[c] = (totals[c] as number) + 1;
        vocabulary.add(slot);
      }
  });
  // A feature a card never uses scores log(smoothing / denominator) for it; the inverted index keeps, per feature, how much more each card that uses it scores.
  const unseen = totals.map((total) => Math.log(SMOOTHING / (total + SMOOTHING * vocabulary.size)));
  const postings = new Map<number, { card: number; gain: number }[]>();
  counts.forEach((map, c) => {
    for (const [slot, n] of map) {
      const list = postings.get(slot) ?? [];
      list.push({ card: c, gain: Math.log((n + SMOOTHING) / SMOOTHING) });
      postings.set(slot, list);
    }
  });
  return {
    cardsFor(text, floor) {
      const slots = [...slotsOf(text)].filter((slot) => vocabulary.has(slot));
      const found = new Map<string, number>();
      if (slots.length === 0) return found;
      const scores = unseen.map((u) => u * slots.length);
      for (const slot of slots) for (const { card, gain } of postings.get(slot) ?? []) scores[card] = (scores[card] as number) + gain;
      const best = Math.max(...scores);
      const weights = scores.map((score) => Math.exp(score - best));
      const sum = weights.reduce((a, b) => a + b, 0);
      cards.forEach((card, c) => {
        const share = (weights[c] as number) / sum;
        if (share >= floor) found.set(card.id, share);
      });
      return found;
    },
  };
}
