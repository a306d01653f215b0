import { z } from 'zod';

/** The parts of a chat-completion body we use; anything else in it is ignored. */
const completionBody = z.object({
  model: z.string().optional(),
  choices: z.array(
    z.object({
      message: z.object({
        content: z.string().nullish(),
        tool_calls: z
          .array(z.object({ type: z.string(), function: z.object({ name: z.string(), arguments: z.string() }).optional() }))
          .nullish(),
      }),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

export type ReadCompletion =
  | {
      kind: 'answer';
      text: string;
      toolCalls: { name: string; argumentsJson: string }[];
      model: string | undefined;
      usage: { promptTokens: number; completionTokens: number };
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
      promptTokens: parsed.data.usage?.prompt_tokens ?? 0,
      completionTokens: parsed.data.usage?.completion_tokens ?? 0,
    },
  };
}
