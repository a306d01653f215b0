import { and, eq, gt, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { modelCalls } from '../db/schema.ts';
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
  const t = modelCalls;
  const recentTimes = db
    .select({ createdAt: t.createdAt })
    .from(t)
    .where(and(eq(t.memberId, sql.placeholder('memberId')), gt(t.createdAt, sql.placeholder('since'))))
    .orderBy(t.createdAt)
    .prepare();
  const tokens = db
    .select({ used: sql<number>`coalesce(sum(${t.promptTokens} + ${t.completionTokens}), 0)` })
    .from(t)
    .where(and(eq(t.memberId, sql.placeholder('memberId')), gte(t.createdAt, sql.placeholder('since'))))
    .prepare();
  const insert = db
    .insert(t)
    .values({
      memberId: sql.placeholder('memberId'),
      purpose: sql.placeholder('purpose'),
      model: sql.placeholder('model'),
      status: 'pending',
      promptTokens: sql.placeholder('promptTokens'),
      completionTokens: 0,
      estimated: true,
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();

  const admit = db.$client.transaction((call: Parameters<ModelCallStore['admit']>[0]): Admission => {
    const times = recentTimes.all({ memberId: call.memberId, since: call.now - MINUTE_MS }).map((r) => r.createdAt.getTime());
    if (times.length >= call.limits.perMinute) {
      const oldest = times[times.length - call.limits.perMinute] ?? call.now;
      return { kind: 'rate-limited', retryAt: oldest + MINUTE_MS };
    }
    const dayStart = new Date(call.now).setUTCHours(0, 0, 0, 0);
    if ((tokens.get({ memberId: call.memberId, since: dayStart })?.used ?? 0) >= call.limits.dailyTokens) return { kind: 'budget-spent' };
    const { lastInsertRowid } = insert.run({
      memberId: call.memberId,
      purpose: call.purpose,
      model: call.model,
      promptTokens: call.promptEstimate,
      createdAt: new Date(call.now),
    });
    return { kind: 'admitted', callId: Number(lastInsertRowid) };
  });

  return {
    admit: (call) => admit(call),
    settle: (callId, usage, estimated) =>
      void db
        .update(t)
        .set({ status: 'answered', promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, estimated })
        .where(eq(t.id, callId))
        .run(),
    fail: (callId) => void db.update(t).set({ status: 'failed' }).where(eq(t.id, callId)).run(),
  };
}
