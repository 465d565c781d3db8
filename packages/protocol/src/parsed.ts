import { safeParse, type GenericSchema } from 'valibot';

/** A value checked against a schema: the value, rebuilt from what the schema knows, or why not. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Checks `input`; unknown fields are dropped, never passed on. The reason names the first problem. */
export function parseWith<T>(schema: GenericSchema<unknown, T>, input: unknown): Parsed<T> {
  const result = safeParse(schema, input);
  return result.success ? { ok: true, value: result.output } : { ok: false, reason: result.issues[0].message };
}
