import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/load.ts';
import { runCli, tempDir } from '../support/cli.ts';

/** A copy of the shipped knowledge folder with the vocabulary file changed. */
function knowledgeWith(change: (vocab: Record<string, unknown>) => unknown): string {
  const dir = join(tempDir(), 'knowledge');
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  const file = join(dir, 'resume-vocabulary.json');
  writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8')))));
  return dir;
}

describe('the resume vocabulary is validated at start-up', () => {
  it('refuses to start on a malformed vocabulary, naming the file and the path in it', async () => {
    const dir = knowledgeWith((v) => ({ ...v, ownershipVerbs: [{ forms: [], vouchedBy: ['led'] }] }));
    const result = await runCli(['search', 'salary'], { KNOWLEDGE_DIR: dir, DATABASE_PATH: join(tempDir(), 'pivot.db') });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('resume-vocabulary.json at ownershipVerbs.0.forms');
  });

  it('refuses a tool listed twice', async () => {
    const dir = knowledgeWith((v) => ({ ...v, tools: [...(v.tools as unknown[]), { name: 'Python' }] }));
    const result = await runCli(['search', 'salary'], { KNOWLEDGE_DIR: dir, DATABASE_PATH: join(tempDir(), 'pivot.db') });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('tool "Python" is listed twice');
  });
});
