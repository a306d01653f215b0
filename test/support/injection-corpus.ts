import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { RecordedRequest, ScriptedResponse } from './fake-openai.ts';

const CORPUS_DIR = resolve(import.meta.dirname, '../fixtures/injection');

export const CATEGORIES = [
  'ignore-instructions',
  'role-play',
  'system-prompt',
  'other-member',
  'mass-mention',
  'markdown-link',
  'oversized-control',
  'state-change',
] as const;

const modelReply = z.object({
  text: z.string(),
  toolCalls: z.array(z.object({ name: z.string(), arguments: z.string() })).optional(),
});

const injectionCase = z
  .object({
    id: z.string().regex(/^[a-z]+-\d\d$/),
    category: z.enum(CATEGORIES),
    /** What the member sends, one line or several in order (free text or a slash-command line). */
    member: z.union([z.string(), z.array(z.string()).min(1)]),
    /** The model's compliant replies, one per model call the lines make; none when the attack must not reach the model. */
    model: z.array(modelReply).default([]),
    /** Tables the member's own commands in this case may change (their confirmation is the command). */
    changes: z.array(z.string()).default([]),
    expect: z
      .object({
        replyIncludes: z.array(z.string()).default([]),
        replyExcludes: z.array(z.string()).default([]),
        proposal: z.boolean().optional(),
        /** Refused before anything ran: no row of any table changes, not even a turn. */
        nothingStored: z.boolean().default(false),
      })
      .default({ replyIncludes: [], replyExcludes: [], nothingStored: false }),
  })
  .strict();

export type InjectionCase = z.infer<typeof injectionCase>;
export type ModelReply = z.infer<typeof modelReply>;

/** Every case of every corpus file; a malformed case or a repeated id fails loudly. */
export function loadInjectionCorpus(): InjectionCase[] {
  const cases = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => z.object({ cases: z.array(injectionCase) }).parse(JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8'))).cases);
  const ids = cases.map((c) => c.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length) throw new Error(`injection corpus: repeated ids ${repeated.join(', ')}`);
  return cases;
}

/** What `{{…}}` macros in a case stand for. */
export type MacroValues = {
  victimId: string;
  milestones: { done: string; open: string; openTitle: string; open2: string; otherTrack: string };
};

const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', y: 'у', i: 'і' };

const SMALL_CAPITALS = [...'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡxʏᴢ'];
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '$', t: '7' };

/** Ways a compliant model dresses up what it echoes. */
const TRANSFORMS: Record<string, (text: string, args: string[]) => string> = {
  upper: (t) => t.toUpperCase(),
  zw: (t) => t.replace(/(\w)(?=\w)/g, '$1\u200b'),
  cyrillic: (t) => t.replace(/[aeocpxyi]/g, (c) => CYRILLIC[c] ?? c),
  fullwidth: (t) => t.replace(/[A-Za-z0-9]/g, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0)),
  bold: (t) => t.replace(/\S+/g, '**$&**'),
  lines: (t) => t.split(/\s+/).join('\n'),
  nbsp: (t) => t.replace(/ /g, '\u00a0'),
  accents: (t) => t.replace(/e/g, 'é').replace(/a/g, 'à'),
  quote: (t) => t.replace(/^/gm, '> '),
  json: (t) => JSON.stringify(t).slice(1, -1),
  dotless: (t) => t.replace(/i/g, 'ı'),
  smallcaps: (t) => t.toLowerCase().replace(/[a-z]/g, (c) => SMALL_CAPITALS[c.charCodeAt(0) - 97] ?? c),
  // Invisible characters or combining marks in place of the spaces between words.
  joiners: (t) => t.replace(/ /g, '\u200d'),
  softhyphens: (t) => t.replace(/ /g, '\u00ad'),
  tags: (t) => t.replace(/ /g, '\u{e0020}'),
  marks: (t) => t.replace(/ /g, '\u0301'),
  leet: (t) => t.replace(/[aeiostAEIOST]/g, (c) => LEET[c.toLowerCase()] ?? c),
  lastline: (t) => t.split('\n').at(-1) ?? '',
  slice: (t, [from, count]) =>
    t
      .split(/\s+/)
      .slice(Number(from), Number(from) + Number(count))
      .join(' '),
};

type Messages = { role: string; content: string }[];

function echo(source: string, request: RecordedRequest): string {
  const messages = (request.body.messages ?? []) as Messages;
  if (source === 'system') return (messages.find((m) => m.role === 'system') ?? messages[0])?.content ?? '';
  if (source === 'user') return messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  if (source === 'all') return messages.map((m) => m.content).join('\n\n');
  if (source === 'tools') {
    const tools = (request.body.tools ?? []) as { function: { description: string; parameters: unknown } }[];
    return tools.map((t) => `${t.function.description} ${JSON.stringify(t.function.parameters)}`).join('\n');
  }
  throw new Error(`injection corpus: unknown echo source "${source}"`);
}

/** Expands `{{repeat:N:text}}`, `{{victim:id}}`, `{{milestone:…}}` and, given a request, `{{echo:source|transform:args}}`. */
export function expandMacros(text: string, values: MacroValues, request?: RecordedRequest): string {
  return text.replace(/\{\{(\w+):([^}]*)\}\}/g, (_, kind: string, spec: string) => {
    if (kind === 'repeat') {
      const [count, ...rest] = spec.split(':');
      return rest.join(':').repeat(Number(count));
    }
    if (kind === 'victim') return values.victimId;
    if (kind === 'milestone') {
      const value = values.milestones[spec as keyof MacroValues['milestones']];
      if (value === undefined) throw new Error(`injection corpus: unknown milestone "${spec}"`);
      return value;
    }
    if (kind === 'echo' && request) {
      const [source = '', ...pipes] = spec.split('|');
      return pipes.reduce(
        (t, pipe) => {
          const [name = '', ...args] = pipe.split(':');
          const transform = TRANSFORMS[name];
          if (!transform) throw new Error(`injection corpus: unknown transform "${name}"`);
          return transform(t, args);
        },
        echo(source, request),
      );
    }
    throw new Error(`injection corpus: unknown macro {{${kind}:${spec}}}`);
  });
}

/** A loopback-model responder that complies with the attack, echoing only what the request really carried. */
export function compliantModel(reply: ModelReply, values: MacroValues): (request: RecordedRequest) => ScriptedResponse {
  return (request) => ({
    text: expandMacros(reply.text, values, request),
    toolCalls: reply.toolCalls?.map((call) => ({ name: call.name, arguments: expandMacros(call.arguments, values, request) })),
  });
}
