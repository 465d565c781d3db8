import { emailDocument } from './email-document.js';
import { escapeHtml } from './escape.js';
import { closingHtml, closingText, fromTemplate, greetingKey, stringRenderer, type ChannelInput } from './layout.js';
import { escapeValues } from './placeholders.js';
import type { ChannelTemplates, RenderedEmail } from './types.js';

/** `input.values` are clean, not escaped: each part escapes them its own way. */
export function renderEmail(input: ChannelInput, templates: ChannelTemplates | undefined): RenderedEmail {
  const html = { ...input, values: escapeValues(input.values, escapeHtml) };
  const subject = stringRenderer(input)('emailSubject').replace(/\s+/g, ' ').trim();
  return {
    subject,
    text: templates?.emailText === undefined ? defaultText(input) : fromTemplate(templates.emailText, input.values, 'templates.emailText'),
    html: templates?.emailHtml === undefined ? defaultHtml(html, subject) : fromTemplate(templates.emailHtml, html.values, 'templates.emailHtml'),
  };
}

function defaultText(input: ChannelInput): string {
  const t = stringRenderer(input);
  return [
    t(greetingKey(input.values)),
    '',
    t('invitation'),
    '',
    t('joinText'),
    t('linkPersonal'),
    '',
    t('privacyHeading'),
    `${t('privacyEncryption')} ${t('privacyConsent')} ${t('privacyRetention')}`,
    '',
    ...closingText(t, input.values.organisation as string),
    '',
    '-- ',
    t('footer'),
  ].join('\n');
}

/** `input.values` escaped for HTML already; `title` not. */
function defaultHtml(input: ChannelInput, title: string): string {
  const t = stringRenderer(input, escapeHtml);
  const { link, privacyUrl, organisation } = input.values;
  return emailDocument(input.tag, title, [
    `<p>${t(greetingKey(input.values))}</p>`,
    `<p>${t('invitation')}</p>`,
    `<p><a href="${link}"><strong>${t('joinButton')}</strong></a></p>`,
    `<p>${t('linkFallback')}<br>${link}</p>`,
    `<p>${t('linkPersonal')}</p>`,
    `<h2>${t('privacyHeading')}</h2>`,
    `<p>${t('privacyEncryption')} ${t('privacyConsent')} ${t('privacyRetention')}</p>`,
    ...closingHtml(t, privacyUrl as string, organisation as string),
    '<hr>',
    `<p><small>${t('footer')}</small></p>`,
  ]);
}
