import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../paths.ts';
import { type Chunk, chunkMarkdown } from './chunk.ts';

export const DEFAULT_KNOWLEDGE_DIR = packagePath('knowledge');

/** Bump when chunking or indexing changes, so existing indexes rebuild. */
const INDEX_FORMAT = 'pivot-knowledge-v5';

export type KnowledgeFile = { name: string; content: string };

/** The Markdown files that hold knowledge (the folder's README is about the format, not knowledge). */
export function readKnowledgeFiles(dir: string): KnowledgeFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
}

export function hashKnowledge(files: KnowledgeFile[]): string {
  const hash = createHash('sha256').update(INDEX_FORMAT);
  for (const f of files) hash.update(`\0${f.name}\0${f.content}`);
  return hash.digest('hex');
}

export function chunkFiles(files: KnowledgeFile[]): Chunk[] {
  return files.flatMap((f) => chunkMarkdown(f.name, f.content));
}
