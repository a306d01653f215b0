import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../support/fake-openai.ts';

// What a member sees for the wordings of issue 16, through `pivot ask --json`
// and the terminal chat, offline and with a (loopback) model configured.

const freshDb = () => join(tempDir(), 'pivot.db');
const questionsIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT question FROM turns ORDER BY id').all() as { question: string }[];
  db.close();
  return rows.map((r) => r.question);
};
const askJson = async (question: string, env: Record<string, string>) => {
  const result = await runCli(['ask', '--json', question], env);
  return { code: result.code, body: result.code === 0 ? JSON.parse(result.stdout) : undefined, stderr: result.stderr };
};

describe('pivot ask --json: answers that fit the question', () => {
  it('answers the CV-length question with the two-page rule, not with switch timelines', async () => {
    const { code, body } = await askJson('How long should my CV be?', { DATABASE_PATH: freshDb() });
    expect(code).toBe(0);
    expect(body.text).toMatch(/two pages/i);
    expect(body.citations[0].id).toBe('resume/cv-layout-and-skills-section-for-ml');
  }, 240_000);

  it('declines the pizza question with what the guides do cover, citing nothing', async () => {
    const { code, body } = await askJson('can you recommend a good pizza place in berlin', { DATABASE_PATH: freshDb() });
    expect(code).toBe(0);
    expect(body.text).toMatch(/do not cover that/);
    expect(body.text).toMatch(/salaries/);
    expect(body.citations).toEqual([]);
  }, 240_000);

  it('thanks a member who says thanks, greets "hey there" (exit 0), and stores neither as a question', async () => {
    const path = freshDb();
    const thanks = await askJson("thanks, that's super helpful!", { DATABASE_PATH: path });
    expect(thanks.code).toBe(0);
    expect(thanks.body.text).toMatch(/thank/i);
    expect(thanks.body.text).not.toMatch(/do not cover/);
    expect(thanks.body.citations).toEqual([]);
    const hey = await askJson('hey there', { DATABASE_PATH: path });
    expect(hey.code).toBe(0);
    expect(hey.body.text).toMatch(/^Hi!/);
    expect(hey.body.citations).toEqual([]);
    expect(questionsIn(path)).toEqual([]);
  }, 240_000);

  it('answers "am I too old" with what the guides say, and says plainly what they do not', async () => {
    const { code, body } = await askJson("i'm 45, am i too old to switch into ml?", { DATABASE_PATH: freshDb() });
    expect(code).toBe(0);
    expect(body.text).toMatch(/The guides do not speak to age directly/);
    expect(body.text).not.toMatch(/do not cover that/);
    expect(body.citations.length).toBeGreaterThan(0);
  }, 240_000);
});

describe('pivot chat: small talk, follow-ups and the scope gate in one conversation', () => {
  it('asks what a bare follow-up means, then reads a follow-up as the earlier question plus its new facet', async () => {
    const path = freshDb();
    const input = ['and in the US?', 'what do ml engineers earn in the uk?', 'and in the US?', 'thanks!', 'what about sourdough?', ''].join('\n');
    const result = await runCli(['chat', '--member', 'follower'], { DATABASE_PATH: path }, input);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/I am not sure what that follows on from/);
    expect(out).toMatch(/£34,000/);
    expect(out).toMatch(/\$400K/);
    expect(out).toMatch(/You're welcome, and thanks/);
    expect(out).toMatch(/do not cover that/);
    expect(questionsIn(path)).toEqual(['what do ml engineers earn in the uk?', 'and in the US?', 'what about sourdough?']);
  }, 240_000);
});

describe('with a model configured: the same retrieval and gate', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  }, 240_000);
  afterAll(async () => {
    await fake.close();
  }, 240_000);

  it('makes no model call for off-topic questions or small talk, and sends the CV chunk for the CV question', async () => {
    const path = freshDb();
    const env = { DATABASE_PATH: path, OPENAI_BASE_URL: fake.baseURL };
    for (const question of ['whats the best laptop for deep learning', 'thanks, that is super helpful!', 'who are you?']) {
      const result = await runCli(['ask', '--json', question], env);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).mode).toBe('offline');
    }
    expect(fake.requests).toHaveLength(0);

    fake.respondWith((request) => {
      const prompt = (request.body.messages as { content: string }[]).map((m) => m.content).join('\n');
      expect(prompt).toMatch(/two pages/i);
      return { text: 'Keep it to two pages [resume/cv-layout-and-skills-section-for-ml].', promptTokens: 500, completionTokens: 12 };
    });
    const result = await runCli(['ask', '--json', 'How long should my CV be?'], env);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.mode).toBe('llm');
    expect(body.text).toMatch(/two pages/);
    expect(fake.requests).toHaveLength(1);
  }, 240_000);
});

describe('pivot ask --json: small talk in wordings the phrase lists do not know', () => {
  it('says goodbye to a formal sign-off without storing it as a question, and declines homework asked as a favour', async () => {
    const path = freshDb();
    const leaving = await askJson('I must take my leave now. Wishing you a pleasant evening.', { DATABASE_PATH: path });
    expect(leaving.code).toBe(0);
    expect(leaving.body.text).toMatch(/^Bye for now/);
    expect(leaving.body.citations).toEqual([]);
    expect(questionsIn(path)).toEqual([]);
    const homework = await askJson('can you help me with my history homework on the french revolution', { DATABASE_PATH: path });
    expect(homework.code).toBe(0);
    expect(homework.body.text).toMatch(/do not cover that/);
    expect(homework.body.citations).toEqual([]);
  }, 240_000);
});
