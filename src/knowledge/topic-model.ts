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
function features(text: string): Int32Array {
  const words = tokenize(text).map((w) => hashWord(lightStem(w)));
  const slots = new Set<number>();
  words.forEach((word, i) => {
    slots.add(word & HASH_MASK);
    if (i > 0) slots.add((Math.imul((words[i - 1] as number) ^ 0x9e3779b9, 0x85ebca6b) ^ word) & HASH_MASK);
  });
  return Int32Array.from(slots);
}

const EPOCHS = 12;
const LEARNING_RATE = 0.4;
/** Keeps a word seen in few lines from deciding alone. */
const L2 = 1e-5;
const SEED = 20261205;

/**
 * Logistic regression over the lines' words and word pairs, trained with
 * AdaGrad in a fixed order (the same model on every start). Each side's
 * lines weigh as much in all as the other side's, however many there are.
 */
export function trainTopicModel(examples: readonly TopicExample[]): TopicModel {
  const rows = examples.map((e) => ({ features: features(e.text), target: e.inScope ? 0 : 1 }));
  const offCount = rows.filter((r) => r.target === 1).length;
  const sideWeight = [rows.length / (2 * Math.max(1, rows.length - offCount)), rows.length / (2 * Math.max(1, offCount))];
  const weights = new Float32Array(HASH_MASK + 1);
  const squares = new Float64Array(HASH_MASK + 1);
  let bias = 0;
  let biasSquares = 0;
  const order = rows.map((_, i) => i);
  let state = SEED;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const score = (slots: Int32Array) => {
    let sum = bias;
    for (const slot of slots) sum += weights[slot] as number;
    return sum;
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const row = rows[index] as (typeof rows)[number];
      const error = (sigmoid(score(row.features)) - row.target) * (sideWeight[row.target] as number);
      for (const slot of row.features) {
        const gradient = error + L2 * (weights[slot] as number);
        squares[slot] = (squares[slot] as number) + gradient * gradient;
        weights[slot] = (weights[slot] as number) - (LEARNING_RATE * gradient) / Math.sqrt(squares[slot] as number);
      }
      biasSquares += error * error;
      bias -= (LEARNING_RATE * error) / Math.sqrt(biasSquares);
    }
  }
  return { offTopic: (text) => sigmoid(score(features(text))) };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
