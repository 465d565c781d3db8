/** The pieces the request and answer schemas are built from: every failure reads `"<name>" expected <what>, got <input>`. */

import * as v from 'valibot';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function got(input: unknown): string {
  if (typeof input === 'string') return input.length > 40 ? `string of length=${input.length}` : JSON.stringify(input);
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input === 'object' ? 'object' : `${typeof input} ${String(input)}`;
}

/** A failure message naming the field, what it expected, and what it got. */
export function expecting(name: string, what: string) {
  return (issue: v.BaseIssue<unknown>) => `"${name}" expected ${what}, got ${got(issue.input)}`;
}

export function text(name: string, maxLength = 256) {
  const message = expecting(name, `a non-empty string of at most ${maxLength} characters`);
  return v.pipe(v.string(message), v.minLength(1, message), v.maxLength(maxLength, message));
}

export function time(name: string) {
  const message = expecting(name, 'milliseconds since the epoch (a non-negative integer)');
  return v.pipe(v.number(message), v.safeInteger(message), v.minValue(0, message));
}

export function count(name: string) {
  const message = expecting(name, 'a non-negative integer');
  return v.pipe(v.number(message), v.safeInteger(message), v.minValue(0, message));
}

export function base64url(name: string, maxLength: number) {
  const message = expecting(name, `unpadded base64url of at most ${maxLength} characters`);
  return v.pipe(v.string(message), v.regex(BASE64URL, message), v.maxLength(maxLength, message));
}

/** What a strict object says: a field it does not know, one that is missing, or no object at all. */
function only(name: string, entries: v.ObjectEntries) {
  const known = Object.keys(entries).join(', ');
  return (issue: v.BaseIssue<unknown>) => {
    if (issue.expected === 'never') return `"${name}" expected only the fields ${known}, got ${JSON.stringify(issue.path?.at(-1)?.key)}`;
    if (issue.input === undefined && issue.path !== undefined) return `${issue.expected} is missing from "${name}"`;
    return `"${name}" expected a JSON object, got ${got(issue.input)}`;
  };
}

/** A strict object of `entries`, and nothing else: not an array either. */
export function strict<const T extends v.ObjectEntries>(name: string, entries: T) {
  return v.pipe(
    v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), (issue) => `"${name}" expected a JSON object, got ${got(issue.input)}`),
    v.strictObject(entries, only(name, entries)),
  );
}
