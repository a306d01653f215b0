import { featureSlots, trainNaiveBayes } from './naive-bayes.ts';

/** A line labelled by whether it is about the member's switch into ML. */
export type TopicExample = { text: string; inScope: boolean };

export type TopicModel = {
  /** How likely the line is about something other than the member's switch, from 0 to 1. */
  offTopic(text: string): number;
};

/** Laplace smoothing: a word pair seen once on one side does not decide a line alone. */
const SMOOTHING = 1;

/**
 * Naive Bayes with two classes, the lines about the switch and the others:
 * each feature's weight is how much more often the off-topic lines use it.
 * A line with no feature any example uses reads as a coin toss.
 */
export function trainTopicModel(examples: readonly TopicExample[]): TopicModel {
  const sides: [string[], string[]] = [[], []];
  for (const example of examples) sides[example.inScope ? 0 : 1].push(example.text);
  const model = trainNaiveBayes(sides, { laplace: SMOOTHING });
  return {
    offTopic: (text) => model.posteriors(featureSlots(text))?.[1] ?? 0.5,
  };
}
