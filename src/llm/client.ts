import OpenAI from 'openai';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type Completion = {
  text: string;
  model: string;
  usage: { promptTokens: number; completionTokens: number };
};

/** What the core needs from a language model; the OpenAI SDK is one implementation. */
export interface Llm {
  readonly model: string;
  /** Rejects when the endpoint fails or the deadline passes; callers fall back to offline answers. */
  complete(messages: ChatMessage[]): Promise<Completion>;
}

export type LlmConfig = { apiKey: string; baseURL: string | undefined; model: string; timeoutMs: number };

/**
 * Any OpenAI-compatible endpoint. The SDK retries 429s and 5xx with backoff;
 * one deadline covers the attempts together so a member never waits longer
 * than the configured timeout.
 */
export function createOpenAiLlm(config: LlmConfig): Llm {
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    timeout: config.timeoutMs,
    maxRetries: 2,
  });
  return {
    model: config.model,
    async complete(messages) {
      const response = await client.chat.completions.create(
        { model: config.model, messages, temperature: 0.2, max_tokens: 700 },
        { signal: AbortSignal.timeout(config.timeoutMs) },
      );
      const text = response.choices[0]?.message?.content?.trim();
      if (!text) throw new Error('the model returned no text');
      return {
        text,
        model: response.model || config.model,
        usage: {
          promptTokens: response.usage?.prompt_tokens ?? 0,
          completionTokens: response.usage?.completion_tokens ?? 0,
        },
      };
    },
  };
}
