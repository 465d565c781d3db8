import { html, nothing, type TemplateResult } from 'lit';

/**
 * The one rich-text subset notices may use, rendered as Lit templates and never as HTML, so a
 * notice cannot inject markup or script:
 *   **bold**            -> <strong>
 *   [label](https://…)  -> a link that opens in a new tab (https only; anything else stays text)
 * Everything else is plain text.
 */
const TOKEN = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https:\/\/[^\s)]+)\)/g;

export function richText(source: string): Array<TemplateResult | string> {
  const parts: Array<TemplateResult | string> = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    parts.push(source.slice(last, match.index));
    const [, bold, label, href] = match;
    parts.push(bold !== undefined ? html`<strong>${bold}</strong>` : html`<a href=${href ?? nothing} target="_blank" rel="noopener noreferrer">${label}</a>`);
    last = match.index + match[0].length;
  }
  parts.push(source.slice(last));
  return parts;
}

/** The same text as the customer reads it, without markup: for the consent record. */
export function plainText(source: string): string {
  return source.replace(TOKEN, (_, bold: string | undefined, label: string | undefined, href: string | undefined) => bold ?? `${label} (${href})`);
}
