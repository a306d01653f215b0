import type { z } from 'zod';

/** The schema an optional one wraps: its type, choices and limits are the inner schema's. */
export function innerSchema(schema: z.ZodType): z.ZodType {
  const def = schema.def as { type: string; innerType?: z.ZodType };
  return def.type === 'optional' && def.innerType ? innerSchema(def.innerType) : schema;
}
