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

/** Keeps the FTS query bounded whatever a member pastes. */
const MAX_TERMS = 48;

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

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * Turns a member's question into an FTS5 MATCH expression: the topic words
 * of the question OR'ed together, plus every synonym of a word or phrase it
 * uses. Returns undefined when nothing searchable is left (emoji, stopwords).
 */
export function buildMatchQuery(question: string): string | undefined {
  const tokens = tokenize(question);
  const joined = ` ${tokens.join(' ')} `;
  const terms = new Set<string>();
  for (const token of tokens) if (!STOPWORDS.has(token)) terms.add(token);

  for (const group of SYNONYM_GROUPS) {
    const used = group.some((entry) => {
      const words = tokenize(entry).join(' ');
      return words.length > 0 && joined.includes(` ${words} `);
    });
    if (!used) continue;
    for (const entry of group) {
      const words = tokenize(entry).join(' ');
      if (words && !STOPWORDS.has(words)) terms.add(words);
    }
  }
  if (terms.size === 0) return undefined;
  return [...terms].slice(0, MAX_TERMS).map(quote).join(' OR ');
}
