/**
 * What an answer is before it is scored: empty, a copy of the question, a
 * list of keywords with no sentences, off the topic, or a real answer; and
 * which of the question's own pitfalls it falls into, with the words that do.
 */
import { lightStem, tokenize } from '../knowledge/query.ts';
import type { InterviewQuestion } from './bank.ts';

/** Sentences of an answer, as written (quotes are taken from these). */
export function sentencesOf(answer: string): string[] {
  return answer
    .split(/(?<=[.!?])\s+|\n+|;\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const FUNCTION_WORDS = new Set(
  'i we my our me us it its is are was were be been am do did does got get have has had would will can could should because so and but or then when if that this which who the a an to of in on for with by from as at into not no'.split(
    ' ',
  ),
);
const words = (text: string) => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];

/** A sentence reads as one: five words or more, some of them the small words that hold a sentence together. */
const readsAsSentence = (s: string) => {
  const w = words(s);
  return w.length >= 5 && w.filter((x) => FUNCTION_WORDS.has(x)).length >= 2;
};

/** Words that show an answer is about work, engineering or ML at all. */
const ON_TOPIC = new Set(
  'ml machine learning model models data backend engineer engineering production api apis system systems pipeline pipelines service services team project projects work job role career latency monitor monitoring deploy deployed test validation feature features users scale reliability database sql code learn learning experience built build company hire interview python java golang kubernetes docker metric metrics drift fraud degree phd graduate incident stakeholders requirements result outcome'.split(
    ' ',
  ),
);

const MORE_STOPWORDS = new Set('what how why you your they them there here about more most very really just also than too'.split(' '));
/** The words that carry meaning, stemmed. */
const contentWords = (text: string) =>
  tokenize(text)
    .filter((w) => !FUNCTION_WORDS.has(w) && !MORE_STOPWORDS.has(w))
    .map(lightStem);

export type Floor = { reason: string };

/** Why an answer scores 1/5 on every criterion, or undefined when it is a real attempt. */
export function floorOf(question: InterviewQuestion, answer: string): Floor | undefined {
  const w = words(answer);
  if (w.length < 4) return { reason: w.length === 0 ? 'the answer is empty' : 'the answer is too short to show anything' };
  const questionWords = new Set(contentWords(question.question));
  const content = contentWords(answer);
  const copied = content.filter((x) => questionWords.has(x)).length;
  if (content.length > 0 && copied / content.length >= 0.75 && content.length <= questionWords.size + 4) {
    return { reason: 'the answer repeats the question instead of answering it' };
  }
  if (!sentencesOf(answer).some(readsAsSentence)) return { reason: 'a list of keywords is not an answer: say it in sentences, with what you did and why' };
  const topicWords = new Set([...questionWords, ...question.rubric.flatMap((r) => r.keywords.flatMap(contentWords)), ...[...ON_TOPIC].map(lightStem)]);
  const onTopic = new Set(content.filter((x) => topicWords.has(x)));
  if (onTopic.size < 2) return { reason: 'the answer is off the topic: it does not address the question' };
  return undefined;
}

type PitfallDetector = { when: RegExp; name: string; finds: RegExp };

/** Pitfalls the bank's avoid lists name, and how to spot them in an answer. */
const DETECTORS: PitfallDetector[] = [
  { when: /bored|complain/i, name: 'leading with boredom or complaints', finds: /\b(bored|boring|tired of|sick of|dull|fed up|hate|hated|monotonous)\b/i },
  {
    when: /\bpay\b|salary|money|market hype/i,
    name: 'leading with money',
    finds: /\b(pays?|paid|money|salary|salaries|earn|earns|earning|compensation|six figures)\b|[£$€]\s?\d/i,
  },
  {
    when: /apologis|embarrass|defensive/i,
    name: 'apologising for your background',
    finds: /\b(sorry|apologi[sz]e|unfortunately|i know i (?:don'?t|do not|lack)|only a backend|just a backend|not a real|i'?m no expert|forgive)\b/i,
  },
  {
    when: /claiming|inventing|overstating|pretending|expert|inflated|made-up|mastered|boast/i,
    name: 'overclaiming',
    finds:
      /\b(expert in|an expert|mastered|world[- ]class|deep ml experience|years of ml experience|know everything|overnight|best in the|guru|ninja|rockstar)\b/i,
  },
  { when: /hype/i, name: 'answering with hype', finds: /\b(hype|hot right now|trendy|everyone is doing|the future is ai)\b/i },
  { when: /blam/i, name: 'blaming others', finds: /\b(their fault|blame[ds]?|incompetent|useless (?:team|colleague)s?)\b/i },
];

export type Pitfall = { name: string; advice: string; quote: string };

/** The question's own pitfalls the answer falls into, each with the sentence that does. */
export function pitfallsIn(question: InterviewQuestion, answer: string): Pitfall[] {
  const sentences = sentencesOf(answer);
  const found: Pitfall[] = [];
  for (const advice of question.avoid) {
    for (const d of DETECTORS) {
      if (!d.when.test(advice) || found.some((f) => f.name === d.name)) continue;
      const quote = sentences.find((s) => d.finds.test(s));
      if (quote) found.push({ name: d.name, advice, quote });
    }
  }
  return found;
}
