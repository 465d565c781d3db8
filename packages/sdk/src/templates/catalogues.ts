import { templateError } from './errors.js';
import { de } from './locales/de.js';
import { en } from './locales/en.js';
import { fr } from './locales/fr.js';
import { nl } from './locales/nl.js';
import { pl } from './locales/pl.js';
import type { TemplateStringKey, TemplateStrings } from './types.js';

export const TEMPLATE_LOCALES = ['en', 'nl', 'de', 'fr', 'pl'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** The shipped strings, one catalogue per language. */
export const templateCatalogues: Readonly<Record<TemplateLocale, TemplateStrings>> = { en, nl, de, fr, pl };

export const TEMPLATE_STRING_KEYS = Object.keys(en) as readonly TemplateStringKey[];

export interface ResolvedLocale {
  /** The canonical BCP 47 tag asked for: it formats dates and numbers, and is the email's `lang`. */
  readonly tag: string;
  readonly strings: TemplateStrings;
}

/** "nl-BE" → the Dutch catalogue, formatting as nl-BE. Throws TEMPLATE_UNKNOWN_LOCALE. */
export function resolveLocale(locale: string, catalogue?: TemplateStrings): ResolvedLocale {
  if (catalogue) return { tag: customTag(locale), strings: checkCatalogue(catalogue) };
  const { tag, language } = shippedLocale(locale);
  return { tag, strings: templateCatalogues[language] };
}

/** The canonical tag of `locale` and its shipped language. Throws TEMPLATE_UNKNOWN_LOCALE. */
export function shippedLocale(locale: string): { readonly tag: string; readonly language: TemplateLocale } {
  const tag = canonicalTag(locale);
  const language = tag && new Intl.Locale(tag).language;
  if (tag && language && isShipped(language)) return { tag, language };
  throw templateError(
    'TEMPLATE_UNKNOWN_LOCALE',
    `No templates for locale ${JSON.stringify(locale)}; available: ${TEMPLATE_LOCALES.join(', ')}. Pass overrides.catalogue for another language.`,
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

function isShipped(language: string): language is TemplateLocale {
  return (TEMPLATE_LOCALES as readonly string[]).includes(language);
}

function checkCatalogue(catalogue: TemplateStrings): TemplateStrings {
  const missing = TEMPLATE_STRING_KEYS.filter((key) => typeof catalogue[key] !== 'string');
  if (missing.length > 0) {
    throw templateError('INVALID_ARGUMENT', `"overrides.catalogue" expected every string of TemplateStrings, missing: ${missing.join(', ')}`);
  }
  return catalogue;
}
