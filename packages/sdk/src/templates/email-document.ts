import { escapeHtml } from './escape.js';

/**
 * A plain HTML email around `body` (lines of trusted, escaped markup): tables for width, no CSS,
 * so that no mail client can strip or misread it. `title` is escaped here.
 */
export function emailDocument(lang: string, title: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">',
    '<table role="presentation" width="600" cellpadding="16" cellspacing="0" border="0"><tr><td>',
    ...body,
    '</td></tr></table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
  ].join('\n');
}
