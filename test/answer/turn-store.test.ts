import { describe, expect, it } from 'vitest';
import { recordFeedback } from '../../src/answer/feedback.ts';
import { createTurnStore, type NewTurn } from '../../src/answer/turns.ts';
import { openDatabase } from '../../src/db/client.ts';
import { replyFromTurn } from '../../src/discord/turn-reply.ts';

const turn = (n: number, extra: Partial<NewTurn> = {}): NewTurn => ({
  memberId: 'ana',
  conversationId: 'dm:ana',
  question: `question ${n}`,
  answer: `answer ${n}`,
  chunkIds: ['cv/length', 'salary/uk'],
  citedIds: ['salary/uk'],
  mode: 'llm',
  model: 'small-model',
  promptTokens: 120,
  completionTokens: 40,
  latencyMs: 900,
  createdAt: new Date(1000 * n),
  ...extra,
});

describe('the turn store', () => {
  it('stores a turn as given, lists a conversation oldest first and a member’s question times', () => {
    const db = openDatabase(':memory:');
    const store = createTurnStore(db);
    expect(store.store(turn(1))).toBe(1);
    store.store(turn(2, { mode: 'offline', model: null, citedIds: [], promptTokens: 0, completionTokens: 0 }));
    store.store(turn(3, { conversationId: 'thread:9' }));
    store.store(turn(4, { memberId: 'bo', conversationId: 'dm:bo' }));
    expect(db.$client.prepare('SELECT * FROM turns WHERE id <= 2 ORDER BY id').all()).toEqual([
      {
        id: 1,
        member_id: 'ana',
        conversation_id: 'dm:ana',
        question: 'question 1',
        answer: 'answer 1',
        chunk_ids: '["cv/length","salary/uk"]',
        cited_ids: '["salary/uk"]',
        mode: 'llm',
        model: 'small-model',
        prompt_tokens: 120,
        completion_tokens: 40,
        latency_ms: 900,
        created_at: 1000,
      },
      {
        id: 2,
        member_id: 'ana',
        conversation_id: 'dm:ana',
        question: 'question 2',
        answer: 'answer 2',
        chunk_ids: '["cv/length","salary/uk"]',
        cited_ids: '[]',
        mode: 'offline',
        model: null,
        prompt_tokens: 0,
        completion_tokens: 0,
        latency_ms: 900,
        created_at: 2000,
      },
    ]);
    expect(store.recent('dm:ana', 5)).toEqual([
      { question: 'question 1', answer: 'answer 1', citedIds: ['salary/uk'] },
      { question: 'question 2', answer: 'answer 2', citedIds: [] },
    ]);
    expect(store.recent('dm:ana', 1)).toEqual([{ question: 'question 2', answer: 'answer 2', citedIds: [] }]);
    expect(store.questionTimesSince('ana', 2000)).toEqual([2000, 3000]);
    expect(store.questionTimesSince('bo', 0)).toEqual([4000]);
  });

  it('stores a vote, a second vote replacing the first, and refuses a vote on no turn', () => {
    const db = openDatabase(':memory:');
    createTurnStore(db).store(turn(1));
    expect(recordFeedback(db, { turnId: 1, memberId: 'ana', helpful: false, at: 5000 })).toBe(true);
    expect(recordFeedback(db, { turnId: 1, memberId: 'bo', helpful: true, at: 5500 })).toBe(true);
    expect(recordFeedback(db, { turnId: 1, memberId: 'ana', helpful: true, at: 6000 })).toBe(true);
    expect(recordFeedback(db, { turnId: 7, memberId: 'ana', helpful: true, at: 6000 })).toBe(false);
    expect(db.$client.prepare('SELECT * FROM feedback ORDER BY member_id').all()).toEqual([
      { turn_id: 1, member_id: 'ana', helpful: 1, created_at: 6000 },
      { turn_id: 1, member_id: 'bo', helpful: 1, created_at: 5500 },
    ]);
  });

  it('gives back a stored turn as its reply, with the sources of the cited chunks still indexed', () => {
    const db = openDatabase(':memory:');
    db.$client
      .prepare(
        "INSERT INTO knowledge_chunks (id, file, position, title, tags, sources, body) VALUES ('salary/uk', 'salary.md', 0, 'UK salaries', '[]', ?, 'text')",
      )
      .run(JSON.stringify(['Survey A', 'Survey B']));
    const id = createTurnStore(db).store(turn(1, { citedIds: ['gone/chunk', 'salary/uk'] }));
    expect(replyFromTurn(db, id)).toEqual({
      text: 'answer 1',
      citations: [{ id: 'salary/uk', title: 'UK salaries', source: 'Survey A, Survey B' }],
      mode: 'llm',
      model: 'small-model',
      turnId: 1,
    });
    expect(replyFromTurn(db, 99)).toBeUndefined();
  });
});
