// Grades one answer against the facts a good answer must carry: the checks behind `npm run eval:answers`.
import nlp from 'compromise';

export type Side = { label: string; guides: string[]; any: string[] };
export type AnswerCase = {
  id: string;
  question: string;
  topic: string;
  /** Lines run first in the same conversation: commands, or an earlier question for follow-ups. */
  setup?: string[];
  /** Each fact is a list of alternatives; the answer must contain one of each. */
  facts: string[][];
  /** Where the guides disagree: every side must be named with its guide in one sentence. */
  sides?: Side[];
};

export type Grade = {
  id: string;
  missingFacts: string[][];
  missingSides: string[];
  words: number;
  repeated: [string, string][];
  fragments: string[];
};

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ');

/** The answer itself: without the offline notice line, the numbered citation markers and the source list. */
export function answerBody(text: string): string {
  const withoutSources = text.split(/\n\s*Sources:\s*\n/)[0] ?? text;
  return withoutSources
    .replace(/^(Answering from|From) the guides directly[^\n]*\n/, '')
    .replace(/\s?\[\d+\]/g, '')
    .trim();
}

export type Unit = { text: string; listItem: boolean; opensParagraph: boolean };

/** Sentences of prose and the items of lists, in order. */
export function units(body: string): Unit[] {
  const out: Unit[] = [];
  for (const paragraph of body.split(/\n\s*\n/)) {
    let first = true;
    for (const raw of paragraph.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      const listItem = /^([-*•]|\d+[.)])\s+/.test(line);
      const text = line.replace(/^([-*•]|\d+[.)])\s+/, '');
      const parts = listItem ? [text] : text.split(/(?<=[.!?])\s+(?=[A-Z0-9£$€*"(])/);
      for (const part of parts) {
        if (!part.trim()) continue;
        out.push({ text: part.trim(), listItem, opensParagraph: first });
        first = false;
      }
    }
  }
  return out;
}

const DANGLING_START = /^(it|its|it's|they|their|them|these|those|he|she|his|her)\b/i;
/** A capitalised sentence opener in the middle of a sentence, as when two sentences lose the stop between them. */
const SPLICE =
  /[a-z0-9)%] (Go|Pick|Use|Start|Build|Learn|Do|Don't|Keep|Aim|Focus|Read|Write|Add|Avoid|Skip|Choose|Treat|Put|Its|It|They|Their|This|These|Then|If|When) (?!and\b|or\b)[a-z]/;

/** Why a unit reads as a fragment, or undefined when it reads whole. */
export function fragmentReason(unit: Unit): string | undefined {
  const text = normalise(unit.text).trim();
  // A label on a line of its own ("What the guides say:") introduces what follows; it is not a sentence.
  if (unit.opensParagraph && text.endsWith(':') && !unit.listItem) return undefined;
  if (DANGLING_START.test(text) && (unit.opensParagraph || unit.listItem)) return 'opens with a pronoun whose referent is elsewhere';
  if (SPLICE.test(unit.text.replace(/\*\*/g, ''))) return 'two sentences glued together';
  if (unit.listItem) return undefined;
  const words = text.split(' ').filter((w) => /[a-z]/.test(w));
  if (words.length < 4) return undefined;
  return nlp(unit.text.replace(/\*\*/g, '')).verbs().length === 0 ? 'no verb' : undefined;
}

const STOP = new Set(
  'a an the and or but of to in on for with at by from as is are was be it its this that these those you your they their not no can will would should than then so if into about more most less also'.split(
    ' ',
  ),
);
const contentWords = (text: string) =>
  new Set(
    normalise(text)
      .split(/[^a-z0-9£$%+-]+/)
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );

/** Pairs of sentences that say nearly the same thing (Jaccard similarity of content words ≥ 0.6). */
export function repeatedPairs(list: Unit[]): [string, string][] {
  const sets = list.map((u) => contentWords(u.text));
  const pairs: [string, string][] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = sets[i] as Set<string>;
      const b = sets[j] as Set<string>;
      if (a.size < 5 || b.size < 5) continue;
      const shared = [...a].filter((w) => b.has(w)).length;
      if (shared / (a.size + b.size - shared) >= 0.6) pairs.push([list[i]?.text ?? '', list[j]?.text ?? '']);
    }
  }
  return pairs;
}

export function gradeAnswer(c: AnswerCase, answerText: string): Grade {
  const body = answerBody(answerText);
  const flat = normalise(body);
  const list = units(body);
  const missingFacts = c.facts.filter((alternatives) => !alternatives.some((a) => flat.includes(normalise(a))));
  const missingSides = (c.sides ?? [])
    .filter(
      (side) =>
        !list.some((u) => {
          const t = normalise(u.text);
          return side.guides.some((g) => t.includes(g)) && side.any.some((a) => t.includes(normalise(a)));
        }),
    )
    .map((side) => side.label);
  return {
    id: c.id,
    missingFacts,
    missingSides,
    words: body.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length,
    repeated: repeatedPairs(list),
    fragments: list.flatMap((u) => {
      const reason = fragmentReason(u);
      return reason ? [`${reason}: ${u.text}`] : [];
    }),
  };
}

export type SplitReport = {
  split: string;
  answers: number;
  factsCarried: number;
  disagreementQuestions: number;
  bothSidesNamed: number;
  meanWords: number;
  repeatedSentences: number;
  fragments: number;
};

export function summarise(split: string, grades: Grade[], cases: AnswerCase[]): SplitReport {
  const withSides = cases.filter((c) => c.sides?.length).map((c) => c.id);
  const sideGrades = grades.filter((g) => withSides.includes(g.id));
  const ratio = (n: number, d: number) => (d === 0 ? 1 : Number((n / d).toFixed(3)));
  return {
    split,
    answers: grades.length,
    factsCarried: ratio(grades.filter((g) => g.missingFacts.length === 0).length, grades.length),
    disagreementQuestions: sideGrades.length,
    bothSidesNamed: ratio(sideGrades.filter((g) => g.missingSides.length === 0).length, sideGrades.length),
    meanWords: Math.round(grades.reduce((n, g) => n + g.words, 0) / Math.max(1, grades.length)),
    repeatedSentences: grades.reduce((n, g) => n + g.repeated.length, 0),
    fragments: grades.reduce((n, g) => n + g.fragments.length, 0),
  };
}
