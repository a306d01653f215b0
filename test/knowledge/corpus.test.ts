import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../../src/answer/evaluate.ts';
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

  it('is labelled by an evaluation set, split in two, whose ids all exist', () => {
    const read = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as EvalCase[];
    const cases = [...read('retrieval-eval.json'), ...read('retrieval-holdout.json')];
    const ofKind = (kind: string) => cases.filter((c) => (c.kind ?? 'answer') === kind);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(ofKind('off-topic').length).toBeGreaterThanOrEqual(25);
    expect(ofKind('small-talk').length).toBeGreaterThanOrEqual(15);
    expect(ofKind('follow-up').filter((c) => c.previous).length).toBeGreaterThanOrEqual(15);
    const ids = new Set(chunks.map((c) => c.id));
    for (const c of [...ofKind('answer'), ...ofKind('follow-up').filter((f) => f.previous)]) {
      expect(c.expected?.length, c.question).toBeGreaterThan(0);
      for (const id of c.expected ?? []) expect(ids.has(id), `${id} in "${c.question}"`).toBe(true);
    }
  });
});
