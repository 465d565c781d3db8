import { SealcallError, type SealcallErrorCode } from '../errors.js';

/**
 * The assertions every exported conformance suite uses: framework-agnostic (they throw plain
 * Errors), and each failure names its suite.
 */
export function conformanceAsserts(suite: string) {
  const check = (condition: boolean, what: string): void => {
    if (!condition) throw new Error(`${suite} conformance: expected ${what}.`);
  };
  const rejects = async (action: () => Promise<unknown>, code: SealcallErrorCode): Promise<SealcallError> => {
    try {
      await action();
    } catch (error) {
      check(error instanceof SealcallError && error.code === code, `a SealcallError ${code}, got ${String(error)}`);
      return error as SealcallError;
    }
    throw new Error(`${suite} conformance: expected a SealcallError ${code}, but nothing was thrown.`);
  };
  return { check, rejects };
}

/** Deep equality of JSON-like values, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]))
      : Array.isArray(value)
        ? value.map(canonical)
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
