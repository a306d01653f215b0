import { isSourceId } from './sources.ts';

export type Chunk = {
  /** `<file slug>/<heading slug>`, stable while the heading stays the same. */
  id: string;
  file: string;
  position: number;
  title: string;
  tags: string[];
  sources: string[];
  body: string;
};

export const CHUNK_MIN_WORDS = 60;
export const CHUNK_MAX_WORDS = 250;

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

const listField = (line: string, name: string): string[] | undefined => {
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'i').exec(line.trim());
  if (!match) return undefined;
  return (match[1] ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
};

/**
 * Splits one knowledge file into chunks at its `##` headings. Each heading is
 * followed by `sources:` and `tags:` lines, then the body. Throws a
 * KnowledgeFormatError naming the file and line of the first problem.
 */
export function chunkMarkdown(fileName: string, markdown: string): Chunk[] {
  const fileSlug = slugify(fileName.replace(/\.md$/i, ''));
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  let current: { title: string; line: number; tags?: string[]; sources?: string[]; body: string[] } | undefined;

  const finish = () => {
    if (!current) return;
    const { title, line } = current;
    if (!current.sources?.length) throw new KnowledgeFormatError(fileName, line, `"${title}" has no sources: line`);
    const unknown = current.sources.filter((s) => !isSourceId(s));
    if (unknown.length)
      throw new KnowledgeFormatError(fileName, line, `"${title}" names unknown source(s): ${unknown.join(', ')}`);
    if (!current.tags?.length) throw new KnowledgeFormatError(fileName, line, `"${title}" has no tags: line`);
    const body = current.body.join('\n').trim();
    const words = countWords(body);
    if (words < CHUNK_MIN_WORDS || words > CHUNK_MAX_WORDS)
      throw new KnowledgeFormatError(
        fileName,
        line,
        `"${title}" has ${words} words; chunks hold ${CHUNK_MIN_WORDS}-${CHUNK_MAX_WORDS}`,
      );
    const id = `${fileSlug}/${slugify(title)}`;
    if (seen.has(id)) throw new KnowledgeFormatError(fileName, line, `duplicate heading gives duplicate id ${id}`);
    seen.add(id);
    chunks.push({
      id,
      file: fileSlug,
      position: chunks.length,
      title,
      tags: current.tags,
      sources: current.sources,
      body,
    });
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(raw);
    if (heading?.[1]) {
      finish();
      current = { title: heading[1], line: lineNo, body: [] };
      return;
    }
    if (!current) {
      if (raw.trim() && !/^#\s/.test(raw))
        throw new KnowledgeFormatError(fileName, lineNo, 'text before the first ## heading is not retrievable');
      return;
    }
    if (current.body.length === 0 || current.body.every((l) => !l.trim())) {
      const sources = listField(raw, 'sources');
      if (sources) {
        current.sources = sources;
        return;
      }
      const tags = listField(raw, 'tags');
      if (tags) {
        current.tags = tags;
        return;
      }
    }
    current.body.push(raw);
  });
  finish();
  if (chunks.length === 0) throw new KnowledgeFormatError(fileName, 1, 'no ## chunks found');
  return chunks;
}
