import { SealcallError } from '../errors.js';
import { mergeCatalogue, missingKeys, type DeepPartial } from './catalogue.js';

export interface ResolvedCatalogue<C> {
  /** The registered tag whose messages these are (`de` for a page in `de-CH` without its own). */
  readonly tag: string;
  readonly messages: C;
}

/** A shipped language: its catalogue, or what loads it the first time a page asks for it. */
export type ShippedCatalogue<C> = C | (() => Promise<C | { readonly default: C }>);

/**
 * The languages a package speaks. Each shipped language is a complete catalogue, given as is
 * or as a loader (a dynamic `import()`, so that a page pays only for the languages it shows);
 * integrators add one with `register` (complete, checked against the reference language) or
 * adjust one, or a region of one, with a partial catalogue merged over what it falls back to.
 * `lookup('de-AT')` tries `de-AT`, then `de` (RFC 4647 lookup); a shipped language not loaded
 * yet counts only once `load` has brought it.
 */
export class LocaleRegistry<C extends object> {
  readonly #reference: C;
  readonly #shipped = new Map<string, C>();
  readonly #loaders = new Map<string, () => Promise<C | { readonly default: C }>>();
  readonly #loading = new Map<string, Promise<void>>();
  readonly #layers = new Map<string, DeepPartial<C>>();
  readonly #resolved = new Map<string, C>();
  readonly #listeners = new Set<() => void>();

  /** `shipped` holds complete catalogues or their loaders; `reference` names the one every other is checked against, given as is. */
  constructor(
    shipped: Readonly<Record<string, ShippedCatalogue<C>>>,
    readonly reference: string,
  ) {
    const messages = shipped[reference];
    if (messages === undefined || typeof messages === 'function') {
      throw new SealcallError('INVALID_ARGUMENT', `The reference language ${reference} needs its catalogue itself, not a loader.`);
    }
    this.#reference = messages;
    for (const [tag, catalogue] of Object.entries(shipped)) {
      const key = canonical(tag, 'shipped');
      if (typeof catalogue === 'function') this.#loaders.set(key, catalogue);
      else this.#shipped.set(key, catalogue);
    }
  }

  /** The known tags, shipped first (loaded or not), then registered. */
  get tags(): readonly string[] {
    return [...new Set([...this.#shipped.keys(), ...this.#loaders.keys(), ...this.#layers.keys()])];
  }

  /**
   * Adds a language, or changes some messages of one (`de`) or of a region (`de-AT`, merged
   * over `de`). A language nothing falls back to must come complete. Throws INVALID_ARGUMENT.
   */
  register(tag: string, catalogue: DeepPartial<C>): void {
    const key = canonical(tag, 'registerLocale');
    const where = `The ${key} catalogue`;
    const earlier = this.#layers.get(key);
    const layer = mergeCatalogue((earlier ?? {}) as C, catalogue, this.#reference, where);
    if (!this.#known(key) && this.#nearestKnown(shorter(key)) === undefined) {
      const missing = missingKeys<C>(this.#reference, layer);
      if (missing.length > 0) {
        throw new SealcallError('INVALID_ARGUMENT', `${where} is a new language and needs every message; missing: ${missing.join(', ')}`);
      }
    }
    this.#layers.set(key, layer);
    this.#resolved.clear();
    for (const listener of this.#listeners) listener();
  }

  /**
   * Undefined when `lookup(tag)` can answer now; else a promise that settles once the shipped
   * languages it falls back through are loaded. It rejects (SealcallError) when one could not
   * be loaded: `lookup` then answers without it, as for a language that is not shipped.
   */
  load(tag: string): Promise<void> | undefined {
    const key = tryCanonical(tag);
    if (key === undefined) return undefined;
    const loads = chainOf(key)
      .filter((candidate) => this.#loaders.has(candidate))
      .map((candidate) => this.#loadOne(candidate));
    return loads.length === 0 ? undefined : Promise.all(loads).then(() => undefined);
  }

  /** The messages for `tag`, or undefined when neither it nor a shorter tag is registered or loaded. */
  lookup(tag: string): ResolvedCatalogue<C> | undefined {
    const key = tryCanonical(tag);
    if (key === undefined) return undefined;
    for (const candidate of chainOf(key)) {
      if (!this.#known(candidate)) continue;
      const messages = this.#messagesOf(candidate);
      if (messages !== undefined) return { tag: candidate, messages };
    }
    return undefined;
  }

  /** Calls `listener` after every `register`; returns what unsubscribes it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #loadOne(tag: string): Promise<void> {
    const loader = this.#loaders.get(tag) as () => Promise<C | { readonly default: C }>;
    let loading = this.#loading.get(tag);
    if (loading === undefined) {
      loading = loader().then(
        (loaded) => {
          this.#shipped.set(tag, 'default' in loaded ? (loaded.default as C) : loaded);
          this.#loaders.delete(tag);
          this.#resolved.clear();
        },
        (cause: unknown) => {
          this.#loaders.delete(tag);
          throw new SealcallError('LOCALE_UNAVAILABLE', `The ${tag} messages could not be loaded; the elements show ${this.reference} instead. Check that the page can fetch the SDK's language files.`, { cause });
        },
      );
      this.#loading.set(tag, loading);
    }
    return loading;
  }

  #known(tag: string): boolean {
    return this.#shipped.has(tag) || this.#loaders.has(tag) || this.#layers.has(tag);
  }

  #nearestKnown(tag: string): string | undefined {
    return chainOf(tag).find((candidate) => this.#known(candidate));
  }

  /** The merged messages of `tag`, or undefined while a shipped language under it is not loaded. */
  #messagesOf(tag: string): C | undefined {
    const cached = this.#resolved.get(tag);
    if (cached) return cached;
    if (this.#loaders.has(tag)) return undefined;
    const shipped = this.#shipped.get(tag);
    const parent = this.#nearestKnown(shorter(tag));
    const base = shipped ?? (parent === undefined ? undefined : this.#messagesOf(parent));
    if (base === undefined && parent !== undefined) return undefined;
    const layer = this.#layers.get(tag);
    // A region registered over a shipped language that then failed to load stands alone only if complete.
    if (base === undefined && (layer === undefined || missingKeys<C>(this.#reference, layer).length > 0)) return undefined;
    const messages = base === undefined ? (layer as C) : mergeCatalogue<C>(base, layer, this.#reference, tag);
    this.#resolved.set(tag, messages);
    return messages;
  }
}

function canonical(tag: string, where: string): string {
  try {
    const [canonicalTag] = Intl.getCanonicalLocales(tag);
    if (canonicalTag) return canonicalTag;
  } catch {
    // reported below, with the argument's name
  }
  throw new SealcallError('INVALID_ARGUMENT', `${where} expected a BCP 47 language tag such as "es" or "de-AT", got ${JSON.stringify(tag)}`);
}

function tryCanonical(tag: string): string | undefined {
  try {
    return canonical(tag, 'lookup');
  } catch {
    return undefined;
  }
}

/** `de-AT-x-foo`, `de-AT`, `de`: the tags RFC 4647 lookup tries, longest first. */
function chainOf(tag: string): string[] {
  const chain: string[] = [];
  for (let candidate = tag; candidate; candidate = shorter(candidate)) chain.push(candidate);
  return chain;
}

/** `de-AT` → `de`, `zh-Hant-TW` → `zh-Hant`, `de` → ''. Single-letter extensions go with what follows them. */
function shorter(tag: string): string {
  const subtags = tag.split('-');
  subtags.pop();
  while (subtags.length > 0 && (subtags.at(-1) as string).length === 1) subtags.pop();
  return subtags.join('-');
}
