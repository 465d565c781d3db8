import { LocaleRegistry } from '../i18n/locale-registry.js';
import type { DeepPartial } from '../i18n/catalogue.js';
import de from '../locales/de.json';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import nl from '../locales/nl.json';
import pl from '../locales/pl.json';
import { templateError } from './errors.js';
import type { RecordsOwnStrings } from './records/types.js';
import type { TemplateStringKey, TemplateStrings } from './types.js';

/** The SDK's messages in one language: `src/locales/<language>.json`. */
export interface TemplateCatalogue {
  readonly invitation: TemplateStrings;
  readonly recordsEmail: RecordsOwnStrings;
}

export const TEMPLATE_LOCALES = ['en', 'nl', 'de', 'fr', 'pl'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

const shipped: Readonly<Record<TemplateLocale, TemplateCatalogue>> = { en, nl, de, fr, pl };

const registry = new LocaleRegistry<TemplateCatalogue>(shipped, 'en');

/** The shipped invitation strings, one catalogue per language. */
export const templateCatalogues: Readonly<Record<TemplateLocale, TemplateStrings>> = { en: en.invitation, nl: nl.invitation, de: de.invitation, fr: fr.invitation, pl: pl.invitation };

export const TEMPLATE_STRING_KEYS = Object.keys(en.invitation) as readonly TemplateStringKey[];

/**
 * Teaches the templates a language (complete, as `src/locales/en.json`) or changes some
 * messages of one, or of a region (`nl-BE`, merged over `nl`). Throws INVALID_ARGUMENT.
 */
export function registerTemplateLocale(tag: string, catalogue: DeepPartial<TemplateCatalogue>): void {
  registry.register(tag, catalogue);
}

/** The languages the templates speak: shipped and registered. */
export function templateLocaleTags(): readonly string[] {
  return registry.tags;
}

export interface ResolvedLocale {
  /** The canonical BCP 47 tag asked for: it formats dates and numbers, and is the email's `lang`. */
  readonly tag: string;
  readonly strings: TemplateStrings;
}

/** "nl-BE" → the Dutch catalogue, formatting as nl-BE. Throws TEMPLATE_UNKNOWN_LOCALE. */
export function resolveLocale(locale: string, catalogue?: TemplateStrings): ResolvedLocale {
  if (catalogue) return { tag: customTag(locale), strings: checkCatalogue(catalogue) };
  const { tag, messages } = registeredLocale(locale);
  return { tag, strings: messages.invitation };
}

/** The canonical tag of `locale` and the messages registered for it. Throws TEMPLATE_UNKNOWN_LOCALE. */
export function registeredLocale(locale: string): { readonly tag: string; readonly messages: TemplateCatalogue } {
  const tag = canonicalTag(locale);
  const found = tag === undefined ? undefined : registry.lookup(tag);
  if (tag !== undefined && found !== undefined) return { tag, messages: found.messages };
  throw templateError(
    'TEMPLATE_UNKNOWN_LOCALE',
    `No templates for locale ${JSON.stringify(locale)}; available: ${registry.tags.join(', ')}. Register one with registerTemplateLocale, or pass overrides.catalogue.`,
  );
}

/** The canonical tag of a locale the caller brings its own strings for. Throws INVALID_ARGUMENT. */
export function customTag(locale: string): string {
  return canonicalTag(locale) ?? invalidTag(locale);
}

function canonicalTag(locale: string): string | undefined {
  if (typeof locale !== 'string') return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

function invalidTag(locale: unknown): never {
  throw templateError('INVALID_ARGUMENT', `"locale" expected a BCP 47 language tag, got ${JSON.stringify(locale)}`);
}

function checkCatalogue(catalogue: TemplateStrings): TemplateStrings {
  const missing = TEMPLATE_STRING_KEYS.filter((key) => typeof catalogue[key] !== 'string');
  if (missing.length > 0) {
    throw templateError('INVALID_ARGUMENT', `"overrides.catalogue" expected every string of TemplateStrings, missing: ${missing.join(', ')}`);
  }
  return catalogue;
}
