import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { knowledgeChunks, knowledgeState } from '../db/schema.ts';
import type { Chunk } from './chunk.ts';
import { chunkFiles, hashKnowledge, readKnowledgeFiles } from './load.ts';
import { parseScopeExamples, readScopeExampleFiles } from './scope-examples.ts';
import { SOURCES } from './sources.ts';

/**
 * Chunks name their sources inline ("(uk-guide)"); those ids are citations,
 * not topic words, and left in they would make "uk" or "roadmap" look common.
 */
const SOURCE_MENTION = new RegExp(`\\b(${Object.keys(SOURCES).join('|')})\\b`, 'g');

export function searchableText(text: string): string {
  return text.replace(SOURCE_MENTION, ' ');
}

const HASH_KEY = 'content_hash';
/** The scope gate's example lines, stored as JSON beside the index they were read with. */
export const SCOPE_EXAMPLES_KEY = 'scope_examples';

export type IndexProgress = (done: number, total: number) => void;

export type IndexStatus = { rebuilt: boolean; chunks: number; hash: string };

/**
 * Makes the search index match the knowledge folder. The files are hashed on
 * every call (cheap); chunking and indexing happen only when the hash differs
 * from the one the index was built from.
 */
export function ensureKnowledgeIndex(db: Db, dir: string, onProgress?: IndexProgress): IndexStatus {
  const files = readKnowledgeFiles(dir);
  const exampleFiles = readScopeExampleFiles(dir);
  const hash = hashKnowledge([...files, ...exampleFiles]);
  const stored = db.select().from(knowledgeState).where(eq(knowledgeState.key, HASH_KEY)).get();
  if (stored?.value === hash) {
    const indexed = db.select({ n: count() }).from(knowledgeChunks).get()?.n ?? 0;
    return { rebuilt: false, chunks: indexed, hash };
  }
  const chunks = chunkFiles(files);
  const examples = parseScopeExamples(exampleFiles, new Set(chunks.map((c) => c.id)));
  writeIndex(db, chunks, JSON.stringify(examples), hash, onProgress);
  return { rebuilt: true, chunks: chunks.length, hash };
}

function writeIndex(db: Db, chunks: Chunk[], scopeExamples: string, hash: string, onProgress?: IndexProgress): void {
  // Raw SQL for the FTS5 table: drizzle's schema does not describe virtual tables.
  const sqlite = db.$client;
  const insertFts = sqlite.prepare('INSERT INTO knowledge_fts (chunk_id, title, asks, tags, body) VALUES (?, ?, ?, ?, ?)');
  db.transaction((tx) => {
    tx.delete(knowledgeChunks).run();
    sqlite.prepare('DELETE FROM knowledge_fts').run();
    chunks.forEach((chunk, i) => {
      tx.insert(knowledgeChunks).values(chunk).run();
      insertFts.run(chunk.id, chunk.title, chunk.asks.join('\n'), chunk.tags.join(', '), searchableText(chunk.body));
      onProgress?.(i + 1, chunks.length);
    });
    for (const [key, value] of [
      [SCOPE_EXAMPLES_KEY, scopeExamples],
      [HASH_KEY, hash],
    ] as const)
      tx.insert(knowledgeState).values({ key, value }).onConflictDoUpdate({ target: knowledgeState.key, set: { value } }).run();
  });
}
