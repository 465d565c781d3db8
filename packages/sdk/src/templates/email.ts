import { escapeHtml } from './escape.js';
import { fromTemplate, greetingKey, RIGHTS, stringRenderer, type ChannelInput } from './layout.js';
import { escapeValues } from './placeholders.js';
import type { ChannelTemplates, RenderedEmail } from './types.js';

/** `input.values` are clean, not escaped: each part escapes them its own way. */
export function renderEmail(input: ChannelInput, templates: ChannelTemplates | undefined): RenderedEmail {
  const html = { ...input, values: escapeValues(input.values, escapeHtml) };
  const subject = stringRenderer(input)('emailSubject').replace(/\s+/g, ' ').trim();
  return {
    subject,
    text: templates?.emailText === undefined ? defaultText(input) : fromTemplate(templates.emailText, input.values, 'templates.emailText'),
    html: templates?.emailHtml === undefined ? defaultHtml(html, escapeHtml(subject)) : fromTemplate(templates.emailHtml, html.values, 'templates.emailHtml'),
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
    t('rightsHeading'),
    t('rightsIntro'),
    ...RIGHTS.map((key) => `- ${t(key)}`),
    '',
    t('dpoContact'),
    t('privacyNoticeText'),
    '',
    t('signOff'),
    input.values.organisation,
    '',
    '-- ',
    t('footer'),
  ].join('\n');
}

/** A plain document: tables for width, no CSS, so no mail client can strip or misread it. */
function defaultHtml(input: ChannelInput, title: string): string {
  const t = stringRenderer(input, escapeHtml);
  const { link, privacyUrl, organisation } = input.values;
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(input.tag)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    '</head>',
    '<body>',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">',
    '<table role="presentation" width="600" cellpadding="16" cellspacing="0" border="0"><tr><td>',
    `<p>${t(greetingKey(input.values))}</p>`,
    `<p>${t('invitation')}</p>`,
    `<p><a href="${link}"><strong>${t('joinButton')}</strong></a></p>`,
    `<p>${t('linkFallback')}<br>${link}</p>`,
    `<p>${t('linkPersonal')}</p>`,
    `<h2>${t('privacyHeading')}</h2>`,
    `<p>${t('privacyEncryption')} ${t('privacyConsent')} ${t('privacyRetention')}</p>`,
    `<h2>${t('rightsHeading')}</h2>`,
    `<p>${t('rightsIntro')}</p>`,
    `<ul>${RIGHTS.map((key) => `<li>${t(key)}</li>`).join('')}</ul>`,
    `<p>${t('dpoContact')}</p>`,
    `<p><a href="${privacyUrl}">${t('privacyNotice')}</a></p>`,
    `<p>${t('signOff')}<br>${organisation}</p>`,
    '<hr>',
    `<p><small>${t('footer')}</small></p>`,
    '</td></tr></table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
  ].join('\n');
}
