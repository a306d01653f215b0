import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCommandRegistry } from '../../src/commands/index.ts';
import { parseCommandLine } from '../../src/commands/parse-line.ts';
import { type CommandDefinition, createRegistry } from '../../src/commands/registry.ts';
import { UserFacingError } from '../../src/core/errors.ts';

const RUNS = { numRuns: 300 };

const noop = async () => ({ text: '', citations: [] });
const text = (required: boolean) => ({ description: 'text', schema: required ? z.string() : z.string().optional() });
const note: CommandDefinition = {
  name: 'note',
  description: 'Notes',
  subcommands: {
    add: { description: 'Add', options: { title: text(true), body: text(false), tag: text(false) }, run: noop },
    show: { description: 'Show', options: {}, run: noop },
  },
};
const say: CommandDefinition = { name: 'say', description: 'Say', action: { description: 'Say', options: { words: text(true) }, run: noop } };
const registry = createRegistry([note, say]);

/** A value as a member would type it: quoted (quotes and backslashes escaped), or bare when it has no spaces and does not start with a quote. */
function typed(value: string, quote: boolean): string {
  const bare = value !== '' && !/\s/.test(value) && !/^["“”]/.test(value);
  return quote || !bare ? `"${value.replace(/[\\"]/g, '\\$&')}"` : value;
}

const randomCase = (word: string, flips: boolean[]) => [...word].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join('');

/** Values with the characters that trip parsers: quotes of every kind, backslashes, colons, unicode, spaces at the ends. */
const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(fc.constantFrom('"', '“', '”', '\\', ':', 'title:', ' ', 'é', '数据', '🚀', 'a', 'b', '\t', "'"), { maxLength: 12 }).map((cs) => cs.join('')),
);

describe('parseCommandLine properties', () => {
  it('reads back every option value it is given, whatever the quoting, order and case', () => {
    const options = fc.record({ title: value, body: fc.option(value, { nil: undefined }), tag: fc.option(value, { nil: undefined }) });
    fc.assert(
      fc.property(options, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.boolean(), (opts, flips, reverse) => {
        fc.pre(opts.title.trim() !== '');
        const given = Object.entries(opts).filter((e): e is [string, string] => e[1] !== undefined);
        const parts = given.map(([k, v], i) => `${randomCase(k, flips)}:${typed(v, flips[i % flips.length] ?? false)}`);
        const line = `/${randomCase('note', flips)} ${randomCase('add', flips)} ${(reverse ? parts.reverse() : parts).join(' ')}`;
        const expected = Object.fromEntries(given.filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
        expect(parseCommandLine(registry, line).options).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('fills a command’s only option from bare words, as typed', () => {
    const words = fc.array(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((w) => !/[\s"“”\\]/.test(w)),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(words, (ws) => {
        expect(parseCommandLine(registry, `/say ${ws.join(' ')}`).options).toEqual({ words: ws.join(' ') });
      }),
      RUNS,
    );
  });

  it('throws nothing but a UserFacingError on any line, against the real commands', () => {
    const real = buildCommandRegistry();
    const names = [...real.keys()];
    const line = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `/${s}`),
      fc
        .tuple(
          fc.constantFrom(...names),
          fc.array(
            fc.oneof(
              fc.string({ unit: 'grapheme', maxLength: 20 }),
              value.map((v) => `item:"${v}"`),
              value.map((v) => `set role:${v}`),
            ),
            { maxLength: 5 },
          ),
        )
        .map(([name, rest]) => `/${name} ${rest.join(' ')}`),
    );
    fc.assert(
      fc.property(line, (l) => {
        try {
          parseCommandLine(real, l);
        } catch (error) {
          expect(error).toBeInstanceOf(UserFacingError);
        }
      }),
      RUNS,
    );
  });

  it('quotes typed text back briefly: a huge value never makes a huge reply', () => {
    const real = buildCommandRegistry();
    const huge = fc
      .tuple(fc.constantFrom('x', 'ab ', '数据', '😀'), fc.integer({ min: 500, max: 30_000 }))
      .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
    const line = fc.tuple(
      huge,
      fc.constantFrom('/{}', '/profile set role:"{}"', '/profile set {}:x', '/done item:"{}"', '/group join name:"{}"', '/profile {}', '/checkin on day:{}'),
    );
    fc.assert(
      fc.property(line, ([value, template]) => {
        try {
          parseCommandLine(real, template.replace('{}', value));
        } catch (error) {
          expect(error).toBeInstanceOf(UserFacingError);
          expect((error as Error).message.length).toBeLessThan(1000);
        }
      }),
      { numRuns: 60 },
    );
  });
});
