import type { ConsentReceipt } from '../../consent/consent-ledger.js';
import { consentReceiptFile } from '../../consent/receipt.js';
import type { ConsentRecord } from '../../consent/types.js';
import { customTag, registeredLocale } from '../catalogues.js';
import { emailDocument } from '../email-document.js';
import { templateError } from '../errors.js';
import { cleanValue, escapeHtml } from '../escape.js';
import { closingHtml, closingText } from '../layout.js';
import { fill } from '../placeholders.js';
import { withStringOverrides } from '../string-overrides.js';
import { formatTime, optionalText, requiredText, requiredUrl } from '../variables.js';
import { recordsStrings, RECORDS_STRING_KEYS } from './locales.js';
import { RECORDS_EMAIL_VARIABLES, type RecordsEmailStrings, type RenderedRecordsEmail, type RenderRecordsEmailOptions } from './types.js';

type Values = Readonly<Record<string, string | undefined>>;

const KIND_STRINGS = { grant: 'consentGranted', refusal: 'consentRefused', withdrawal: 'consentWithdrawn' } as const;
const PURPOSE_STRINGS: Readonly<Record<string, keyof RecordsEmailStrings>> = {
  call: 'purposeCall',
  recording: 'purposeRecording',
  pictures: 'purposePictures',
  location: 'purposeLocation',
};

/**
 * The message that sends a customer their records (GDPR Art. 15): where to fetch the export,
 * until when, what they consented to, refused or withdrew (one line per record of their consent
 * receipt, in their language and time zone), their rights and the DPO; with the receipt attached
 * as its JSON file. Throws a SealcallError: TEMPLATE_UNKNOWN_LOCALE, TEMPLATE_VARIABLE_MISSING (a
 * variable, or the wording of a purpose of yours), TEMPLATE_UNSAFE_LINK, INVALID_ARGUMENT.
 */
export function renderRecordsEmail(options: RenderRecordsEmailOptions): RenderedRecordsEmail {
  const { locale, variables, receipt, overrides = {} } = options;
  if (typeof variables !== 'object' || variables === null) throw templateError('INVALID_ARGUMENT', '"variables" expected an object');
  if (typeof receipt !== 'object' || receipt === null || !Array.isArray(receipt.records)) {
    throw templateError('INVALID_ARGUMENT', '"receipt" expected a ConsentReceipt (ConsentLedger.receipt())');
  }
  const { tag, strings } = catalogueFor(locale, overrides);
  const values: Values = {
    organisation: requiredText(variables.organisation, 'organisation'),
    customerName: optionalText(variables.customerName, 'customerName'),
    link: requiredUrl(variables.link, 'link'),
    availableUntil: formatTime(variables.availableUntil, variables.timeZone, tag, 'availableUntil'),
    privacyUrl: requiredUrl(variables.privacyUrl, 'privacyUrl'),
    dpoContact: requiredText(variables.dpoContact, 'dpoContact'),
  };
  const lines = consentLines(receipt, strings, values, { tag, timeZone: variables.timeZone, purposes: overrides.purposes ?? {} });
  const message = { strings, values, lines };
  const subject = say(message, 'recordsSubject').replace(/\s+/g, ' ').trim();
  return { subject, text: text(message), html: html(message, tag, subject), attachment: consentReceiptFile(receipt) };
}

interface Message {
  readonly strings: RecordsEmailStrings;
  readonly values: Values;
  /** One per consent record, as plain text. */
  readonly lines: readonly string[];
}

/** String `key` filled with `values`, which `literal` has escaped already, as it escapes the string's own text. */
function say({ strings, values }: Pick<Message, 'strings' | 'values'>, key: keyof RecordsEmailStrings, literal?: (text: string) => string): string {
  return fill(strings[key], values, `strings.${key}`, literal, RECORDS_EMAIL_VARIABLES);
}

function greeting(message: Message, literal?: (text: string) => string): string {
  return say(message, message.values.customerName === undefined ? 'greetingNoName' : 'greeting', literal);
}

function text(message: Message): string {
  const t = (key: keyof RecordsEmailStrings) => say(message, key);
  return [
    greeting(message),
    '',
    t('recordsIntro'),
    '',
    t('recordsLinkText'),
    t('recordsAvailable'),
    '',
    t('consentHeading'),
    t('consentIntro'),
    ...(message.lines.length === 0 ? [t('consentNone')] : message.lines.map((line) => `- ${line}`)),
    '',
    ...closingText(t, message.values.organisation as string),
    '',
    '-- ',
    t('recordsFooter'),
  ].join('\n');
}

function html(plain: Message, tag: string, subject: string): string {
  const values = Object.fromEntries(Object.entries(plain.values).map(([name, value]) => [name, value === undefined ? undefined : escapeHtml(value)]));
  const message = { ...plain, values };
  const t = (key: keyof RecordsEmailStrings) => say(message, key, escapeHtml);
  const link = values.link as string;
  const consent = message.lines.length === 0 ? `<p>${t('consentNone')}</p>` : `<ul>${message.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
  return emailDocument(tag, subject, [
    `<p>${greeting(message, escapeHtml)}</p>`,
    `<p>${t('recordsIntro')}</p>`,
    `<p><a href="${link}"><strong>${t('recordsButton')}</strong></a></p>`,
    `<p>${t('linkFallback')}<br>${link}</p>`,
    `<p>${t('recordsAvailable')}</p>`,
    `<h2>${t('consentHeading')}</h2>`,
    `<p>${t('consentIntro')}</p>`,
    consent,
    ...closingHtml(t, values.privacyUrl as string, values.organisation as string),
    '<hr>',
    `<p><small>${t('recordsFooter')}</small></p>`,
  ]);
}

interface LineContext {
  readonly tag: string;
  readonly timeZone: string;
  readonly purposes: Readonly<Record<string, string>>;
}

function consentLines(receipt: ConsentReceipt, strings: RecordsEmailStrings, values: Values, context: LineContext): string[] {
  const list = new Intl.ListFormat(context.tag, { type: 'conjunction' });
  return receipt.records.map((record) =>
    say({ strings, values: { ...values, at: formatTime(new Date(record.at), context.timeZone, context.tag, 'receipt.records[].at'), purposes: list.format(record.purposes.map((p) => purposeWords(p, strings, context))) } }, kindString(record)),
  );
}

function kindString(record: ConsentRecord): keyof RecordsEmailStrings {
  const key = KIND_STRINGS[record.kind];
  if (key === undefined) throw templateError('INVALID_ARGUMENT', `"receipt" holds a record of kind ${JSON.stringify(record.kind)}; expected grant, refusal or withdrawal`);
  return key;
}

/** A purpose as the customer reads it: never its code. */
function purposeWords(purpose: string, strings: RecordsEmailStrings, context: LineContext): string {
  const own = context.purposes[purpose];
  if (typeof own === 'string' && cleanValue(own) !== '') return cleanValue(own);
  const key = PURPOSE_STRINGS[purpose];
  if (key !== undefined) return strings[key];
  throw templateError('TEMPLATE_VARIABLE_MISSING', `The receipt names the purpose ${JSON.stringify(purpose)}, which has no wording in ${context.tag}: pass it in overrides.purposes.`);
}

function catalogueFor(locale: string, overrides: NonNullable<RenderRecordsEmailOptions['overrides']>): { tag: string; strings: RecordsEmailStrings } {
  const { catalogue, strings } = overrides;
  let base: RecordsEmailStrings;
  let tag: string;
  if (catalogue !== undefined) {
    const missing = RECORDS_STRING_KEYS.filter((key) => typeof catalogue[key] !== 'string');
    if (missing.length > 0) throw templateError('INVALID_ARGUMENT', `"overrides.catalogue" expected every string of RecordsEmailStrings, missing: ${missing.join(', ')}`);
    tag = customTag(locale);
    base = catalogue;
  } else {
    const registered = registeredLocale(locale);
    tag = registered.tag;
    base = recordsStrings(registered.messages);
  }
  return { tag, strings: withStringOverrides(base, strings) };
}
