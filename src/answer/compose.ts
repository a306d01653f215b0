import { type Concept, lightStem, stemPhrase, tokenize } from '../knowledge/query.ts';
import type { SearchHit } from '../knowledge/search.ts';
import { isComparison, paragraphs } from './comparison.ts';
import { splitSentences } from './sentences.ts';

/** Said once, briefly, at the top of every answer composed without a model. */
export const GUIDES_PREFIX = 'From the guides directly (no language model):';

/** Words an answer aims to stay under; a comparison of the guides may use the larger budget. */
const WORD_BUDGET = 130;
const COMPARISON_BUDGET = 190;
const CHUNKS_CONSIDERED = 3;
/** A comparison card this far below the best hit is about something else. */
const COMPARISON_MIN_SCORE_RATIO = 0.3;
const MAX_COMPARISON_ITEMS = 6;

type Unit = { chunk: number; position: number; text: string; listItem: boolean; stems: string; words: Set<string> };

const LEANS_ON_PREVIOUS = /^(this|that|these|those|it|its|they|their|both|such|so|then|also|here|there|done|and|but|or|which|the guide|the same|the other)\b/i;
const STOP = new Set(
  'a an the and or but of to in on for with at by from as is are was be it its this that these those you your they their not no can will would should than then so if into about more most less also'.split(
    ' ',
  ),
);

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
const contentWords = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .replace(/\*\*/g, '')
      .split(/[^a-z0-9£$%+]+/)
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );
const figures = (text: string) => new Set(text.replace(/,(?=\d{3})/g, '').match(/\d+(\.\d+)?/g) ?? []);

/** A card's lead: its opening paragraph when that answers (one or two sentences, not a lead-in to a list). */
export function leadOf(hit: SearchHit): string | undefined {
  const first = paragraphs(hit.text)[0];
  if (!first || /^([-*]|\d+[.)])\s/.test(first) || first.trimEnd().endsWith(':') || first.includes('\n')) return undefined;
  const sentences = splitSentences(first);
  if (sentences.length > 2 || LEANS_ON_PREVIOUS.test(first)) return undefined;
  return first;
}

/** A sentence whose content words are this much already said, with no new figure, only restates. */
const RESTATED_SHARE = 0.6;

/** Near-duplicates: most content words shared, or nothing new but figures already given. */
function saysNothingNew(candidate: Unit, said: Unit[]): boolean {
  const nums = figures(candidate.text);
  const saidWords = new Set(said.flatMap((s) => [...s.words]));
  const saidFigures = new Set(said.flatMap((s) => [...figures(s.text)]));
  const known = [...candidate.words].filter((w) => saidWords.has(w)).length;
  if (candidate.words.size >= 3 && known / candidate.words.size >= RESTATED_SHARE && [...nums].every((n) => saidFigures.has(n))) return true;
  return said.some((s) => {
    const shared = [...candidate.words].filter((w) => s.words.has(w)).length;
    const jaccard = shared / Math.max(1, candidate.words.size + s.words.size - shared);
    // Or the shorter of the two is mostly inside the other: a restatement, longer or shorter.
    const containment = shared / Math.max(1, Math.min(candidate.words.size, s.words.size));
    if (jaccard >= 0.5 || containment >= 0.7) return true;
    const sameFigures = nums.size > 0 && [...nums].every((n) => figures(s.text).has(n));
    return sameFigures && shared / Math.max(1, candidate.words.size) >= 0.4;
  });
}

export type ComposeInput = {
  concepts: Concept[];
  /** The question's topic concepts: a card comparing the guides must speak of one of them. */
  topical?: Concept[];
  hits: SearchHit[];
  /** The closing line: one next step for this member. */
  nextStep: string;
  /** Said plainly before the guides' facts (what the guides do not cover). */
  note?: string;
  /** More hits, past the context's five, in which to look for a card comparing the guides. */
  wider?: SearchHit[];
  /** Words to spend on the guides when something else (the member's own plan) already answers first. */
  budget?: number;
};

/**
 * Without a model: the best card's lead answers first; a comparison card gives every guide's side
 * where the guides disagree; other cards add only facts not yet said; whole sentences only, under
 * about 150 words (210 for a comparison), each part cited with a `[chunk-id]` marker, then one next step.
 */
export function composeGuideAnswer({ concepts, topical, hits, nextStep, note, wider, budget: givenBudget }: ComposeInput): string {
  const top = hits.slice(0, CHUNKS_CONSIDERED);
  const best = top[0];
  if (!best) return `${GUIDES_PREFIX}\n\n${nextStep}`;
  const comparison = (wider ?? hits).find((h) => isComparison(h) && h.score >= COMPARISON_MIN_SCORE_RATIO * best.score && speaksOfTopic(h, topical));
  const cards = comparison && !top.includes(comparison) ? [...top, comparison] : top;
  const units: Unit[] = cards.flatMap((hit, chunk) =>
    paragraphs(hit.text)
      .flatMap(splitSentences)
      .map((u, position) => ({ ...u, chunk, position, stems: ` ${tokenize(u.text).map(lightStem).join(' ')} `, words: contentWords(u.text) })),
  );
  const conceptStems = concepts.map((c) => c.terms.map((t) => ` ${stemPhrase(t)} `));
  const weights = conceptStems.map((stems) => {
    const containing = units.filter((u) => stems.some((s) => u.stems.includes(s))).length;
    return containing === 0 ? 0 : Math.log(1 + units.length / containing);
  });
  // A card whose title and tags name none of the question's topics adds only sentences that speak of a topic: matching
  // a question frame alone ("how long") would bring switch timelines into "how long should my CV be".
  const offTopicCards = new Set(cards.flatMap((card, i) => (speaksOfTopic(card, topical) ? [] : [i])));
  const relevance = (u: Unit) => {
    const matched = conceptStems.map((stems) => stems.some((s) => u.stems.includes(s)));
    if (offTopicCards.has(u.chunk) && !matched.some((m, i) => m && !concepts[i]?.frame)) return 0;
    return matched.reduce((sum, m, i) => sum + (m ? (weights[i] ?? 0) : 0), 0) + (/\d/.test(u.text) ? 0.15 : 0);
  };

  const budget = givenBudget ?? (comparison ? COMPARISON_BUDGET : WORD_BUDGET);
  const said: Unit[] = [];
  const parts: { chunk: number; units: Unit[] }[] = [];
  let words = 0;
  const take = (chunk: number, chosen: Unit[]) => {
    if (!chosen.length) return;
    said.push(...chosen);
    words += chosen.reduce((n, u) => n + wordCount(u.text), 0);
    const part = parts.find((p) => p.chunk === chunk);
    if (part) part.units.push(...chosen);
    else parts.push({ chunk, units: chosen });
  };

  // 1. The best card's lead, or its most relevant whole sentence.
  const lead = leadOf(best);
  const bestUnits = units.filter((u) => u.chunk === 0);
  const opening = lead
    ? bestUnits.filter((u) => splitSentences(lead).some((l) => l.text === u.text) && u.position < splitSentences(lead).length)
    : [...bestUnits]
        .filter(standsAlone)
        .sort((a, b) => relevance(b) - relevance(a))
        .slice(0, 1);
  take(0, opening);

  // 2. Where the guides disagree, every side with its guide.
  if (comparison) {
    const index = cards.indexOf(comparison);
    const items = units.filter((u) => u.chunk === index && u.listItem && !saysNothingNew(u, said)).slice(0, MAX_COMPARISON_ITEMS);
    take(index, items);
  }

  // 3. Other facts, most relevant first, only what is new, whole sentences, within the budget.
  const rest = units
    // A comparison already gives the side of each guide it covers: lists from those guides' cards would restate it.
    .filter((u) => !said.includes(u) && standsAlone(u) && !(u.listItem && comparison && coveredBy(comparison, cards[u.chunk])))
    .map((u) => ({ u, score: relevance(u) * (1 - 0.15 * Math.min(u.chunk, 3)) }))
    .filter(({ score }) => score > 0.2)
    .sort((a, b) => b.score - a.score);
  for (const { u } of rest) {
    const size = wordCount(u.text);
    if (words + size > budget) continue;
    if (saysNothingNew(u, said)) continue;
    take(u.chunk, [u]);
    if (words >= budget * 0.8) break;
  }

  const body = parts.map(({ chunk, units: chosen }) => {
    const ordered = [...chosen].sort((a, b) => (chunk === 0 ? 0 : a.position - b.position));
    let text = '';
    for (const u of ordered) {
      if (u.listItem) text += `${text ? '\n' : ''}- ${u.text}`;
      else text += text ? (/\n- [^\n]*$|^- [^\n]*$/.test(text) ? `\n${u.text}` : ` ${u.text}`) : u.text;
    }
    return `${text} [${cards[chunk]?.id}]`;
  });
  return [GUIDES_PREFIX, note, ...body, nextStep].filter(Boolean).join('\n\n');
}

/** Words that ask for a comparison without naming what to compare: "compared" must not bring in the pay comparison. */
const COMPARING = /^(compar|vs$|versus|differ|disagree)/;

/**
 * Whether a comparison card is about one of the question's topics, beyond the
 * words of comparing: its title or tags must name one, as a passing mention in
 * its details ("CV rewrite" in the timeline comparison) does not make a CV
 * question about timelines, and the pay comparison says nothing on
 * interviews. A question without topic words (only generic ones) takes any.
 */
function speaksOfTopic(hit: SearchHit, topical: Concept[] | undefined): boolean {
  const topics = (topical ?? []).filter((c) => !c.terms.some((t) => COMPARING.test(t)));
  if (topics.length === 0) return true;
  const stems = ` ${tokenize(`${hit.title} ${hit.tags.join(' ')}`)
    .map(lightStem)
    .join(' ')} `;
  return topics.some((c) => c.terms.some((term) => stems.includes(` ${stemPhrase(term)} `)));
}

function coveredBy(comparison: SearchHit, card: SearchHit | undefined): boolean {
  return card !== undefined && card !== comparison && card.sources.every((source) => comparison.sources.includes(source));
}

/** A sentence that reads on its own: not a lead-in to a list, not a question, not leaning on the one before. */
function standsAlone(u: Unit): boolean {
  return !u.text.endsWith(':') && !u.text.endsWith('?') && !LEANS_ON_PREVIOUS.test(u.text) && wordCount(u.text) >= 4;
}
