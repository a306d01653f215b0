import { z } from 'zod';

/** The parts of a chat-completion body we use; anything else in it is ignored. */
const completionBody = z.object({
  model: z.string().optional(),
  choices: z.array(
    z.object({
      message: z.object({
        content: z.string().nullish(),
        tool_calls: z.array(z.object({ type: z.string(), function: z.object({ name: z.string(), arguments: z.string() }).optional() })).nullish(),
      }),
    }),
  ),
  // Read leniently: a usage block in an odd shape is no reason to discard the answer; the gateway estimates instead.
  usage: z.unknown().optional(),
});

/** A reported token count, if it is one: a finite number, not negative. */
function tokenCount(usage: unknown, key: string): number | undefined {
  const value = typeof usage === 'object' && usage !== null ? (usage as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export type ReadCompletion =
  | {
      kind: 'answer';
      text: string;
      toolCalls: { name: string; argumentsJson: string }[];
      model: string | undefined;
      /** As reported; a count that is missing or not a non-negative number is undefined. */
      usage: { promptTokens: number | undefined; completionTokens: number | undefined };
    }
  /** A well-formed reply that says nothing: no choices, or a choice with neither text nor a call. */
  | { kind: 'empty' }
  /** Not a chat completion at all (a proxy's page, another API's shape). */
  | { kind: 'malformed'; issue: string };

/** Tool calls count only when tools were offered: a call nobody asked for is no answer. */
export function readCompletion(body: unknown, toolsOffered: boolean): ReadCompletion {
  const parsed = completionBody.safeParse(body);
  if (!parsed.success) return { kind: 'malformed', issue: parsed.error.issues[0]?.message ?? 'unexpected shape' };
  const message = parsed.data.choices[0]?.message;
  const text = message?.content?.trim() ?? '';
  const toolCalls = (toolsOffered ? (message?.tool_calls ?? []) : []).flatMap((call) =>
    call.type === 'function' && call.function ? [{ name: call.function.name, argumentsJson: call.function.arguments }] : [],
  );
  if (!text && toolCalls.length === 0) return { kind: 'empty' };
  return {
    kind: 'answer',
    text,
    toolCalls,
    model: parsed.data.model || undefined,
    usage: {
      promptTokens: tokenCount(parsed.data.usage, 'prompt_tokens'),
      completionTokens: tokenCount(parsed.data.usage, 'completion_tokens'),
    },
  };
}
