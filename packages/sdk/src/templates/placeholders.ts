import { formatMessage, placeholdersOf } from '../i18n/message-format.js';
import { templateError } from './errors.js';
import { TEMPLATE_VARIABLES, type TemplateVariable } from './types.js';

/** Values already escaped for the channel; `undefined` for an optional variable not given. */
export type ChannelValues = Readonly<Record<TemplateVariable, string | undefined>>;

/**
 * Fills `{name}` placeholders (the i18n message format) in one pass: a value is never scanned
 * again, so a customer named "{link}" stays "{link}". `literal` escapes the text around the
 * placeholders (HTML-escaping for strings, nothing for templates, which are trusted markup).
 * Braces that do not enclose a name ("{ color: red }") are literal text. `names` are the
 * variables the message knows (an invitation's by default).
 */
export function fill(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
  where: string,
  literal: (text: string) => string = (t) => t,
  names: readonly string[] = TEMPLATE_VARIABLES,
): string {
  return formatMessage(template, { locale: 'en', literal, value: (name) => valueOf(name, values, names, where) });
}

/** A message body must carry the link and the privacy notice, whatever an override says. */
export function requirePlaceholders(template: string, where: string, names: readonly TemplateVariable[] = ['link', 'privacyUrl']): void {
  const used = placeholdersOf(template);
  const absent = names.filter((name) => !used.includes(name));
  if (absent.length > 0) {
    throw templateError('INVALID_ARGUMENT', `${where} expected the placeholders ${absent.map((n) => `{${n}}`).join(' and ')}: every invitation carries them.`);
  }
}

function valueOf(name: string, values: Readonly<Record<string, string | undefined>>, names: readonly string[], where: string): string {
  if (!names.includes(name)) {
    throw templateError('TEMPLATE_VARIABLE_MISSING', `${where} uses {${name}}, which is no template variable; known: ${names.join(', ')}.`);
  }
  const value = values[name];
  if (value === undefined) throw templateError('TEMPLATE_VARIABLE_MISSING', `${where} uses {${name}}, which has no value.`);
  return value;
}

export function escapeValues(values: ChannelValues, escape: (value: string) => string): ChannelValues {
  const escaped: Partial<Record<TemplateVariable, string>> = {};
  for (const name of TEMPLATE_VARIABLES) {
    const value = values[name];
    if (value !== undefined) escaped[name] = escape(value);
  }
  return escaped as ChannelValues;
}
