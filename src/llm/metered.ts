import { UserFacingError } from '../core/errors.ts';
import { countModelError } from '../core/metrics.ts';
import type { Db } from '../db/client.ts';
import { type ChatMessage, type Completion, type Llm, LlmFailure, type ModelReply, type ToolSpec } from './client.ts';
import { createModelCallStore, type ModelPurpose } from './model-calls.ts';
import { chargedUsage, estimatePromptTokens } from './token-count.ts';

export type { ModelPurpose };

/** Whose call it is and which command makes it; every model call names both. */
export type ModelCaller = { memberId: string; purpose: ModelPurpose };

/**
 * The only way the core reaches a language model. Every call, from every
 * command, counts against the member's per-minute limit and daily token
 * budget, and is stored with the tokens it used (`model_calls`).
 */
export interface MeteredLlm {
  readonly model: string;
  /**
   * Rejects with ModelRateLimited (nothing sent, nothing stored: show its
   * message), with an LlmFailure of reason `budget` (nothing sent: answer
   * offline and say so), or with the endpoint's LlmFailure.
   */
  complete(caller: ModelCaller, messages: ChatMessage[], options?: { tools?: ToolSpec[] }): Promise<Completion>;
}

export type MeterLimits = { messagesPerMinute: number; dailyTokens: number };

/** Past the per-minute limit: a polite refusal that says when to try again. */
export class ModelRateLimited extends UserFacingError {
  constructor(
    readonly limit: number,
    readonly retryInSeconds: number,
  ) {
    super(
      `You are asking faster than I can coach: the limit is ${limit} requests a minute that use the language model (questions, interview framing and scoring, CV rewrites and summaries). Try again in ${retryInSeconds} second${retryInSeconds === 1 ? '' : 's'}.`,
    );
    this.name = 'ModelRateLimited';
  }
}

/** The member's tokens for today are spent; the command answers with its offline version. */
export class ModelBudgetSpent extends LlmFailure {
  constructor(readonly dailyTokens: number) {
    super('budget', `the daily budget of ${dailyTokens} tokens is spent`);
    this.name = 'ModelBudgetSpent';
  }
}

/** The line that opens an offline reply given because the budget is spent; `instead` says what the member gets. */
export function budgetSpentNotice(dailyTokens: number, instead: string): string {
  return `You have used today's model budget (${dailyTokens.toLocaleString('en-GB')} tokens), so ${instead}. It resets at 00:00 UTC.`;
}

export function createMeteredLlm(deps: { llm: Llm; db: Db; limits: MeterLimits; now: () => number }): MeteredLlm {
  const calls = createModelCallStore(deps.db);
  const { llm, limits } = deps;
  return {
    model: llm.model,
    async complete(caller, messages, options) {
      const now = deps.now();
      const promptEstimate = estimatePromptTokens(messages, options?.tools);
      const admission = calls.admit({
        ...caller,
        model: llm.model,
        promptEstimate,
        now,
        limits: { perMinute: limits.messagesPerMinute, dailyTokens: limits.dailyTokens },
      });
      if (admission.kind === 'rate-limited') {
        throw new ModelRateLimited(limits.messagesPerMinute, Math.max(1, Math.ceil((admission.retryAt - now) / 1000)));
      }
      if (admission.kind === 'budget-spent') throw new ModelBudgetSpent(limits.dailyTokens);
      let reply: ModelReply;
      try {
        reply = await llm.complete(messages, options);
      } catch (error) {
        calls.fail(admission.callId);
        countModelError();
        throw error;
      }
      const { usage, estimated } = chargedUsage(reply, promptEstimate);
      calls.settle(admission.callId, usage, estimated);
      return { ...reply, usage };
    },
  };
}
