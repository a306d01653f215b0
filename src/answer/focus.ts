import { type Concept, lightStem, stemPhrase, tokenize } from '../knowledge/query.ts';
import type { SearchHit } from '../knowledge/search.ts';
import { isComparison } from './comparison.ts';

/** Characters kept from each supporting card in the model's context: its lead and the lines that speak to the question. */
export const SUPPORTING_CARD_CHARS = 500;
/** The offline composer quotes a few sentences per card and picks better from a little more of each. */
export const COMPOSER_CARD_CHARS = 600;

const LIST_LINE = /^([-*]|\d+[.)]|\|)\s*/;

type Line = { text: string; index: number; paragraph: number; listItem: boolean; score: number };

/**
 * The context a question gets: the best card whole, every card that sets the
 * guides side by side whole (dropping a side would hide a disagreement), and
 * from the others their lead plus the lines that match the question's ideas,
 * in their own order, within SUPPORTING_CARD_CHARS. Lines stay whole: a line
 * is a paragraph, a list item or a table row. Fewer characters reach the model
 * without losing the cards that answer.
 */
export function focusHits(hits: SearchHit[], concepts: Concept[], limit = SUPPORTING_CARD_CHARS): SearchHit[] {
  const stems = concepts.map((c) => c.terms.map((t) => ` ${stemPhrase(t)} `));
  return hits.map((hit, rank) => (rank === 0 || isComparison(hit) || hit.text.length <= limit ? hit : { ...hit, text: focusText(hit.text, stems, limit) }));
}

function focusText(body: string, conceptStems: string[][], limit: number): string {
  const lines: Line[] = [];
  body.split(/\n\s*\n/).forEach((para, paragraph) => {
    for (const raw of para.split('\n')) {
      const text = raw.trim();
      if (!text) continue;
      const stemmed = ` ${tokenize(text).map(lightStem).join(' ')} `;
      const matched = conceptStems.filter((alts) => alts.some((s) => stemmed.includes(s))).length;
      lines.push({ text, index: lines.length, paragraph, listItem: LIST_LINE.test(text), score: matched + (/\d/.test(text) ? 0.1 : 0) });
    }
  });
  const kept = new Set<Line>(lines.filter((l) => l.paragraph === 0));
  let used = [...kept].reduce((n, l) => n + l.text.length + 1, 0);
  const introOf = (line: Line) => (line.listItem ? lines.find((l) => l.paragraph === line.paragraph && !l.listItem && l.text.endsWith(':')) : undefined);
  const candidates = lines.filter((l) => !kept.has(l) && l.score >= 1).sort((a, b) => b.score - a.score || a.index - b.index);
  for (const line of candidates) {
    const intro = introOf(line);
    const cost = line.text.length + 1 + (intro && !kept.has(intro) ? intro.text.length + 1 : 0);
    if (used + cost > limit) continue;
    kept.add(line);
    if (intro) kept.add(intro);
    used += cost;
  }
  const ordered = lines.filter((l) => kept.has(l));
  return ordered.map((l, i) => (i > 0 && ordered[i - 1]?.paragraph !== l.paragraph ? `\n${l.text}` : l.text)).join('\n');
}
