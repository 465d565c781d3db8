/** Small structural checks for untrusted JSON: each returns the value typed, or undefined. */

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown, maxLength = 256): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

export function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

export function isNullable<T>(value: unknown, check: (v: unknown) => v is T): value is T | null {
  return value === null || check(value);
}

export function isOptional<T>(value: unknown, check: (v: unknown) => v is T): value is T | undefined {
  return value === undefined || check(value);
}

/** An id one participant makes for the other to answer or acknowledge (a UUID, say): 1 to 64 of [A-Za-z0-9_-]. */
export function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
