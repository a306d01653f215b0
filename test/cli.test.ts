import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliProcess, tempDir } from './support/cli.ts';

let env: Record<string, string>;
beforeAll(async () => {
  env = { DATABASE_PATH: join(tempDir(), 'pivot.db') };
  expect((await runCli(['ingest'], env)).code).toBe(0);
});

describe('pivot search', () => {
  it('prints only the documented JSON array on stdout', async () => {
    const result = await runCli(['search', '--k', '3', '--json', 'how long does the switch to ML take?'], env);
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(hits).toHaveLength(3);
    for (const hit of hits) {
      expect(Object.keys(hit).sort()).toEqual(['id', 'score', 'source', 'text', 'title']);
      expect(hit.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(typeof hit.score).toBe('number');
      expect(String(hit.text).length).toBeGreaterThan(100);
    }
    const scores = hits.map((h) => h.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('prints a readable list without --json', async () => {
    const result = await runCli(['search', 'UK salary for ML engineers'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^1\. .+\[uk-guide/m);
    expect(() => JSON.parse(result.stdout)).toThrow();
  });

  it('rejects an empty question with exit 2 and a clear message', async () => {
    for (const args of [['search'], ['search', '   '], ['search', '--json', '']]) {
      const result = await runCli(args, env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('question is empty');
      expect(result.stdout).toBe('');
    }
  });

  it('rejects a 10,000-character question, naming the limit', async () => {
    const result = await runCli(['search', '--json', 'salary '.repeat(1500)], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('4000');
    expect(result.stdout).toBe('');
  });

  it('rejects a bad --k and unknown flags with exit 2', async () => {
    expect((await runCli(['search', '--k', 'abc', 'salary'], env)).code).toBe(2);
    expect((await runCli(['search', '--k', '0', 'salary'], env)).code).toBe(2);
    expect((await runCli(['search', '--frobnicate', 'salary'], env)).code).toBe(2);
  });

  it('answers emoji-only and unicode questions with valid JSON', async () => {
    const emoji = await runCli(['search', '--json', '🤖🚀'], env);
    expect(emoji.code).toBe(0);
    expect(JSON.parse(emoji.stdout)).toEqual([]);
    const unicode = await runCli(['search', '--json', 'Gehälter im Vereinigten Königreich — salary in the UK? 💷'], env);
    expect(unicode.code).toBe(0);
    expect((JSON.parse(unicode.stdout) as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('pivot', () => {
  it('names an unknown command and exits 2', async () => {
    const result = await runCli(['frobnicate'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });

  it('starts the terminal chat, explains how to connect Discord and a model, and ends with its input', async () => {
    // End to end: the real process, started as an operator starts it.
    const result = await runCliProcess(['run'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('DISCORD_TOKEN');
    expect(result.stderr).toContain('OPENAI_API_KEY');
  });

  it('backs up the database online, prints the documented JSON, and refuses to overwrite', async () => {
    const target = join(tempDir(), 'backups', 'pivot.db');
    const result = await runCli(['backup', target, '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ path: target, bytes: expect.any(Number), pages: expect.any(Number) });
    const again = await runCli(['backup', target], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});
