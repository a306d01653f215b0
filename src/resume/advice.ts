import { splitSentences } from '../answer/sentences.ts';
import type { SearchHit } from '../knowledge/search.ts';
import { SOURCES } from '../knowledge/sources.ts';

/** Characters of each card's advice a CV prompt carries. */
export const ADVICE_CHARS = 500;

/** A sentence with a figure in it: the guides' example metrics ("40% lower latency") invite a model to invent the member's. */
const HAS_FIGURE = /\d/;
/** Guide ids carry digits ("ml-2026") without being figures. */
const GUIDE_IDS = new RegExp(`\\b(${Object.keys(SOURCES).join('|')})\\b`, 'g');
const hasFigure = (sentence: string) => HAS_FIGURE.test(sentence.replace(GUIDE_IDS, ''));

/**
 * The guides' CV advice for a prompt: one line per card, made of its whole
 * sentences without figures, up to ADVICE_CHARS. Never cut mid-sentence or
 * mid-word; a card with nothing left is left out.
 */
export function adviceExcerpts(hits: SearchHit[], limit = ADVICE_CHARS): string {
  return hits
    .map((hit) => {
      let text = '';
      for (const { text: sentence } of splitSentences(hit.text)) {
        if (hasFigure(sentence) || sentence.endsWith(':')) continue;
        const next = text ? `${text} ${sentence}` : sentence;
        if (next.length > limit) break;
        text = next;
      }
      return text ? `- ${hit.title} (${hit.sources.join(', ')}): ${text}` : '';
    })
    .filter(Boolean)
    .join('\n');
}
