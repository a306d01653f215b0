import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAction, isRequired, type OptionValues } from '../../src/commands/registry.ts';
import { optionJson } from '../../src/discord/commands/definitions.ts';

describe('typed command options', () => {
  const options = {
    name: { description: 'Name', schema: z.string().trim().min(2) },
    weeks: { description: 'Weeks', schema: z.coerce.number().int().optional() },
    day: { description: 'Day', schema: z.enum(['monday', 'friday']).optional() },
  };

  it('gives handlers each option as its schema outputs it', () => {
    expectTypeOf<OptionValues<typeof options>>().toEqualTypeOf<{ name: string; weeks: number | undefined; day: 'monday' | 'friday' | undefined }>();
    defineAction({
      description: 'example',
      options,
      run: async (_ctx, values) => {
        expectTypeOf(values.name).toEqualTypeOf<string>();
        expectTypeOf(values.day).toEqualTypeOf<'monday' | 'friday' | undefined>();
        return { text: values.name, citations: [] };
      },
    });
  });

  it('takes whether an option is required from its schema', () => {
    expect(isRequired(options.name)).toBe(true);
    expect(isRequired(options.weeks)).toBe(false);
    expect(isRequired(options.day)).toBe(false);
  });

  it("gives Discord an optional option's choices and limits from the schema it wraps", () => {
    expect(optionJson('day', options.day)).toMatchObject({ required: false, choices: [{ value: 'monday' }, { value: 'friday' }] });
    const hours = { description: 'Hours', schema: z.coerce.number().int().min(1).max(80).optional() };
    expect(optionJson('hours', hours)).toMatchObject({ required: false, type: 4, min_value: 1, max_value: 80 });
  });
});
