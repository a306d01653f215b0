import OpenAI from 'openai';
import { type Llm, type LlmConfig, LlmFailure } from './client.ts';
import { readCompletion } from './read-completion.ts';
import { backoffMs, DEFAULT_RETRY_BASE_MS, isRetryable, MAX_RETRIES, requestedDelayMs, sleep } from './retry.ts';

type Attempt = { body: unknown } | { error: unknown };

/**
 * Any OpenAI-compatible endpoint. Retries are ours, not the SDK's, so one
 * deadline bounds everything: the SDK would sleep through a long Retry-After
 * even after the deadline passed. Up to two retries for rate limits, server
 * errors, dropped connections and unreadable bodies; a Retry-After that ends
 * past the deadline answers offline at once instead of waiting for nothing.
 */
export function openAiEndpoint(config: LlmConfig): Llm {
  const client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, timeout: config.timeoutMs, maxRetries: 0 });
  const retryBaseMs = config.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  return {
    model: config.model,
    async complete(messages, options) {
      const startedAt = Date.now();
      const deadline = AbortSignal.timeout(config.timeoutMs);
      const remainingMs = () => config.timeoutMs - (Date.now() - startedAt);
      const tools = options?.tools?.length ? { tools: options.tools } : {};
      const attempt = (): Promise<Attempt> =>
        client.chat.completions
          .create(
            { model: config.model, messages, temperature: 0.2, max_tokens: 700, ...tools },
            { signal: deadline, timeout: Math.max(1, remainingMs()), maxRetries: 0 },
          )
          .then(
            (body: unknown) => ({ body }),
            (error: unknown) => ({ error }),
          );

      for (let retry = 0; ; retry++) {
        const result = await attempt();
        let error: unknown;
        if ('body' in result) {
          const read = readCompletion(result.body, 'tools' in tools);
          if (read.kind === 'answer') return { text: read.text, toolCalls: read.toolCalls, model: read.model ?? config.model, usage: read.usage };
          if (read.kind === 'empty') throw new LlmFailure('empty', 'the model returned no text');
          error = new Error(`the response is not a chat completion: ${read.issue}`);
        } else error = result.error;

        if (deadline.aborted) throw new LlmFailure('deadline', `no answer within ${config.timeoutMs} ms`, { cause: error });
        if (retry >= MAX_RETRIES || !isRetryable(error)) throw new LlmFailure('unavailable', messageOf(error), { cause: error });
        const waitMs = requestedDelayMs(error) ?? backoffMs(retry, retryBaseMs);
        if (waitMs >= remainingMs()) {
          throw new LlmFailure('deadline', `asked to wait ${Math.round(waitMs)} ms, past the deadline`, { cause: error });
        }
        await sleep(waitMs, deadline);
      }
    },
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
