import { LocaleRegistry, type DeepPartial } from '@sealcall/sdk';
import type { CallMessages } from '../call/call.messages.js';
import type { CaptureMessages } from '../capture/capture.messages.js';
import type { ConsentDialogMessages } from '../consent-dialog/consent-dialog.messages.js';
import de from '../locales/de.json';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import nl from '../locales/nl.json';
import pl from '../locales/pl.json';
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

const shipped: Readonly<Record<(typeof shippedLocales)[number], SealcallCatalogue>> = { en, nl, de, fr, pl };

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
