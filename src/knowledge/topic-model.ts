import { lightStem, tokenize } from './query.ts';

/** A line labelled by whether it is about the member's switch into ML. */
export type TopicExample = { text: string; inScope: boolean };

export type TopicModel = {
  /** How likely the line is about something other than the member's switch, from 0 to 1. */
  offTopic(text: string): number;
};

/** Features are hashed into this many weights (a megabyte as 32-bit floats): no table of feature strings to build or keep. */
const HASH_BITS = 18;
const HASH_MASK = (1 << HASH_BITS) - 1;

/** FNV-1a over a word's UTF-16 code units. */
function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * What the model reads of a line: its words (lightly stemmed, so "salaries"
 * and "salary" are one) and each pair of neighbouring words ("my daughter",
 * "pay cut"), which carry whose life and which sense a word is in. Each is
 * a slot in the hashed weight table.
 */
export function featureSlots(text: string): Int32Array {
  const words = tokenize(text).map((w) => hashWord(lightStem(w)));
  const slots = new Set<number>();
  words.forEach((word, i) => {
    slots.add(word & HASH_MASK);
    if (i > 0) slots.add((Math.imul((words[i - 1] as number) ^ 0x9e3779b9, 0x85ebca6b) ^ word) & HASH_MASK);
  });
  return Int32Array.from(slots);
}

/** Laplace smoothing: a word pair seen once on one side does not decide a line alone. */
const SMOOTHING = 1;

/**
 * Naive Bayes over the lines' words and word pairs: each feature's weight is
 * how much more often the off-topic lines use it than the lines about the
 * switch. Counting needs no training order, so a line more or less among the
 * examples moves every reading only a little, and it is one pass (a tenth of
 * a second). The sides weigh the same however many lines each has; a feature
 * no example uses says nothing.
 */
export function trainTopicModel(examples: readonly TopicExample[]): TopicModel {
  const counts = [new Float32Array(HASH_MASK + 1), new Float32Array(HASH_MASK + 1)] as const;
  const totals = [0, 0];
  for (const example of examples) {
    const side = example.inScope ? 0 : 1;
    for (const slot of featureSlots(example.text)) counts[side][slot] = (counts[side][slot] as number) + 1;
  }
  let vocabulary = 0;
  for (let slot = 0; slot <= HASH_MASK; slot++) {
    const seen = (counts[0][slot] as number) + (counts[1][slot] as number);
    if (seen > 0) vocabulary++;
    totals[0] = (totals[0] as number) + (counts[0][slot] as number);
    totals[1] = (totals[1] as number) + (counts[1][slot] as number);
  }
  const denominators = totals.map((total) => total + SMOOTHING * vocabulary) as [number, number];
  // Reuse the in-scope counts as the weights: NaN marks a feature no example uses.
  const weights = counts[0];
  for (let slot = 0; slot <= HASH_MASK; slot++) {
    const onTopic = weights[slot] as number;
    const offTopic = counts[1][slot] as number;
    weights[slot] =
      onTopic + offTopic === 0 ? Number.NaN : Math.log((offTopic + SMOOTHING) / denominators[1]) - Math.log((onTopic + SMOOTHING) / denominators[0]);
  }
  return {
    offTopic(text) {
      let score = 0;
      for (const slot of featureSlots(text)) {
        const weight = weights[slot] as number;
        if (!Number.isNaN(weight)) score += weight;
      }
      return sigmoid(score);
    },
  };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
