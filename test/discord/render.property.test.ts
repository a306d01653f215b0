import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/discord/render.ts';
import { DISCORD_MESSAGE_LIMIT } from '../../src/discord/split.ts';

/** Inputs that once broke the splitter: a fence line too long to repeat (it looped forever), a block left open, emoji cut at an odd limit. */
const EXAMPLES: [string, number][] = [
  [`\`\`\`${'y'.repeat(2100)}\nprint(1)\n\`\`\``, 2000],
  ['```\nthe.', 2000],
  ['😀'.repeat(100), 61],
];
const RUNS = { numRuns: 200, examples: EXAMPLES };

/** Words as members and models write them: plain, accented, CJK, emoji (surrogate pairs), markup, very long. */
const word = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('the', 'model', 'pipeline', 'latency', 'MLOps', 'café', '数据', '🚀', '👩‍💻', 'p99', '**bold**', '`code`', '-', '1.', '#'),
  },
  { weight: 1, arbitrary: fc.constantFrom('@everyone', '@here', '<@123456789012345678>', '<@!42>', '<@&987654321>', '(@everyone)') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => s.replace(/[\s`~]/g, 'x') || 'x') },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2600 }).map((n) => 'w'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 1200 }).map((n) => '😀'.repeat(n)) },
);
const sentence = fc.array(word, { minLength: 1, maxLength: 25 }).map((ws) => `${ws.join(' ')}.`);
const prose = fc.array(sentence, { minLength: 1, maxLength: 15 }).map((ss) => ss.join(' '));
const list = fc.array(sentence, { minLength: 1, maxLength: 20 }).map((ss) => ss.map((s) => `- ${s}`).join('\n'));
const codeLine = fc.oneof(
  fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' ')),
  fc.integer({ min: 0, max: 3000 }).map((n) => 'x'.repeat(n)),
);
const fence = fc.constantFrom('```', '~~~');
const code = fc
  .tuple(fence, fc.constantFrom('', 'python', 'ts', 'sql'), fc.array(codeLine, { maxLength: 40 }), fc.boolean())
  .map(([f, lang, lines, closed]) => [`${f}${lang}`, ...lines, ...(closed ? [f] : [])].join('\n'));
/** A fence whose opening line carries a very long text (a model putting code on the fence line). */
const longOpener = fc.integer({ min: 1900, max: 4200 }).map((n) => `\`\`\`${'y'.repeat(n)}\nprint(1)\n\`\`\``);
const block = fc.oneof({ weight: 4, arbitrary: prose }, { weight: 2, arbitrary: list }, { weight: 2, arbitrary: code }, { weight: 1, arbitrary: longOpener });
const text = fc
  .array(block, { minLength: 1, maxLength: 6 })
  .chain((blocks) =>
    fc
      .array(fc.constantFrom('\n', '\n\n', '\n\n\n'), { minLength: blocks.length, maxLength: blocks.length })
      .map((seps) => blocks.map((b, i) => `${b}${i < blocks.length - 1 ? seps[i] : ''}`).join('')),
  );
const limit = fc.oneof(fc.constant(DISCORD_MESSAGE_LIMIT), fc.integer({ min: 60, max: 2000 }));

/** Half of a character: a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isFenceLine = (line: string) => /^\s*(```|~~~)/.test(line);
/** What a reader sees of a text: its non-whitespace characters, without the fence markers (and language names) a split adds or repeats. */
const readable = (s: string) =>
  s
    .replace(/\u200b/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*(```|~~~)([\w+#.-]{1,20}(?=\s|$))?/, ''))
    .join('\n')
    .replace(/\s+/g, '');
/** Whether every code block a message opens is closed in it: a block opens with ``` or ~~~ and closes on a line of only that fence. */
function fencesBalanced(part: string): boolean {
  let open: string | undefined;
  for (const line of part.split('\n').map((l) => l.trim())) {
    if (open && new RegExp(`^${open[0]}{3,}$`).test(line)) open = undefined;
    else if (!open && isFenceLine(line)) open = line.slice(0, 3);
  }
  return open === undefined;
}

describe('renderReply properties', () => {
  it('never sends a message over the limit, balances code fences, splits no character and loses no content', () => {
    fc.assert(
      fc.property(text, limit, (t, max) => {
        const parts = renderReply({ text: t, citations: [] }, max);
        for (const part of parts) {
          expect(part.content.length).toBeLessThanOrEqual(max);
          expect(fencesBalanced(part.content), part.content).toBe(true);
          expect(part.content).not.toMatch(LONE_SURROGATE);
          expect(part.allowedMentions).toEqual({ parse: [] });
        }
        const shown = parts.map((p) => p.content).join('\n');
        expect(readable(shown)).toBe(readable(t));
        expect(shown).not.toMatch(/@(everyone|here)\b|<@[!&]?\d+>/);
      }),
      RUNS,
    );
  });

  it('shows the real target of every masked link next to its label', () => {
    const label = fc.oneof(
      fc.constantFrom('https://docs.python.org', 'pytorch.org', 'http://evil.example/login'),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[[\]\n]/g, '')),
      fc.constant('docs'),
    );
    // Parentheses and backslashes in a target end it early on Discord too; these targets have none.
    const urlChars = fc.constantFrom(...'abcXYZ019-._~%!$&*+,;=:@/?#'.split(''));
    const target = fc
      .tuple(
        fc.constantFrom('http', 'https', 'HTTPS'),
        fc.constantFrom('evil.example', 'docs.python.org', 'pytorch.org', 'xn--pple-43d.com', '127.0.0.1:8080'),
        fc.string({ unit: urlChars, maxLength: 30 }),
      )
      .map(([scheme, host, rest]) => `${scheme}://${host}/${rest}`);
    const link = fc.tuple(label, target, fc.boolean()).map(([l, url, angled]) => ({ label: l, url, markdown: `[${l}](${angled ? `<${url}>` : url})` }));
    fc.assert(
      fc.property(fc.array(link, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '\n', ' and '), (links, sep) => {
        const shown = renderReply({ text: links.map((l) => l.markdown).join(sep), citations: [] })
          .map((p) => p.content)
          .join('\n');
        expect(shown).not.toMatch(/\]\(\s*<?https?:/);
        for (const l of links) {
          expect(shown).toContain(`<${l.url}>`);
          expect(shown).toContain(l.label.trim());
        }
      }),
      { numRuns: 100 },
    );
  });
});
