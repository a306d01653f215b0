import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { ensureKnowledgeIndex } from '../../src/knowledge/index-store.ts';
import { searchKnowledge } from '../../src/knowledge/search.ts';
import { tempDir } from '../support/cli.ts';

const chunk = (heading: string, word: string) =>
  `## ${heading}\nsources: uk-guide\ntags: ${word}\nasks: ${word}? | what about ${word}? | ${word} again?\n\n${Array.from({ length: 70 }, () => word).join(' ')}\n`;

function knowledgeDir() {
  const dir = tempDir();
  writeFileSync(join(dir, 'alpha.md'), `# Alpha\n\n${chunk('Kubernetes serving', 'kubernetes')}`);
  writeFileSync(join(dir, 'README.md'), '# Not knowledge\n\nThe loader skips this file.');
  return dir;
}

describe('knowledge index', () => {
  it('builds on first start, then rebuilds only when the content changes', () => {
    const dir = knowledgeDir();
    const db = openDatabase(join(tempDir(), 'pivot.db'));
    const progress: number[] = [];

    expect(ensureKnowledgeIndex(db, dir, (done) => progress.push(done))).toMatchObject({ rebuilt: true, chunks: 1 });
    expect(progress).toEqual([1]);
    expect(ensureKnowledgeIndex(db, dir)).toMatchObject({ rebuilt: false, chunks: 1 });

    writeFileSync(join(dir, 'beta.md'), `# Beta\n\n${chunk('Feature stores', 'feast')}`);
    expect(ensureKnowledgeIndex(db, dir)).toMatchObject({ rebuilt: true, chunks: 2 });
    expect(searchKnowledge(db, 'feast').map((h) => h.id)).toEqual(['beta/feature-stores']);
    expect(ensureKnowledgeIndex(db, dir).rebuilt).toBe(false);
  });

  it('drops chunks whose file was removed', () => {
    const dir = knowledgeDir();
    writeFileSync(join(dir, 'beta.md'), `# Beta\n\n${chunk('Feature stores', 'feast')}`);
    const db = openDatabase(':memory:');
    ensureKnowledgeIndex(db, dir);
    writeFileSync(join(dir, 'beta.md'), `# Beta\n\n${chunk('Vector databases', 'pgvector')}`);
    ensureKnowledgeIndex(db, dir);
    expect(searchKnowledge(db, 'feast')).toEqual([]);
    expect(searchKnowledge(db, 'pgvector')[0]?.id).toBe('beta/vector-databases');
  });

  it('keeps the old index when a changed file is malformed', () => {
    const dir = knowledgeDir();
    const db = openDatabase(':memory:');
    ensureKnowledgeIndex(db, dir);
    const broken = tempDir();
    cpSync(dir, broken, { recursive: true });
    writeFileSync(join(broken, 'alpha.md'), '# Alpha\n\n## No sources here\n\ntext');
    expect(() => ensureKnowledgeIndex(db, broken)).toThrow(/alpha\.md:3/);
    expect(searchKnowledge(db, 'kubernetes')[0]?.id).toBe('alpha/kubernetes-serving');
  });
});
