import type { SearchHit } from '../knowledge/search.ts';
import { SOURCES } from '../knowledge/sources.ts';

const COMPARISON_TITLE = /\b(disagree|differ|compared|comparison|versus|vs)\b/i;
const COMPARISON_OPENING = /\b(guides?|they) (disagree|differ|count differently|place [^.]* at different|split)\b|\bfive answers\b/i;

/** A list item that opens with the guide it speaks for: "- **uk-guide:** …", "- ml-2026: …". */
export const GUIDE_ITEM = new RegExp(`^\\s*[-*]\\s+(\\*\\*)?(${Object.keys(SOURCES).join('|')})\\b`, 'gm');

export function paragraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A card that sets the guides side by side: said so, or a list with one item per guide for three guides or more. */
export function isComparison(hit: Pick<SearchHit, 'sources' | 'text' | 'title'>): boolean {
  if (hit.sources.length < 3) return false;
  const opening = paragraphs(hit.text).slice(0, 2).join(' ');
  const guideItems = new Set([...hit.text.matchAll(GUIDE_ITEM)].map((m) => m[2]));
  return COMPARISON_TITLE.test(hit.title) || COMPARISON_OPENING.test(opening) || guideItems.size >= 3;
}
