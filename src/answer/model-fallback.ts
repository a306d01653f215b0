import { countModelFallback } from '../core/metrics.ts';
import { LlmFailure } from '../llm/client.ts';
import { budgetSpentNotice, ModelBudgetSpent } from '../llm/metered.ts';

/** The one line that opens an offline answer given in place of a model's, saying why. */
export function modelFallbackNotice(error: unknown): string {
  // Called exactly when an answer falls back, so it is where fallbacks are counted.
  countModelFallback();
  if (error instanceof ModelBudgetSpent) return budgetSpentNotice(error.dailyTokens, 'this answer comes straight from the guides');
  const reason = error instanceof LlmFailure ? error.reason : 'unavailable';
  if (reason === 'deadline') return 'The language model did not answer in time, so this answer comes straight from the guides.';
  if (reason === 'empty') return 'The language model returned an empty answer, so this one comes straight from the guides.';
  return 'The language model could not be reached just now, so this answer comes straight from the guides.';
}
