import { featureSlots, trainNaiveBayes } from './naive-bayes.ts';
import type { SmallTalkKind, TalkLabel } from './scope-examples.ts';

/** How a line reads: how likely it is only chatter (0 to 1), and which kind of chatter it most reads as. */
export type SmallTalkReading = { chatter: number; kind: SmallTalkKind };

export type SmallTalkModel = {
  /** Undefined when no word of the line was seen in training. */
  read(text: string): SmallTalkReading | undefined;
};

/**
 * Dirichlet smoothing for chatter against questions: the chatter lines are a
 * fraction of the questions, and a word only the questions use must not read
 * as chatter for being rare among them.
 */
const CHATTER_SMOOTHING = 3000;
/** Laplace smoothing between kinds of chatter, which are of a size. */
const KIND_SMOOTHING = 0.5;

/**
 * Two naive Bayes readings over the topic model's words and word pairs: all
 * chatter against the questions, then which kind of chatter. The phrase
 * lists in the answer's small-talk rules name what members type most; this
 * reads the wordings they do not ("I must take my leave now", "do u ever
 * sleep").
 */
export function trainSmallTalkModel(lines: ReadonlyMap<TalkLabel, readonly string[]>): SmallTalkModel {
  const kinds = [...lines.keys()].filter((label): label is SmallTalkKind => label !== 'question');
  const chatter = kinds.flatMap((kind) => lines.get(kind) ?? []);
  const isChatter = trainNaiveBayes([lines.get('question') ?? [], chatter], { dirichlet: CHATTER_SMOOTHING });
  const whichKind = trainNaiveBayes(
    kinds.map((kind) => lines.get(kind) ?? []),
    { laplace: KIND_SMOOTHING },
  );
  return {
    read(text) {
      const slots = featureSlots(text);
      const shares = isChatter.posteriors(slots);
      if (!shares) return undefined;
      const kindShares = whichKind.posteriors(slots);
      let best = 0;
      kindShares?.forEach((share, c) => {
        if (share > (kindShares[best] as number)) best = c;
      });
      return { chatter: shares[1] as number, kind: kinds[best] as SmallTalkKind };
    },
  };
}
