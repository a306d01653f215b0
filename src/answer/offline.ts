import { type Concept, lightStem, stemPhrase, tokenize } from '../knowledge/query.ts';
import type { SearchHit } from '../knowledge/search.ts';

const MAX_SENTENCES = 5;
const MAX_PER_CHUNK = 2;
const CHUNKS_CONSIDERED = 3;

import { GUIDES_PREFIX } from './compose.ts';
import { splitSentences } from './sentences.ts';

export const OFFLINE_PREFIX = GUIDES_PREFIX;

type Sentence = { chunk: number; position: number; text: string; stems: string; listItem: boolean };

/** Sentences that lean on the one before them ("This means…"); picked, they bring it along. */
const LEANS_ON_PREVIOUS = /^(this|that|these|those|it|its|they|their|both|such|so|done|then|also|here|there)\b/i;

const stemsOf = (text: string) => ` ${tokenize(text).map(lightStem).join(' ')} `;

/**
 * Without a model, picks the sentences of the best chunks that share the most
 * (and rarest) ideas with the question, keeps them in their chunk's order and
 * cites each chunk with a `[chunk-id]` marker.
 */
export function composeOfflineAnswer(concepts: Concept[], hits: SearchHit[]): string {
  const top = hits.slice(0, CHUNKS_CONSIDERED);
  const sentences: Sentence[] = top.flatMap((hit, chunk) =>
    splitSentences(hit.text).map(({ text, listItem }, position) => ({
      chunk,
      position,
      text,
      listItem,
      stems: stemsOf(text),
    })),
  );
  // A lead-in ending in ":" means nothing without its list; a question restates, it does not answer.
  const candidates = sentences.filter((s) => !s.text.endsWith(':') && !s.text.endsWith('?'));
  const conceptStems = concepts.map((c) => c.terms.map((t) => ` ${stemPhrase(t)} `));
  const matches = (sentence: Sentence, stems: string[]) => stems.some((stem) => sentence.stems.includes(stem));
  const weights = conceptStems.map((stems) => {
    const containing = sentences.filter((s) => matches(s, stems)).length;
    return containing === 0 ? 0 : Math.log(1 + sentences.length / containing);
  });
  const scored = candidates.map((sentence) => {
    const overlap = conceptStems.reduce((sum, stems, i) => sum + (matches(sentence, stems) ? (weights[i] ?? 0) : 0), 0);
    const figures = /\d/.test(sentence.text) ? 0.15 : 0;
    return { sentence, score: (overlap + figures) * (1 - 0.15 * sentence.chunk) };
  });

  const chosen = new Set<Sentence>();
  const perChunk = new Map<number, number>();
  for (const { sentence, score } of scored.sort((a, b) => b.score - a.score)) {
    if (chosen.size >= MAX_SENTENCES) break;
    if (score <= 0 && chosen.size > 0) break;
    if (chosen.has(sentence)) continue;
    const used = perChunk.get(sentence.chunk) ?? 0;
    if (used >= MAX_PER_CHUNK) continue;
    perChunk.set(sentence.chunk, used + 1);
    chosen.add(sentence);
    const previous = sentences.find((s) => s.chunk === sentence.chunk && s.position === sentence.position - 1);
    if (previous && !sentence.listItem && LEANS_ON_PREVIOUS.test(sentence.text)) chosen.add(previous);
  }
  const paragraphs = top
    .map((hit, chunk) => {
      const picked = [...chosen].filter((s) => s.chunk === chunk).sort((a, b) => a.position - b.position);
      if (picked.length === 0) return undefined;
      let text = '';
      for (const s of picked) {
        if (s.listItem) text += `${text ? '\n' : ''}- ${s.text}`;
        else text += text ? (text.endsWith('\n') || /\n- [^\n]*$/.test(text) ? `\n${s.text}` : ` ${s.text}`) : s.text;
      }
      return `${text} [${hit.id}]`;
    })
    .filter((p): p is string => p !== undefined);
  return [OFFLINE_PREFIX, ...paragraphs].join('\n\n');
}
