import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliProcess, tempDir } from '../support/cli.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../support/fake-openai.ts';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});

const freshDb = () => join(tempDir(), 'pivot.db');
const turnsIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT member_id, conversation_id, question, mode FROM turns ORDER BY id').all();
  db.close();
  return rows as { member_id: string; conversation_id: string; question: string; mode: string }[];
};

describe('pivot ask', () => {
  it('prints exactly the documented JSON with a model', async () => {
    fake.respondWith((request) => {
      const prompt = (request.body.messages as { content: string }[]).map((m) => m.content).join('\n');
      const id = /^\[([a-z0-9-]+\/[a-z0-9-]+)\]/m.exec(prompt)?.[1];
      return { text: `Expect 9-12 months part time [${id}].`, promptTokens: 900, completionTokens: 30, model: 'fake-coach' };
    });
    const path = freshDb();
    const result = await runCli(['ask', '--member', 'cli-user', '--json', 'How long does the switch to ML take?'], {
      DATABASE_PATH: path,
      OPENAI_BASE_URL: fake.baseURL,
    });
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body).sort()).toEqual(['citations', 'latency_ms', 'mode', 'model', 'text', 'usage']);
    expect(body).toMatchObject({
      text: 'Expect 9-12 months part time [1].',
      mode: 'llm',
      model: 'fake-coach',
      usage: { prompt_tokens: 900, completion_tokens: 30 },
    });
    expect(body.citations).toHaveLength(1);
    expect(Object.keys(body.citations[0]).sort()).toEqual(['id', 'source', 'title']);
    expect(typeof body.latency_ms).toBe('number');
    expect(turnsIn(path)).toMatchObject([{ member_id: 'cli-user', mode: 'llm' }]);
  });

  it('answers offline with no model configured', async () => {
    // End to end: the real process, its stdout and its exit code.
    const result = await runCliProcess(['ask', '--json', 'What do entry-level ML engineers earn in the UK?'], { DATABASE_PATH: freshDb() });
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({ mode: 'offline', model: null, usage: { prompt_tokens: 0, completion_tokens: 0 } });
    expect(body.text).toContain('£34,000');
    expect(body.citations.length).toBeGreaterThan(0);
  });

  it('rejects empty and oversized questions with exit 2 and stores nothing', async () => {
    const path = freshDb();
    for (const question of ['', '   ', 'x'.repeat(5000)]) {
      const result = await runCli(['ask', '--json', question], { DATABASE_PATH: path });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.length).toBeGreaterThan(10);
    }
    expect(turnsIn(path)).toEqual([]);
  });
});

describe('pivot chat (piped)', () => {
  it('answers each line, runs slash commands, and exits at the end of input', async () => {
    const path = freshDb();
    const input = ['How long does the switch take?', '/help', '/ask question:"Do I need a PhD?"', '/nope', ''].join('\n');
    const result = await runCli(['chat', '--member', 'piper'], { DATABASE_PATH: path }, input);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('From the guides directly');
    expect(result.stdout).toContain('/ask question:');
    expect(result.stdout).toMatch(/PhD/);
    expect(result.stdout).toContain('There is no command /nope');
    expect(result.stdout).toMatch(/Sources:\n {2}\[1\] /);
    const rows = turnsIn(path);
    expect(rows.map((r) => r.question)).toEqual(['How long does the switch take?', 'Do I need a PhD?']);
    expect(new Set(rows.map((r) => r.conversation_id)).size).toBe(1);
    expect(rows[0]?.member_id).toBe('piper');
  });
});
