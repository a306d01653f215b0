import { SYNONYM_GROUPS } from './synonyms.ts';

/** Words that carry no topic; dropping them keeps chatty questions from matching chatty chunks. */
const STOPWORDS = new Set(
  `a about above after again all am an and any are as at be been being both but by can could did do does doing
   don down during each few for from further get got had has have having he her here hers him his how i i'd i'm
   if in into is it its itself just ll me might more most my myself no nor not now of off on once only or other
   our ours out over own really same she should so some such than that the their them then there these they this
   those through to too under until up very was we were what when where which while who whom why will with would
   you your yours s t m d re ve im id ive youre dont doesnt isnt hey hi hello thanks thank please pls anyone
   someone something thing things kind sort bit lot lots also still even maybe like want wanna gonna think know
   tell give say`
    .split(/\s+/)
    .filter(Boolean),
);

const MAX_CONCEPTS = 24;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'");
}

export function tokenize(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** One idea of the question: a word or phrase and its synonyms. A chunk scores by its best term per concept. */
export type Concept = { terms: string[] };

const phraseOf = (entry: string) => tokenize(entry).join(' ');

/**
 * Splits a member's question into concepts: each synonym group the question
 * uses (by a word or a phrase of it) becomes one concept holding the whole
 * group; every other topic word is a concept of its own. Scoring by concept,
 * not by term, stops a word with many synonyms from outweighing the rest.
 * Returns [] when nothing searchable is left (emoji, stopwords).
 */
export function extractConcepts(question: string): Concept[] {
  const tokens = tokenize(question);
  const joined = ` ${tokens.join(' ')} `;
  const covered = new Set<string>();
  const concepts: Concept[] = [];
  const seen = new Set<string>();

  for (const group of SYNONYM_GROUPS) {
    const used = group.map(phraseOf).filter((p) => p && joined.includes(` ${p} `));
    if (used.length === 0) continue;
    for (const p of used) for (const w of p.split(' ')) covered.add(w);
    const terms = [...new Set(group.map(phraseOf).filter((p) => p && !STOPWORDS.has(p)))];
    const key = terms.join('|');
    if (!seen.has(key)) {
      seen.add(key);
      concepts.push({ terms });
    }
  }
  for (const token of new Set(tokens)) {
    if (STOPWORDS.has(token) || covered.has(token)) continue;
    concepts.push({ terms: [token] });
  }
  // Bound the work whatever a member pastes.
  return concepts.slice(0, MAX_CONCEPTS);
}

/** An FTS5 MATCH expression for one term or phrase. */
export function matchExpression(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
