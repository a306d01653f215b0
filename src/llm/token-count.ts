import type { ChatMessage, ModelReply, TokenUsage, ToolSpec } from './client.ts';

/**
 * About four bytes of UTF-8 per token: OpenAI's rule of thumb for English
 * (four characters a token), and on the safe side for other scripts, whose
 * characters take two to four bytes and often a token each. Only used when an
 * endpoint does not report usage we can trust, so a call is never free.
 */
const BYTES_PER_TOKEN = 4;
/** Each chat message costs a few tokens of framing beyond its text. */
const TOKENS_PER_MESSAGE = 4;
/** No real call uses this many; a larger report is an endpoint's mistake, and SQLite's sum must not overflow. */
const MAX_TOKENS_PER_CALL = 100_000_000;

export function estimateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / BYTES_PER_TOKEN);
}

/** What the request will cost in prompt tokens, before sending it. */
export function estimatePromptTokens(messages: ChatMessage[], tools: ToolSpec[] | undefined): number {
  const text = messages.reduce((sum, m) => sum + TOKENS_PER_MESSAGE + estimateTokens(m.content), 0);
  return text + (tools?.length ? estimateTokens(JSON.stringify(tools)) : 0);
}

function estimateReplyTokens(reply: ModelReply): number {
  return estimateTokens(reply.text) + reply.toolCalls.reduce((sum, c) => sum + estimateTokens(c.name + c.argumentsJson), 0);
}

/**
 * The tokens to charge for a call: the endpoint's counts where they are
 * usable, estimates from the text where not. Zero for text that is not empty
 * is not usable either (it would make the call free). Never negative.
 */
export function chargedUsage(reply: ModelReply, promptEstimate: number): { usage: TokenUsage; estimated: boolean } {
  const completionEstimate = estimateReplyTokens(reply);
  const usable = (count: number | undefined, estimate: number) =>
    typeof count === 'number' && Number.isFinite(count) && count >= 0 && (count > 0 || estimate === 0);
  const prompt = usable(reply.usage.promptTokens, promptEstimate);
  const completion = usable(reply.usage.completionTokens, completionEstimate);
  const charge = (count: number) => Math.min(MAX_TOKENS_PER_CALL, Math.ceil(count));
  return {
    usage: {
      promptTokens: charge(prompt ? (reply.usage.promptTokens as number) : promptEstimate),
      completionTokens: charge(completion ? (reply.usage.completionTokens as number) : completionEstimate),
    },
    estimated: !prompt || !completion,
  };
}
