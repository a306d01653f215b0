import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCommandLine } from '../../src/commands/parse-line.ts';
import { type CommandDefinition, createRegistry } from '../../src/commands/registry.ts';
import { UserFacingError } from '../../src/core/errors.ts';

const noop = async () => ({ text: '', citations: [] });
const profile: CommandDefinition = {
  name: 'profile',
  description: 'Your profile',
  subcommands: {
    set: {
      description: 'Change fields',
      options: {
        role: { description: 'Current role', schema: z.string().max(60).optional() },
        years: { description: 'Years', schema: z.coerce.number().int().min(0).max(50).optional() },
        track: { description: 'Track', schema: z.enum(['ml-platform', 'applied-ml']).optional() },
      },
      run: noop,
    },
    show: { description: 'Show it', options: {}, run: noop },
  },
};
const ask: CommandDefinition = {
  name: 'ask',
  description: 'Ask',
  action: { description: 'Ask', options: { question: { description: 'q', schema: z.string() } }, run: noop },
};
const registry = createRegistry([profile, ask]);

describe('parseCommandLine', () => {
  it('reads subcommands, bare values and quoted values with spaces', () => {
    const parsed = parseCommandLine(registry, '/profile set years:6 track:ml-platform role:"Backend engineer"');
    expect(parsed.subcommand).toBe('set');
    expect(parsed.options).toEqual({ years: 6, track: 'ml-platform', role: 'Backend engineer' });
  });

  it('fills the only option of a command from bare words', () => {
    expect(parseCommandLine(registry, '/ask how long does it take?').options).toEqual({ question: 'how long does it take?' });
    expect(parseCommandLine(registry, '/ask question:"why: because"').options).toEqual({ question: 'why: because' });
  });

  it('names the field and the allowed values when a value is bad', () => {
    expect(() => parseCommandLine(registry, '/profile set years:-3')).toThrow(/years:.*\(got "-3"\)/);
    expect(() => parseCommandLine(registry, '/profile set years:abc track:unknown')).toThrow(/years:[\s\S]*track:.*ml-platform/);
  });

  it('explains unknown commands, missing subcommands and stray words', () => {
    expect(() => parseCommandLine(registry, '/nope')).toThrow(/no command \/nope.*\/profile, \/ask/);
    expect(() => parseCommandLine(registry, '/profile')).toThrow(/needs one of: set, show/);
    expect(() => parseCommandLine(registry, '/profile set colour:blue')).toThrow(UserFacingError);
    expect(() => parseCommandLine(registry, '/ask')).toThrow(/question: required/);
  });

  it('reads names an object inherits ("__proto__", "constructor") as unknown, not as a subcommand or an option', () => {
    for (const line of ['/profile __proto__', '/profile constructor', '/profile toString', '/profile set constructor:x'])
      expect(() => parseCommandLine(registry, line), line).toThrow(UserFacingError);
    expect(parseCommandLine(registry, '/ask constructor:x').options).toEqual({ question: 'constructor:x' });
  });
});
