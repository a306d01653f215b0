import { z } from 'zod';
import { isSourceId } from './sources.ts';

export type Chunk = {
  /** `<file slug>/<heading slug>`, stable while the heading stays the same. */
  id: string;
  file: string;
  position: number;
  title: string;
  tags: string[];
  sources: string[];
  /** Questions as members type them that this chunk answers; searched as their own field. */
  asks: string[];
  /** The whole text, opening with the lead: one or two sentences that answer the main question. */
  body: string;
};

export const CHUNK_MIN_WORDS = 60;
export const CHUNK_MAX_WORDS = 250;
export const ASKS_MIN = 3;
export const ASKS_MAX = 8;

/** A problem in a knowledge file, located so an author can fix it. */
export class KnowledgeFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'KnowledgeFormatError';
  }
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const LIST_ITEM = /^([-*]|\d+[.)])\s+/;

/** Sentences of a paragraph (a list item counts as one). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim().replace(LIST_ITEM, ''))
    .filter(Boolean)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z0-9£$€*("])/))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The first paragraph of a body: the lead. */
export function leadOf(body: string): string {
  return (
    body
      .trim()
      .split(/\n\s*\n/)[0]
      ?.trim() ?? ''
  );
}

/** A sentence that opens with "it"/"its" leans on another sentence for its subject. */
const DANGLING_PRONOUN = /^(\*\*[^*]+\*\*:?\s*)?(it|its)\b/i;

/** What every chunk must hold; messages complete "<heading> …" in the error. */
const CardSchema = z
  .object({
    sources: z
      .array(z.string())
      .min(1, 'has no sources: line')
      .refine((ids) => ids.every(isSourceId), { message: 'names an unknown source id (see src/knowledge/sources.ts)' }),
    tags: z.array(z.string()).min(1, 'has no tags: line'),
    asks: z
      .array(z.string().min(3, 'has an empty question in asks:'))
      .min(ASKS_MIN, `needs an asks: list of ${ASKS_MIN}-${ASKS_MAX} questions members would type`)
      .max(ASKS_MAX, `has more than ${ASKS_MAX} questions in asks:`),
    body: z.string(),
  })
  .superRefine((card, ctx) => {
    const words = countWords(card.body);
    if (words < CHUNK_MIN_WORDS || words > CHUNK_MAX_WORDS)
      ctx.addIssue({ code: 'custom', message: `has ${words} words; chunks hold ${CHUNK_MIN_WORDS}-${CHUNK_MAX_WORDS}` });
    const lead = leadOf(card.body);
    const leadSentences = sentencesOf(lead).length;
    if (!lead || LIST_ITEM.test(lead) || lead.endsWith(':') || leadSentences > 2)
      ctx.addIssue({
        code: 'custom',
        message: 'has no lead: open the body with a paragraph of one or two sentences that answers its main question',
      });
    const dangling = card.body
      .split(/\n+/)
      .flatMap((line) => sentencesOf(line))
      .find((s) => DANGLING_PRONOUN.test(s));
    if (dangling)
      ctx.addIssue({
        code: 'custom',
        message: `has a sentence starting with "it"/"its" whose subject is in another sentence: "${dangling.slice(0, 60)}"`,
      });
  });

const listField = (line: string, name: string, separator: string): string[] | undefined => {
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'i').exec(line.trim());
  if (!match) return undefined;
  return (match[1] ?? '')
    .split(separator)
    .map((v) => v.trim())
    .filter(Boolean);
};

type Draft = { title: string; line: number; tags?: string[]; sources?: string[]; asks?: string[]; inAsks: boolean; body: string[] };

/**
 * Splits one knowledge file into chunks at its `##` headings. Each heading is
 * followed by `sources:`, `tags:` and `asks:` (inline with ` | ` between
 * questions, or a `- ` list on the next lines), then the body, which opens
 * with a lead paragraph. Throws a KnowledgeFormatError naming the file, line
 * and heading of the first problem.
 */
export function chunkMarkdown(fileName: string, markdown: string): Chunk[] {
  const fileSlug = slugify(fileName.replace(/\.md$/i, ''));
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  let current: Draft | undefined;

  const finish = () => {
    if (!current) return;
    const { title, line } = current;
    const parsed = CardSchema.safeParse({
      sources: current.sources ?? [],
      tags: current.tags ?? [],
      asks: current.asks ?? [],
      body: current.body.join('\n').trim(),
    });
    if (!parsed.success) throw new KnowledgeFormatError(fileName, line, `"${title}" ${parsed.error.issues[0]?.message}`);
    const id = `${fileSlug}/${slugify(title)}`;
    if (seen.has(id)) throw new KnowledgeFormatError(fileName, line, `duplicate heading gives duplicate id ${id}`);
    seen.add(id);
    const { sources, tags, asks, body } = parsed.data;
    chunks.push({ id, file: fileSlug, position: chunks.length, title, tags: tags.map((t) => t.toLowerCase()), sources, asks, body });
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(raw);
    if (heading?.[1]) {
      finish();
      current = { title: heading[1], line: lineNo, body: [], inAsks: false };
      return;
    }
    if (!current) {
      if (raw.trim() && !/^#\s/.test(raw)) throw new KnowledgeFormatError(fileName, lineNo, 'text before the first ## heading is not retrievable');
      return;
    }
    if (current.body.length === 0 || current.body.every((l) => !l.trim())) {
      if (current.inAsks) {
        const item = /^\s*-\s+(.*)$/.exec(raw);
        if (item) {
          current.asks?.push((item[1] ?? '').trim());
          return;
        }
        current.inAsks = false;
      }
      const sources = listField(raw, 'sources', ',');
      if (sources) {
        current.sources = sources.map((s) => s.toLowerCase());
        return;
      }
      const tags = listField(raw, 'tags', ',');
      if (tags) {
        current.tags = tags;
        return;
      }
      const asks = listField(raw, 'asks', '|');
      if (asks) {
        current.asks = asks;
        current.inAsks = true;
        return;
      }
    }
    current.body.push(raw);
  });
  finish();
  if (chunks.length === 0) throw new KnowledgeFormatError(fileName, 1, 'no ## chunks found');
  return chunks;
}
