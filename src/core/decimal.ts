import type { z } from 'zod';
import { innerSchema } from './schema.ts';

/** A number as people write it: digits, an optional sign and decimal part. Not `0x10`, `1e1`, `0b110` or `Infinity`. */
const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

export const DECIMAL_RULE = 'must be written in plain digits, such as 6';

/**
 * zod's number coercion reads `0x10` as 16, `1e1` as 10 and `0b110` as 6; typed
 * text for a number schema must be plain decimal digits before it gets there.
 */
export function isNonDecimalForNumber(schema: z.ZodType, text: string): boolean {
  return innerSchema(schema).def.type === 'number' && !DECIMAL.test(text.trim());
}
