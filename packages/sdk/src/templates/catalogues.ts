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
  const tag = canonicalTag(locale);
  if (catalogue) return { tag: tag ?? invalidTag(locale), strings: checkCatalogue(catalogue) };
  const language = tag && new Intl.Locale(tag).language;
  if (language && isShipped(language)) return { tag, strings: templateCatalogues[language] };
  throw templateError(
    'TEMPLATE_UNKNOWN_LOCALE',
    `No templates for locale ${JSON.stringify(locale)}; available: ${TEMPLATE_LOCALES.join(', ')}. Pass overrides.catalogue for another language.`,
  );
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
