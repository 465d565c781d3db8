import { templateError } from './errors.js';

/**
 * `catalogue` with the strings of `overrides` in place of its own. Throws INVALID_ARGUMENT for a
 * key the catalogue does not have, or a value that is not a string; `undefined` values change
 * nothing.
 */
export function withStringOverrides<S extends object>(catalogue: S, overrides: Partial<S> | undefined): S {
  if (overrides === undefined) return catalogue;
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(catalogue, key)) throw templateError('INVALID_ARGUMENT', `"overrides.strings" has no string ${JSON.stringify(key)}`);
    if (value !== undefined && typeof value !== 'string') {
      throw templateError('INVALID_ARGUMENT', `"overrides.strings.${key}" expected a string, got ${typeof value}`);
    }
  }
  const defined = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...catalogue, ...Object.fromEntries(defined) };
}
