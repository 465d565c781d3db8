import { SealcallError } from '../errors.js';
import { placeholdersOf } from './message-format.js';

/** A catalogue of messages: strings, grouped in objects as deep as a package needs. */
export interface Catalogue {
  readonly [key: string]: string | Catalogue;
}

/** Any part of a catalogue: what an override or a region's catalogue gives. */
export type DeepPartial<C> = { readonly [K in keyof C]?: C[K] extends string ? string : DeepPartial<C[K]> };

/**
 * `base` with the messages of `override` in its place. Throws INVALID_ARGUMENT, naming the key,
 * for a key `reference` does not have, a value of the wrong shape, or a placeholder the
 * reference message does not fill (a translation may leave one out, never invent one).
 */
export function mergeCatalogue<C extends object>(base: C, override: DeepPartial<C> | undefined, reference: C, where: string): C {
  if (override === undefined) return base;
  return mergeLevel(base as Catalogue, override as Catalogue, reference as Catalogue, where) as C;
}

/** The keys of `reference` that `candidate` lacks, as dotted paths. */
export function missingKeys<C extends object>(reference: C, candidate: DeepPartial<C>, prefix = ''): string[] {
  return Object.entries(reference as Catalogue).flatMap(([key, value]) => {
    const given = (candidate as Catalogue)[key];
    if (given === undefined) return [`${prefix}${key}`];
    return typeof value === 'string' || typeof given === 'string' ? [] : missingKeys(value, given, `${prefix}${key}.`);
  });
}

function mergeLevel(base: Catalogue, override: Catalogue, reference: Catalogue, where: string): Catalogue {
  if (typeof override !== 'object' || override === null || Array.isArray(override)) {
    throw invalid(`${where} expected an object of messages, got ${describe(override)}`);
  }
  const merged: Record<string, string | Catalogue> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const path = `${where}.${key}`;
    const expected = Object.hasOwn(reference, key) ? reference[key] : undefined;
    if (expected === undefined) throw invalid(`${path} is not a message; known here: ${Object.keys(reference).join(', ')}`);
    if (typeof expected === 'string') {
      if (typeof value !== 'string') throw invalid(`${path} expected a string, got ${describe(value)}`);
      checkPlaceholders(value, expected, path);
      merged[key] = value;
    } else {
      merged[key] = mergeLevel((base[key] as Catalogue | undefined) ?? {}, value as Catalogue, expected, path);
    }
  }
  return merged;
}

function checkPlaceholders(message: string, reference: string, path: string): void {
  const known = placeholdersOf(reference);
  const unknown = placeholdersOf(message).filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const has = known.length === 0 ? 'none' : known.map((name) => `{${name}}`).join(', ');
  throw invalid(`${path} uses ${unknown.map((name) => `{${name}}`).join(', ')}, which this message does not fill; it fills: ${has}`);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
}

function invalid(message: string): SealcallError {
  return new SealcallError('INVALID_ARGUMENT', message);
}

/**
 * What keeps `candidate` from being a full translation of `reference`, one line per message:
 * missing or unknown keys, wrong shapes, placeholders left out or invented. Empty when none.
 * For a translator's test: `assert.deepEqual(catalogueProblems(en, es), [])`.
 */
export function catalogueProblems<C extends object>(reference: C, candidate: unknown, prefix = ''): string[] {
  const given = candidate as Catalogue;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return [`${prefix || 'the catalogue'} is ${describe(given)}, not an object of messages`];
  const expected = reference as Catalogue;
  const unknown = Object.keys(given)
    .filter((key) => !Object.hasOwn(expected, key))
    .map((key) => `${prefix}${key} is not a message`);
  return [
    ...Object.entries(expected).flatMap(([key, value]) => {
      const path = `${prefix}${key}`;
      const translated = Object.hasOwn(given, key) ? given[key] : undefined;
      if (translated === undefined) return [`${path} is missing`];
      if (typeof value !== 'string') return catalogueProblems(value, translated, `${path}.`);
      if (typeof translated !== 'string') return [`${path} is ${describe(translated)}, not a string`];
      const want = placeholdersOf(value).sort().join(', ');
      const got = placeholdersOf(translated).sort().join(', ');
      return want === got ? [] : [`${path} fills {${got}} instead of {${want}}`];
    }),
    ...unknown,
  ];
}
