import { lightStem, tokenize } from './query.ts';

/** Features are hashed into this many slots: no table of feature strings to build or keep. */
const HASH_BITS = 18;
const SLOTS = 1 << HASH_BITS;
const HASH_MASK = SLOTS - 1;

/** FNV-1a over a word's UTF-16 code units. */
function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * What a model reads of a line: its words (lightly stemmed, so "salaries"
 * and "salary" are one) and each pair of neighbouring words ("my daughter",
 * "pay cut"), which carry whose life and which sense a word is in. Each is
 * a slot in the hashed feature table.
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

export type NaiveBayes = {
  /**
   * Each class's share of the belief that the line belongs to it (summing to
   * 1), or undefined when no feature of the line was seen in training: such
   * a line says nothing.
   */
  posteriors(slots: Iterable<number>): Float64Array | undefined;
};

/**
 * How a class's share of a feature is smoothed. `laplace`: add this many
 * sightings of every feature to every class (fine when the classes are of a
 * size). `dirichlet`: add this many sightings spread as all the classes
 * together use the features, so a small class that never saw a feature reads
 * it as the lines in general do instead of as a sign against it.
 */
export type Smoothing = { laplace: number } | { dirichlet: number };

/**
 * Multinomial naive Bayes over hashed features, one class per list of lines.
 * Classes weigh the same however many lines each has unless `priors` (each
 * class's share of lines to expect) says otherwise, and a feature no line
 * uses is skipped. Counting needs no training order, so a line more or less
 * moves every reading only a little, and it is one pass.
 *
 * The counts are kept as an inverted index in three flat arrays: for each
 * slot, the classes that use it and how much more each scores for it than
 * for a feature it never uses. A line costs only the postings of its own
 * features, however many classes there are.
 */
export function trainNaiveBayes(classes: readonly (readonly string[])[], smoothing: Smoothing, priors?: readonly number[]): NaiveBayes {
  const postings = countPostings(classes, smoothing);
  const logPriors = Float64Array.from(classes, (_, c) => (priors ? Math.log(priors[c] as number) : 0));
  return { posteriors: (slots) => posteriorsOf(postings, logPriors, slots) };
}

/** The inverted index: for slot s, entries offsets[s] to offsets[s + 1] of `classOf` and `gain`. */
type Postings = { offsets: Int32Array; classOf: Uint16Array; gain: Float32Array; unseen: Float64Array };

/** Counting lives apart from reading, so the readings keep only the index and not the tables counting needed. */
function countPostings(classes: readonly (readonly string[])[], smoothing: Smoothing): Postings {
  const counts = classes.map(countSlots);
  // Each slot's postings are counted into offsets[slot], summed into where they end, and placed walking back, which leaves offsets[slot] where they start.
  const offsets = new Int32Array(SLOTS + 1);
  const background = 'dirichlet' in smoothing ? new Float32Array(SLOTS) : undefined;
  let grandTotal = 0;
  for (const { slots, times } of counts)
    slots.forEach((slot, i) => {
      offsets[slot] = (offsets[slot] as number) + 1;
      if (background) background[slot] = (background[slot] as number) + (times[i] as number);
      grandTotal += times[i] as number;
    });
  let vocabulary = 0;
  let end = 0;
  for (let slot = 0; slot < SLOTS; slot++) {
    if (offsets[slot] !== 0) vocabulary++;
    end += offsets[slot] as number;
    offsets[slot] = end;
  }
  offsets[SLOTS] = end;
  const classOf = new Uint16Array(end);
  const gain = new Float32Array(end);
  const unseen = new Float64Array(classes.length);
  counts.forEach(({ slots, times }, c) => {
    let total = 0;
    slots.forEach((slot, i) => {
      const n = times[i] as number;
      const at = (offsets[slot] as number) - 1;
      offsets[slot] = at;
      classOf[at] = c;
      // What a sighting adds over none: the same for every class under Dirichlet smoothing's shared log(mu * background).
      const pseudo = 'laplace' in smoothing ? smoothing.laplace : (smoothing.dirichlet * (background?.[slot] as number)) / grandTotal;
      gain[at] = Math.log((n + pseudo) / pseudo);
      total += n;
    });
    unseen[c] = 'laplace' in smoothing ? Math.log(smoothing.laplace / (total + smoothing.laplace * vocabulary)) : -Math.log(total + smoothing.dirichlet);
  });
  return { offsets, classOf, gain, unseen };
}

/** A class's distinct slots in order and how many of its lines use each: sorted flat arrays, lighter than a map of a hundred thousand entries. */
function countSlots(lines: readonly string[]): { slots: Int32Array; times: Int32Array } {
  const all: number[] = [];
  for (const line of lines) for (const slot of featureSlots(line)) all.push(slot);
  const sorted = Int32Array.from(all).sort();
  const slots: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) times[times.length - 1] = (times[times.length - 1] as number) + 1;
    else {
      slots.push(sorted[i] as number);
      times.push(1);
    }
  }
  return { slots: Int32Array.from(slots), times: Int32Array.from(times) };
}

function posteriorsOf({ offsets, classOf, gain, unseen }: Postings, logPriors: Float64Array, slots: Iterable<number>): Float64Array | undefined {
  const scores = Float64Array.from(logPriors);
  let seen = 0;
  for (const slot of slots) {
    const from = offsets[slot] as number;
    const to = offsets[slot + 1] as number;
    if (from === to) continue;
    seen++;
    for (let at = from; at < to; at++) {
      const c = classOf[at] as number;
      scores[c] = (scores[c] as number) + (gain[at] as number);
    }
  }
  if (seen === 0) return undefined;
  let best = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = (scores[c] as number) + (unseen[c] as number) * seen;
    best = Math.max(best, scores[c] as number);
  }
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp((scores[c] as number) - best);
    sum += scores[c] as number;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / sum;
  return scores;
}
