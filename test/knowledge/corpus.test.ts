import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHUNK_MAX_WORDS, CHUNK_MIN_WORDS, countWords } from '../../src/knowledge/chunk.ts';
import { chunkFiles, DEFAULT_KNOWLEDGE_DIR, readKnowledgeFiles } from '../../src/knowledge/load.ts';
import { SOURCES } from '../../src/knowledge/sources.ts';

const chunks = chunkFiles(readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIR));

describe('the shipped knowledge base', () => {
  it('is substantial and draws on all five guides', () => {
    const words = chunks.reduce((sum, c) => sum + countWords(c.body), 0);
    expect(words).toBeGreaterThan(6000);
    const used = new Set(chunks.flatMap((c) => c.sources));
    expect([...used].sort()).toEqual(Object.keys(SOURCES).sort());
  });

  it('has unique ids and chunks within the size limits', () => {
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
    for (const c of chunks) {
      const n = countWords(c.body);
      expect(n, c.id).toBeGreaterThanOrEqual(CHUNK_MIN_WORDS);
      expect(n, c.id).toBeLessThanOrEqual(CHUNK_MAX_WORDS);
    }
  });

  it('is labelled by an evaluation set whose ids all exist', () => {
    const cases = JSON.parse(readFileSync(new URL('../fixtures/retrieval-eval.json', import.meta.url), 'utf8')) as {
      question: string;
      expected: string[];
    }[];
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const ids = new Set(chunks.map((c) => c.id));
    for (const c of cases) for (const id of c.expected) expect(ids.has(id), `${id} in "${c.question}"`).toBe(true);
  });
});
