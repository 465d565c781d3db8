import { LocaleRegistry, type DeepPartial, type ShippedCatalogue } from '@sealcall/sdk';
import type { CallMessages } from '../call/call.messages.js';
import type { CaptureMessages } from '../capture/capture.messages.js';
import type { ConsentDialogMessages } from '../consent-dialog/consent-dialog.messages.js';
import en from '../locales/en.json';
import type { RecordsMessages } from '../records/records.messages.js';

/** Every message the elements show in one language: `src/locales/<language>.json`. */
export interface SealcallCatalogue {
  readonly call: CallMessages;
  readonly capture: CaptureMessages;
  readonly consentDialog: ConsentDialogMessages;
  readonly records: RecordsMessages;
}

/** The languages the elements ship. */
export const shippedLocales = ['en', 'nl', 'de', 'fr', 'pl'] as const;

/** The reference language: every other is checked against it, and a page in a language nobody registered reads it. */
export const REFERENCE_LOCALE = 'en';

// English is in every page; another language is fetched the first time an element shows it.
const shipped: Readonly<Record<(typeof shippedLocales)[number], ShippedCatalogue<SealcallCatalogue>>> = {
  en,
  nl: () => import('../locales/nl.json'),
  de: () => import('../locales/de.json'),
  fr: () => import('../locales/fr.json'),
  pl: () => import('../locales/pl.json'),
};

export const elementLocales = new LocaleRegistry<SealcallCatalogue>(shipped, REFERENCE_LOCALE);

/**
 * Teaches every Sealcall element a language, or changes some of its messages:
 * `registerLocale('es', es)` with a complete catalogue (start from `src/locales/en.json`), or
 * `registerLocale('de-AT', { call: { join: 'Beitreten' } })` merged over German. Elements on the
 * page re-render. Throws a SealcallError INVALID_ARGUMENT naming the message at fault.
 */
export function registerLocale(tag: string, catalogue: DeepPartial<SealcallCatalogue>): void {
  elementLocales.register(tag, catalogue);
}

/** The languages the elements speak now: shipped, then registered. */
export function registeredLocales(): readonly string[] {
  return elementLocales.tags;
}
