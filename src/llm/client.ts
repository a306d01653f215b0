import OpenAI from 'openai';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type ToolCall = { name: string; argumentsJson: string };

export type ToolSpec = {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
};

export type Completion = {
  text: string;
  toolCalls: ToolCall[];
  model: string;
  usage: { promptTokens: number; completionTokens: number };
};

/** What the core needs from a language model; the OpenAI SDK is one implementation. */
export interface Llm {
  readonly model: string;
  /** Rejects when the endpoint fails or the deadline passes; callers fall back to offline answers. */
  complete(messages: ChatMessage[], options?: { tools?: ToolSpec[] }): Promise<Completion>;
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
    async complete(messages, options) {
      const tools = options?.tools?.length ? { tools: options.tools } : {};
      const response = await client.chat.completions.create(
        { model: config.model, messages, temperature: 0.2, max_tokens: 700, ...tools },
        { signal: AbortSignal.timeout(config.timeoutMs) },
      );
      const message = response.choices[0]?.message;
      const text = message?.content?.trim() ?? '';
      const toolCalls = (message?.tool_calls ?? []).flatMap((call) =>
        call.type === 'function' ? [{ name: call.function.name, argumentsJson: call.function.arguments }] : [],
      );
      if (!text && toolCalls.length === 0) throw new Error('the model returned no text');
      return {
        text,
        toolCalls,
        model: response.model || config.model,
        usage: {
          promptTokens: response.usage?.prompt_tokens ?? 0,
          completionTokens: response.usage?.completion_tokens ?? 0,
        },
      };
    },
  };
}
