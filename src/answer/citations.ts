import type { Citation } from '../core/types.ts';
import type { SearchHit } from '../knowledge/search.ts';

/** `[file/heading]` markers, optionally several in one bracket: `[a/b, c/d]`. */
const MARKER = /\[([a-z0-9][a-z0-9-]*\/[a-z0-9-]+(?:\s*[,;]\s*[a-z0-9][a-z0-9-]*\/[a-z0-9-]+)*)\]/gi;

export type CheckedAnswer = { text: string; citations: Citation[] };

/**
 * Keeps only citations of chunks we retrieved, numbers them in order of first
 * use ([1], [2]…) and drops the rest: an invented or misspelt id never
 * reaches the member.
 */
export function checkCitations(answer: string, retrieved: SearchHit[]): CheckedAnswer {
  const byId = new Map(retrieved.map((hit) => [hit.id.toLowerCase(), hit]));
  const order: SearchHit[] = [];
  const numberOf = (hit: SearchHit) => {
    let index = order.indexOf(hit);
    if (index < 0) index = order.push(hit) - 1;
    return index + 1;
  };
  const text = answer
    .replace(MARKER, (_, inner: string) => {
      const numbers = inner
        .split(/[,;]/)
        .map((id) => byId.get(id.trim().toLowerCase()))
        .filter((hit): hit is SearchHit => hit !== undefined)
        .map(numberOf);
      return [...new Set(numbers)].map((n) => `[${n}]`).join('');
    })
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return {
    text,
    citations: order.map((hit) => ({ id: hit.id, source: hit.sources.join(', '), title: hit.title })),
  };
}
