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
