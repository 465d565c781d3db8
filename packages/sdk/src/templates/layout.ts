import { templateError } from './errors.js';
import { fill, requirePlaceholders, type ChannelValues } from './placeholders.js';
import type { TemplateStringKey, TemplateStrings } from './types.js';

/** What a channel renderer gets: the locale's strings and the clean values, which it escapes its own way. */
export interface ChannelInput {
  /** The canonical BCP 47 tag. */
  readonly tag: string;
  readonly strings: TemplateStrings;
  readonly values: ChannelValues;
}

export const RIGHTS = ['rightAccess', 'rightRectification', 'rightErasure', 'rightObjection', 'rightComplaint'] as const;

type ClosingKey = (typeof RIGHTS)[number] | 'rightsHeading' | 'rightsIntro' | 'dpoContact' | 'privacyNoticeText' | 'privacyNotice' | 'signOff';

/** How every text message to a customer ends: their rights, the DPO, the privacy notice, the sign-off. */
export function closingText(t: (key: ClosingKey) => string, organisation: string): string[] {
  return [t('rightsHeading'), t('rightsIntro'), ...RIGHTS.map((key) => `- ${t(key)}`), '', t('dpoContact'), t('privacyNoticeText'), '', t('signOff'), organisation];
}

/** The same in HTML: `t` escapes, and `privacyUrl` and `organisation` are escaped already. */
export function closingHtml(t: (key: ClosingKey) => string, privacyUrl: string, organisation: string): string[] {
  return [
    `<h2>${t('rightsHeading')}</h2>`,
    `<p>${t('rightsIntro')}</p>`,
    `<ul>${RIGHTS.map((key) => `<li>${t(key)}</li>`).join('')}</ul>`,
    `<p>${t('dpoContact')}</p>`,
    `<p><a href="${privacyUrl}">${t('privacyNotice')}</a></p>`,
    `<p>${t('signOff')}<br>${organisation}</p>`,
  ];
}

/** Renders catalogue strings; `literal` escapes their text for the channel. */
export function stringRenderer({ strings, values }: ChannelInput, literal?: (text: string) => string): (key: TemplateStringKey) => string {
  return (key) => fill(strings[key], values, `strings.${key}`, literal);
}

export function greetingKey(values: ChannelValues): TemplateStringKey {
  return values.customerName === undefined ? 'greetingNoName' : 'greeting';
}

/** A whole-body override: trusted markup, placeholders filled with escaped values. */
export function fromTemplate(template: string, values: ChannelValues, where: string): string {
  if (typeof template !== 'string') throw templateError('INVALID_ARGUMENT', `${where} expected a string, got ${typeof template}`);
  requirePlaceholders(template, where);
  return fill(template, values, where);
}
