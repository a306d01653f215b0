import type { Db } from '../db/client.ts';
import { type AskIndex, type AskWords, askWords } from './ask-match.ts';
import { type Concept, conceptsOf, extractConcepts, mentionedSources, questionTokens, tokenize, topicPairs } from './query.ts';
import { indexSnapshot } from './snapshot.ts';

export type SearchHit = {
  id: string;
  title: string;
  sources: string[];
  tags: string[];
  text: string;
  /** Higher is better: summed BM25 of the question's concepts. */
  score: number;
};

/** How much the other synonyms a chunk uses add to its best one. */
const EXTRA_SYNONYM_WEIGHT = 0.25;
/** A synonym the member did not type counts at most this share of a typed word. */
const SYNONYM_SHARE = 0.6;
/** A chunk without the question's rarest matched word keeps this share of its other words' score. */
const MISSES_RAREST = 0.7;
/** A follow-up's borrowed ideas (from the previous question) weigh this share of its own words. */
const CONTEXT_SHARE = 0.5;
/** Hits scoring under this share of the best one are left out of the context. */
const RELATIVE_CUTOFF = 0.45;
/** Score multiplier for chunks from a guide the question names. */
const NAMED_SOURCE_BOOST = 1.5;

export const MAX_K = 50;
/** Chunks an answer uses at most; the answer sends at most these to the model. */
export const CONTEXT_CHUNKS = 5;

/** A concept found in more than this share of chunks ("ml", "engineer") says nothing about scope. */
const GENERIC_CONCEPT_SHARE = 0.3;

export type Retrieval = {
  hits: SearchHit[];
  /**
   * False when the question uses words the knowledge base never mentions
   * and the best chunk shares little else with it ("best pizza in Rome"):
   * the guides do not cover it.
   */
  inScope: boolean;
  /** The question's concepts, for picking the sentences that answer it. */
  concepts: Concept[];
  /** Those that name a topic: found in at most 30 % of chunks, and not a question frame ("how long"). */
  topical: Concept[];
  /** The score a hit needs to join the context: hits under it come only when a looser `cutoff` asked for them. */
  contextFloor: number;
};

/** Best-first chunks for a question; empty when the question has nothing searchable. */
export function searchKnowledge(db: Db, question: string, k = 5): SearchHit[] {
  return retrieve(db, question, k).hits;
}

/**
 * `context` is the conversation's previous question, for a follow-up ("and
 * in the US?"): its ideas join the search at a share of the weight, and the
 * follow-up's own words name the topic. Hits below `cutoff` times the best
 * BM25 score are left out: the context's own cut-off, unless a looser one is
 * given to look further.
 */
/** The markets the guides give figures for, as members name them. */
const MARKETS = new Set(['uk', 'usa', 'us', 'eu', 'europe', 'canada', 'india', 'australia', 'germany', 'london', 'berlin']);
const namesAMarket = (concept: Concept) => concept.terms.some((term) => MARKETS.has(term));

export function retrieve(db: Db, question: string, k = 5, context?: string, cutoff = RELATIVE_CUTOFF): Retrieval {
  const index = indexSnapshot(db);
  const correct = (word: string) => index.correct(word);
  const tokens = questionTokens(question, correct);
  const words = conceptsOf(tokens);
  const known = new Set(words.flatMap((c) => c.terms));
  const own = [...words, ...topicPairs(tokens, index, known)];
  const ownKeys = new Set(own.map((c) => c.terms.join('|')));
  // "And in the US?" after a UK question asks about the US instead: a place of its own replaces the earlier one.
  const ownPlace = own.some(namesAMarket);
  const borrowed = context ? extractConcepts(context, correct).filter((c) => !ownKeys.has(c.terms.join('|')) && !(ownPlace && namesAMarket(c))) : [];
  const concepts = [...own, ...borrowed];
  if (concepts.length === 0) return { hits: [], inScope: false, concepts, topical: [], contextFloor: 0 };
  const { chunkCount } = index;
  const perConcept: { concept: Concept; idf: number; topical: boolean; own: boolean; named: boolean; scores: Map<string, number> }[] = [];
  const topicalMatches = new Map<string, number>();
  let matchedTopicalConcepts = 0;
  let unmatchedConcepts = 0;
  for (const concept of concepts) {
    // A synonym the member did not write may not count as rarer, and so
    // weigh more, than the word they did: "project" must not turn into the
    // much rarer "side project" and outrank chunks about projects.
    const perTerm = concept.terms.map((term) => {
      const rows = index.matchesOf(term);
      return { written: concept.written.includes(term), rows, idf: idf(chunkCount, rows.length) };
    });
    // One name spelt several ways is as rare as all its spellings together: "mle" is as common as "ML engineer".
    const writtenIdf = concept.oneName
      ? idf(chunkCount, new Set(perTerm.flatMap((t) => t.rows.map((row) => row.id))).size)
      : Math.max(0, ...perTerm.filter((t) => t.written).map((t) => t.idf));
    // Which concept names the topic goes by how rare the whole concept is: "comp" is as common as pay.
    const conceptIdf = idf(chunkCount, new Set(perTerm.flatMap((t) => t.rows.map((row) => row.id))).size);
    const best = new Map<string, { max: number; sum: number }>();
    for (const term of perTerm) {
      const factor = concept.oneName ? writtenIdf / term.idf : term.written ? 1 : SYNONYM_SHARE * Math.min(1, writtenIdf / term.idf);
      for (const row of term.rows) {
        const score = row.score * factor;
        const entry = best.get(row.id) ?? { max: 0, sum: 0 };
        entry.max = Math.max(entry.max, score);
        entry.sum += score;
        best.set(row.id, entry);
      }
    }
    if (best.size === 0) unmatchedConcepts++;
    const topical = best.size > 0 && best.size <= chunkCount * GENERIC_CONCEPT_SHARE;
    if (topical) matchedTopicalConcepts++;
    const scores = new Map<string, number>();
    const weight = borrowed.includes(concept) || concept.implied ? CONTEXT_SHARE : 1;
    for (const [id, { max, sum }] of best) {
      scores.set(id, weight * (max + EXTRA_SYNONYM_WEIGHT * (sum - max)));
      if (topical) topicalMatches.set(id, (topicalMatches.get(id) ?? 0) + 1);
    }
    const named = concept.written.some((term) => index.namesTopic(term));
    perConcept.push({ concept, idf: conceptIdf, topical: topical && !concept.frame, own: own.includes(concept), named, scores });
  }
  // The question's rarest topical word ("CV", "Kaggle", "PhD") names the
  // topic: the other words add at most as much as a chunk's match on it (or a
  // share of themselves where the chunk lacks it), so generic words ("how
  // long", "worth it") cannot lift a chunk that barely mentions the topic.
  const candidates = perConcept.filter((c) => c.topical && !c.concept.pair && concepts.length > 1);
  const rarest = [...candidates].sort((a, b) => Number(b.own) - Number(a.own) || Number(b.named) - Number(a.named) || b.idf - a.idf)[0];
  const totals = new Map<string, number>();
  const others = new Map<string, number>();
  for (const c of perConcept)
    for (const [id, score] of c.scores) {
      if (c === rarest) totals.set(id, (totals.get(id) ?? 0) + score);
      else others.set(id, (others.get(id) ?? 0) + score);
    }
  for (const [id, rest] of others) {
    const lead = totals.get(id) ?? 0;
    totals.set(id, rarest ? lead + Math.min(rest, Math.max(lead, MISSES_RAREST * rest)) : lead + rest);
  }
  const named = mentionedSources(question);
  if (named.length > 0) {
    for (const [id, score] of totals) {
      const fromNamed = index.chunks.get(id)?.sources.some((s) => named.includes(s));
      if (fromNamed) totals.set(id, score * NAMED_SOURCE_BOOST);
    }
  }
  // The cut-off follows BM25 alone: a card lifted by a close ask may lead, but it does not push the others out.
  const bestBm25 = Math.max(0, ...totals.values());
  const floor = bestBm25 * cutoff;
  addAskMatches(totals, bestBm25, index.asks, askWords(question, correct));
  addCardBeliefs(totals, bestBm25, index.cards.cardsFor(question, CARD_BELIEF_FLOOR));
  liftComparedSides(totals, perConcept, Math.min(k, CONTEXT_CHUNKS));
  if (!context)
    keepWithin(
      totals,
      askedSentences(question).flatMap((sentence) => retrieve(db, sentence, 1).hits.map((h) => h.id)),
      Math.min(k, CONTEXT_CHUNKS),
    );
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const ranked = sorted.filter(([, score], i) => i === 0 || score >= floor).slice(0, Math.min(Math.max(1, k), MAX_K));
  const top = ranked[0]?.[0];
  // Out of scope: the question uses at least as many words the knowledge base
  // never does as topical words it does, and the best chunk shares at most one.
  const shared = top ? (topicalMatches.get(top) ?? 0) : 0;
  const inScope = top !== undefined && (unmatchedConcepts === 0 || matchedTopicalConcepts > unmatchedConcepts || shared >= 2);
  const hits = ranked.flatMap(([id, score]) => {
    const chunk = index.chunks.get(id);
    if (!chunk) return [];
    const { title, sources, tags, body } = chunk;
    return [{ id, title, sources, tags, text: body, score: Math.round(score * 1000) / 1000 }];
  });
  return {
    hits,
    inScope,
    concepts,
    topical: perConcept.filter((c) => c.topical).map((c) => c.concept),
    contextFloor: bestBm25 * RELATIVE_CUTOFF,
  };
}

/** The question frame that sets two things side by side ("X vs Y", "the difference between X and Y"). */
const COMPARISON_FRAME = 'difference';
/** At most this many sides of a comparison are each given their own card in the context. */
const MAX_COMPARED_SIDES = 3;

/**
 * "MLOps vs ML platform eng": each side's own best card joins the first `within`,
 * so the answer can speak of both rather than only of cards that mention
 * them together.
 */
function liftComparedSides(
  totals: Map<string, number>,
  perConcept: { concept: Concept; topical: boolean; own: boolean; scores: Map<string, number> }[],
  within: number,
): void {
  if (!perConcept.some((c) => c.own && c.concept.frame && c.concept.terms[0] === COMPARISON_FRAME)) return;
  const sides = perConcept.filter((c) => c.own && c.topical && !c.concept.frame).slice(0, MAX_COMPARED_SIDES);
  if (sides.length < 2) return;
  const bests = sides.flatMap((side) =>
    [...side.scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 1)
      .map(([id]) => id),
  );
  keepWithin(totals, bests, within);
}

/** Raises the `kept` cards into the first `within`: the weakest of the others make room, and the kept ones come just above the best of those. */
function keepWithin(totals: Map<string, number>, kept: readonly string[], within: number): void {
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, within);
  const missing = [...new Set(kept)].filter((id) => totals.has(id) && !top.some(([topId]) => topId === id)).slice(0, within);
  if (missing.length === 0) return;
  const makingRoom = top.filter(([id]) => !kept.includes(id)).slice(-missing.length);
  const above = Math.max(0, ...makingRoom.map(([, score]) => score));
  for (const [i, id] of missing.entries()) totals.set(id, above + (missing.length - i) * 1e-3);
}

/** A message this long with more than one question in it has each question's own best card kept in the context. */
const MULTI_QUESTION_MIN_WORDS = 15;

/**
 * "Is it realistic at 34? And roughly how long would it take?": the sentences
 * that ask something, each searched on its own, when the message holds more
 * than one sentence.
 */
function askedSentences(question: string): string[] {
  if (tokenize(question).length < MULTI_QUESTION_MIN_WORDS) return [];
  const sentences = question.split(/(?<=[?!.])\s+|\n+/).filter((s) => tokenize(s).length >= 3);
  return sentences.length > 1 ? sentences.filter((s) => s.trim().endsWith('?')) : [];
}

/** An ask this similar to the question (Dice over words) starts to count. */
const ASK_MATCH_FLOOR = 0.4;
/** At a perfect ask match, a card gains this share of the best BM25 score. */
const ASK_MATCH_SHARE = 0.5;
/** A card lifted by its asks scores at most this share above the best BM25 score. */
export const ASK_MATCH_CEILING = 1.05;

/** Cards whose asks say almost what the member said rise toward the top, however generic the words. */
function addAskMatches(totals: Map<string, number>, best: number, asks: AskIndex, question: AskWords): void {
  if (best === 0) return;
  for (const [id, similarity] of asks.bestSimilarities(question)) {
    if (similarity <= ASK_MATCH_FLOOR) continue;
    const gain = best * ASK_MATCH_SHARE * ((similarity - ASK_MATCH_FLOOR) / (1 - ASK_MATCH_FLOOR));
    const score = totals.get(id) ?? 0;
    totals.set(id, Math.max(score, Math.min(score + gain, best * ASK_MATCH_CEILING)));
  }
}

/** A card the card model believes in less than this is left to BM25… */
const CARD_BELIEF_FLOOR = 0.1;
/** …and full belief adds this share of the best BM25 score. */
const CARD_BELIEF_SHARE = 0.8;

/**
 * The card model reads the whole line as the cards' asks are worded: a card it
 * believes answers the line ("in-house tools so the data science people can
 * train stuff" and the ML platform engineer card) gains in proportion.
 */
function addCardBeliefs(totals: Map<string, number>, best: number, beliefs: ReadonlyMap<string, number>): void {
  for (const [id, belief] of beliefs) {
    const score = totals.get(id) ?? 0;
    totals.set(id, Math.max(score, Math.min(score + best * CARD_BELIEF_SHARE * belief, best * ASK_MATCH_CEILING)));
  }
}

/** The inverse document frequency FTS5's bm25() uses, so rescaled scores stay comparable. */
function idf(total: number, containing: number): number {
  return Math.max(1e-6, Math.log((total - containing + 0.5) / (containing + 0.5)));
}
