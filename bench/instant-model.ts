// A model that answers at once, so what is timed is the core's own work. It keeps the prompts it was sent, for
// counting tokens afterwards with a real tokenizer (outside any timing).
import type { ChatMessage, Llm } from '../src/llm/client.ts';

export type InstantModel = Llm & { sent: ChatMessage[][] };

/** Excerpts start a line with `[file/heading]`; the system prompt's example id does not. */
const EXCERPT_ID = /^\[([a-z0-9][a-z0-9-]*\/[a-z0-9-]+)\] /m;

/** Answers citing the first excerpt it was given, as a well-behaved model would. */
export function instantModel(): InstantModel {
  const sent: ChatMessage[][] = [];
  return {
    model: 'instant',
    sent,
    async complete(messages) {
      sent.push(messages);
      const id = EXCERPT_ID.exec(messages.at(-1)?.content ?? '')?.[1];
      const chars = messages.reduce((n, m) => n + m.content.length, 0);
      return {
        text: `Most of what you need carries over from backend work; start with the evaluation basics${id ? ` [${id}]` : ''}.`,
        model: 'instant',
        toolCalls: [],
        // Rough figures for the stored turn; the benchmark counts real tokens separately.
        usage: { promptTokens: Math.ceil(chars / 4), completionTokens: 20 },
      };
    },
  };
}
