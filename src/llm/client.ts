export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type ToolCall = { name: string; argumentsJson: string };

export type ToolSpec = {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
};

export type TokenUsage = { promptTokens: number; completionTokens: number };

/** A model's answer with the tokens it used, as the metered gateway (`metered.ts`) hands it to commands. */
export type Completion = {
  text: string;
  toolCalls: ToolCall[];
  model: string;
  usage: TokenUsage;
};

/**
 * What an endpoint answered. Usage is as reported: a count the endpoint left
 * out, or sent as something other than a non-negative number, is undefined.
 */
export type ModelReply = Omit<Completion, 'usage'> & { usage: Partial<TokenUsage> };

/**
 * Why a model call gave no usable answer: the deadline passed (or the server
 * asked us to wait past it), the endpoint kept failing, or it answered with
 * nothing; or (from the metered gateway) the member's daily token budget is
 * spent. Callers answer offline and can say which.
 */
export type LlmFailureReason = 'deadline' | 'unavailable' | 'empty' | 'budget';

export class LlmFailure extends Error {
  constructor(
    readonly reason: LlmFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmFailure';
  }
}

/**
 * A language model endpoint; the OpenAI SDK is one implementation. Commands
 * never hold one: they get the metered gateway (`metered.ts`) that wraps it.
 */
export interface Llm {
  readonly model: string;
  /** Rejects (with an LlmFailure from this implementation) when no usable answer came before the deadline. */
  complete(messages: ChatMessage[], options?: { tools?: ToolSpec[] }): Promise<ModelReply>;
}

export type LlmConfig = {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  timeoutMs: number;
  /** First backoff between attempts when the server names none; tests shorten it. */
  retryBaseMs?: number;
};

/**
 * Any OpenAI-compatible endpoint (see openai.ts). The SDK is loaded on the first call, not at start: an app without
 * a key never needs it, and one with a key is ready sooner.
 */
export function createOpenAiLlm(config: LlmConfig): Llm {
  let endpoint: Promise<Llm> | undefined;
  return {
    model: config.model,
    async complete(messages, options) {
      endpoint ??= import('./openai.ts').then(({ openAiEndpoint }) => openAiEndpoint(config));
      return (await endpoint).complete(messages, options);
    },
  };
}
