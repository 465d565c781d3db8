import { registeredLocale, TEMPLATE_LOCALES, type TemplateCatalogue, type TemplateLocale } from '../catalogues.js';
import type { TemplateStrings } from '../types.js';
import type { RecordsEmailStrings, SharedRecordsStringKey } from './types.js';

const SHARED: readonly SharedRecordsStringKey[] = [
  'greeting',
  'greetingNoName',
  'linkFallback',
  'rightsHeading',
  'rightsIntro',
  'rightAccess',
  'rightRectification',
  'rightErasure',
  'rightObjection',
  'rightComplaint',
  'dpoContact',
  'privacyNotice',
  'privacyNoticeText',
  'signOff',
];

/** The records message's strings of one language: its own, and those it shares with the invitation. */
export function recordsStrings(messages: TemplateCatalogue): RecordsEmailStrings {
  const shared = Object.fromEntries(SHARED.map((key) => [key, messages.invitation[key]])) as Pick<TemplateStrings, SharedRecordsStringKey>;
  return { ...shared, ...messages.recordsEmail };
}

/** The shipped strings of the records message, one catalogue per language. */
export const recordsCatalogues: Readonly<Record<TemplateLocale, RecordsEmailStrings>> = Object.fromEntries(
  TEMPLATE_LOCALES.map((language) => [language, recordsStrings(registeredLocale(language).messages)]),
) as Record<TemplateLocale, RecordsEmailStrings>;

export const RECORDS_STRING_KEYS = Object.keys(recordsCatalogues.en) as readonly (keyof RecordsEmailStrings)[];
