import { neutraliseWhatsApp } from './escape.js';
import { fromTemplate, greetingKey, RIGHTS, stringRenderer, type ChannelInput } from './layout.js';
import { escapeValues } from './placeholders.js';
import type { ChannelTemplates, RenderedWhatsApp } from './types.js';

/**
 * Strings may use WhatsApp's *bold* and _italic_; values cannot: their markers are neutralised.
 * Links are exempt and stay exact, as a changed link would not open; they passed safeUrl.
 */
export function renderWhatsApp(input: ChannelInput, templates: ChannelTemplates | undefined): RenderedWhatsApp {
  const { link, privacyUrl } = input.values;
  const values = { ...escapeValues(input.values, neutraliseWhatsApp), link, privacyUrl };
  if (templates?.whatsapp !== undefined) return { text: fromTemplate(templates.whatsapp, values, 'templates.whatsapp') };
  const t = stringRenderer({ ...input, values });
  const text = [
    `*${t('emailSubject')}*`,
    '',
    t(greetingKey(values)),
    t('invitation'),
    '',
    t('joinText'),
    t('linkPersonal'),
    '',
    `*${t('privacyHeading')}*`,
    `${t('privacyEncryption')} ${t('privacyConsent')} ${t('privacyRetention')}`,
    '',
    `*${t('rightsHeading')}*`,
    t('rightsIntro'),
    ...RIGHTS.map((key) => `- ${t(key)}`),
    t('dpoContact'),
    '',
    t('privacyNoticeText'),
    '',
    t('signOff'),
    values.organisation,
  ].join('\n');
  return { text };
}
