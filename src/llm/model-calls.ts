import type { Db } from '../db/client.ts';
import type { TokenUsage } from './client.ts';

export type ModelPurpose = 'answer' | 'interview-frame' | 'practice-score' | 'resume-rewrite' | 'resume-summary';

export type Admission =
  | { kind: 'admitted'; callId: number }
  /** The per-minute limit is reached; the oldest call in the window leaves it at `retryAt`. */
  | { kind: 'rate-limited'; retryAt: number }
  | { kind: 'budget-spent' };

export type ModelCallStore = {
  /**
   * Checks both limits and, when they allow it, records the call as pending
   * with its estimated prompt tokens, in one transaction: two calls at once
   * cannot both take the last place.
   */
  admit(call: {
    memberId: string;
    purpose: ModelPurpose;
    model: string;
    promptEstimate: number;
    now: number;
    limits: { perMinute: number; dailyTokens: number };
  }): Admission;
  /** The tokens the call used, once it answered. */
  settle(callId: number, usage: TokenUsage, estimated: boolean): void;
  /** The call gave no answer; it keeps its place and its estimated prompt tokens (the endpoint may have billed them). */
  fail(callId: number): void;
};

const MINUTE_MS = 60_000;

export function createModelCallStore(db: Db): ModelCallStore {
  const sqlite = db.$client;
  const recentTimes = sqlite.prepare('SELECT created_at FROM model_calls WHERE member_id = ? AND created_at > ? ORDER BY created_at').pluck();
  const tokens = sqlite.prepare('SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM model_calls WHERE member_id = ? AND created_at >= ?').pluck();
  const insert = sqlite.prepare(
    `INSERT INTO model_calls (member_id, purpose, model, status, prompt_tokens, completion_tokens, estimated, created_at)
     VALUES (?, ?, ?, 'pending', ?, 0, 1, ?)`,
  );
  const settle = sqlite.prepare("UPDATE model_calls SET status = 'answered', prompt_tokens = ?, completion_tokens = ?, estimated = ? WHERE id = ?");
  const fail = sqlite.prepare("UPDATE model_calls SET status = 'failed' WHERE id = ?");

  const admit = sqlite.transaction((call: Parameters<ModelCallStore['admit']>[0]): Admission => {
    const times = recentTimes.all(call.memberId, call.now - MINUTE_MS) as number[];
    if (times.length >= call.limits.perMinute) {
      const oldest = times[times.length - call.limits.perMinute] ?? call.now;
      return { kind: 'rate-limited', retryAt: oldest + MINUTE_MS };
    }
    const dayStart = new Date(call.now).setUTCHours(0, 0, 0, 0);
    if ((tokens.get(call.memberId, dayStart) as number) >= call.limits.dailyTokens) return { kind: 'budget-spent' };
    const { lastInsertRowid } = insert.run(call.memberId, call.purpose, call.model, call.promptEstimate, call.now);
    return { kind: 'admitted', callId: Number(lastInsertRowid) };
  });

  return {
    admit: (call) => admit(call),
    settle: (callId, usage, estimated) => void settle.run(usage.promptTokens, usage.completionTokens, estimated ? 1 : 0, callId),
    fail: (callId) => void fail.run(callId),
  };
}
