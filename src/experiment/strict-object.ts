import { z } from 'zod';
import { unknownNameMessage } from './closest-name';

/** The unknown-key checks of every {@link strictObject}: what marks a loose object as strict. */
const strictChecks = new WeakSet<object>();

/**
 * Like `z.strictObject(shape)`, but reports each unknown key as its own issue at the
 * key's path (`$.trajectores`), suggesting the closest known key, and does so even when
 * other fields of the same object are invalid, so a typo is never hidden behind them.
 *
 * At runtime this is a loose object with a check; its static type is the strict object's.
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const known = Object.keys(shape);
  const unknownKeys = z.superRefine(
    (value: unknown, ctx) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      for (const [key, entry] of Object.entries(value)) {
        if (Object.hasOwn(shape, key)) continue;
        ctx.addIssue({ code: 'custom', path: [key], input: entry, message: unknownNameMessage('key', key, known) });
      }
    },
    { when: () => true },
  );
  strictChecks.add(unknownKeys);
  const schema = z.looseObject(shape).check(unknownKeys);
  return schema as unknown as z.ZodObject<Shape, z.core.$strict>;
}

/**
 * Whether `schema` is a {@link strictObject} (or a copy of one, e.g. `.describe()`d): the
 * JSON Schema generator (json-schema.ts) then writes `additionalProperties: false`, which
 * zod, seeing a loose object, would not.
 */
export function isStrictObject(schema: z.core.$ZodType): boolean {
  return (schema._zod.def.checks ?? []).some((check) => strictChecks.has(check));
}
