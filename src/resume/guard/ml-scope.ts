/**
 * ML work a rewrite claims ("feature pipelines", "ML models", "drift"): a
 * backend bullet described for ML readers must not gain ML scope it never had.
 * A phrase passes when the member's text has one of its kind, or every word of
 * it; "ML" itself and "ML models" also pass when the member's text shows ML
 * work of any kind.
 */
import type { ResumeVocabulary } from '../vocabulary.ts';
import { type AddCandidate, containsWords, matches, phrasePattern, SP, W } from './text.ts';

const SCOPE_PRIORITY = 4.5;
/** "ML engineers", "the data science team": people the member worked with, not work they claim. */
const NOT_PEOPLE = `(?!${SP}+(?:engineers?|engineering${SP}+teams?|teams?|roles?|researchers?|scientists?|hiring|community|colleagues|peers|practitioners|folks))`;
const BROAD_GROUPS = new Set(['ml', 'models']);

export function compileMlScope(vocab: ResumeVocabulary) {
  const groupOf = new Map<string, string>();
  for (const g of vocab.mlScope) for (const p of g.phrases) groupOf.set(p.toLowerCase(), g.group);
  const phrases = [...groupOf.keys()];
  const original = vocab.mlScope.flatMap((g) => g.phrases);
  // Acronyms (ML, AI, NLP, RAG) only in capitals: "rag", "ai" in other words are not claims.
  const caseSensitive = original.filter((p) => /^[A-Z]{2,}s?$/.test(p));
  const anyCase = original.filter((p) => !caseSensitive.includes(p));
  const alt = (list: string[]) =>
    [...list]
      .sort((a, b) => b.length - a.length)
      .map(phrasePattern)
      .join('|');
  const SCOPE_RE = new RegExp(`(?<![${W}])(?:${alt(caseSensitive)})(?![${W}])${NOT_PEOPLE}`, 'gu');
  const SCOPE_ANY_CASE_RE = new RegExp(`(?<![${W}])(?:${alt(anyCase)})(?![${W}])${NOT_PEOPLE}`, 'giu');

  /** The kinds of ML work the member's text names. */
  function groupsIn(sources: string): Set<string> {
    const groups = new Set<string>();
    for (const p of phrases) if (containsWords(sources, p)) groups.add(groupOf.get(p) ?? '');
    if (groups.size > 0 || vocab.mlEvidence.some((e) => containsWords(sources, e))) for (const g of BROAD_GROUPS) groups.add(g);
    return groups;
  }

  function scopeCandidates(output: string, sources: string, add: AddCandidate): void {
    const own = groupsIn(sources);
    for (const re of [SCOPE_RE, SCOPE_ANY_CASE_RE]) {
      for (const m of matches(re, output)) {
        const phrase = m[0].toLowerCase().replace(/\s+/g, ' ');
        const group = groupOf.get(phrase) ?? '';
        // Every word of it the member's own ("model … latency" → "model latency"): rearranged, not invented.
        const ownWords = phrase.split(' ').every((word) => containsWords(sources, word));
        add(m.index, m.index + m[0].length, '[ML work]', SCOPE_PRIORITY, own.has(group) || ownWords);
      }
    }
  }

  return { scopeCandidates };
}
