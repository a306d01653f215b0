import { LlmFailure } from '../llm/client.ts';

/** The one line that opens an offline answer given in place of a model's, saying why. */
export function modelFallbackNotice(error: unknown): string {
  const reason = error instanceof LlmFailure ? error.reason : 'unavailable';
  if (reason === 'deadline') return 'The language model did not answer in time, so this answer comes straight from the guides.';
  if (reason === 'empty') return 'The language model returned an empty answer, so this one comes straight from the guides.';
  return 'The language model could not be reached just now, so this answer comes straight from the guides.';
}
