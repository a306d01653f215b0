import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { createModelCallStore } from '../../src/llm/model-calls.ts';

const DAY = Date.UTC(2026, 10, 23);

describe('the record of model calls', () => {
  it('stores a call as pending with its estimate, then settled or failed; counts the minute and the day from the rows', () => {
    const db = openDatabase(':memory:');
    const store = createModelCallStore(db);
    const limits = { perMinute: 2, dailyTokens: 1000 };
    const call = (now: number, promptEstimate = 100, memberId = 'ana') =>
      store.admit({ memberId, purpose: 'answer', model: 'small', promptEstimate, now, limits });
    expect(call(DAY + 1000)).toEqual({ kind: 'admitted', callId: 1 });
    expect(call(DAY + 2000)).toEqual({ kind: 'admitted', callId: 2 });
    expect(call(DAY + 3000)).toEqual({ kind: 'rate-limited', retryAt: DAY + 61_000 });
    expect(call(DAY + 3000, 100, 'bo')).toEqual({ kind: 'admitted', callId: 3 });
    store.settle(1, { promptTokens: 300, completionTokens: 450 }, false);
    store.fail(2);
    expect(db.$client.prepare('SELECT * FROM model_calls ORDER BY id').all()).toEqual([
      {
        id: 1,
        member_id: 'ana',
        purpose: 'answer',
        model: 'small',
        status: 'answered',
        prompt_tokens: 300,
        completion_tokens: 450,
        estimated: 0,
        created_at: DAY + 1000,
      },
      {
        id: 2,
        member_id: 'ana',
        purpose: 'answer',
        model: 'small',
        status: 'failed',
        prompt_tokens: 100,
        completion_tokens: 0,
        estimated: 1,
        created_at: DAY + 2000,
      },
      {
        id: 3,
        member_id: 'bo',
        purpose: 'answer',
        model: 'small',
        status: 'pending',
        prompt_tokens: 100,
        completion_tokens: 0,
        estimated: 1,
        created_at: DAY + 3000,
      },
    ]);
    // 850 tokens today: one more call fits, then the budget is spent until the next UTC day.
    expect(call(DAY + 120_000, 200)).toEqual({ kind: 'admitted', callId: 4 });
    expect(call(DAY + 180_000)).toEqual({ kind: 'budget-spent' });
    expect(call(DAY + 86_400_000)).toEqual({ kind: 'admitted', callId: 5 });
  });
});
