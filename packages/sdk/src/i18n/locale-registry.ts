import { SealcallError } from '../errors.js';
import { mergeCatalogue, missingKeys, type DeepPartial } from './catalogue.js';

export interface ResolvedCatalogue<C> {
  /** The registered tag whose messages these are (`de` for a page in `de-CH` without its own). */
  readonly tag: string;
  readonly messages: C;
}

/**
 * The languages a package speaks. Each shipped language is a complete catalogue; integrators
 * add one with `register` (complete, checked against the reference language) or adjust one,
 * or a region of one, with a partial catalogue merged over what it falls back to.
 * `lookup('de-AT')` tries `de-AT`, then `de` (RFC 4647 lookup).
 */
export class LocaleRegistry<C extends object> {
  readonly #reference: C;
  readonly #layers = new Map<string, DeepPartial<C>>();
  readonly #resolved = new Map<string, C>();
  readonly #listeners = new Set<() => void>();

  /** `shipped` holds complete catalogues; `reference` names the one every other is checked against. */
  constructor(
    shipped: Readonly<Record<string, C>>,
    readonly reference: string,
  ) {
    const messages = shipped[reference];
    if (messages === undefined) throw new SealcallError('INVALID_ARGUMENT', `The reference language ${reference} has no catalogue.`);
    this.#reference = messages;
    for (const [tag, catalogue] of Object.entries(shipped)) this.#layers.set(canonical(tag, 'shipped'), catalogue);
  }

  /** The registered tags, shipped first. */
  get tags(): readonly string[] {
    return [...this.#layers.keys()];
  }

  /**
   * Adds a language, or changes some messages of one (`de`) or of a region (`de-AT`, merged
   * over `de`). A language nothing falls back to must come complete. Throws INVALID_ARGUMENT.
   */
  register(tag: string, catalogue: DeepPartial<C>): void {
    const key = canonical(tag, 'registerLocale');
    const where = `The ${key} catalogue`;
    const base = this.#layers.has(key) ? this.#messagesOf(key) : this.#fallbackOf(key);
    const merged = mergeCatalogue((base ?? {}) as C, catalogue, this.#reference, where);
    if (base === undefined) {
      const missing = missingKeys<C>(this.#reference, merged);
      if (missing.length > 0) {
        throw new SealcallError('INVALID_ARGUMENT', `${where} is a new language and needs every message; missing: ${missing.join(', ')}`);
      }
    }
    const earlier = this.#layers.get(key);
    this.#layers.set(key, earlier === undefined ? catalogue : mergeCatalogue(earlier as C, catalogue, this.#reference, where));
    this.#resolved.clear();
    for (const listener of this.#listeners) listener();
  }

  /** The messages for `tag`, or undefined when neither it nor a shorter tag is registered. */
  lookup(tag: string): ResolvedCatalogue<C> | undefined {
    let key: string;
    try {
      key = canonical(tag, 'lookup');
    } catch {
      return undefined;
    }
    for (let candidate = key; candidate; candidate = shorter(candidate)) {
      if (this.#layers.has(candidate)) return { tag: candidate, messages: this.#messagesOf(candidate) };
    }
    return undefined;
  }

  /** Calls `listener` after every `register`; returns what unsubscribes it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #messagesOf(tag: string): C {
    const cached = this.#resolved.get(tag);
    if (cached) return cached;
    const base = this.#fallbackOf(tag);
    const layer = this.#layers.get(tag);
    const messages = base === undefined ? (layer as C) : mergeCatalogue<C>(base, layer, this.#reference, tag);
    this.#resolved.set(tag, messages);
    return messages;
  }

  /** The merged messages of the nearest registered shorter tag. */
  #fallbackOf(tag: string): C | undefined {
    for (let candidate = shorter(tag); candidate; candidate = shorter(candidate)) {
      if (this.#layers.has(candidate)) return this.#messagesOf(candidate);
    }
    return undefined;
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

/** `de-AT` → `de`, `zh-Hant-TW` → `zh-Hant`, `de` → ''. Single-letter extensions go with what follows them. */
function shorter(tag: string): string {
  const subtags = tag.split('-');
  subtags.pop();
  while (subtags.length > 0 && (subtags.at(-1) as string).length === 1) subtags.pop();
  return subtags.join('-');
}
