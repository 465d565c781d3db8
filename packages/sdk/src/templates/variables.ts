import { isString } from '../internal/validate.js';
import { templateError } from './errors.js';
import { cleanValue } from './escape.js';
import { safeUrl } from './links.js';
import type { ChannelValues } from './placeholders.js';
import type { InvitationVariables, RetentionPeriod } from './types.js';

const MAX_TEXT = 256;
const MAX_URL = 2048;

/**
 * Checks the variables and turns them into text in `tag`'s language: the time written out in
 * the customer's time zone, the retention period in words, the links verified. The values are
 * clean (see cleanValue) but not yet escaped for a channel.
 */
export function prepareValues(variables: InvitationVariables, tag: string): ChannelValues {
  if (typeof variables !== 'object' || variables === null) {
    throw templateError('INVALID_ARGUMENT', `"variables" expected an object, got ${variables === null ? 'null' : typeof variables}`);
  }
  return {
    organisation: requiredText(variables.organisation, 'organisation'),
    customerName: optionalText(variables.customerName, 'customerName'),
    link: requiredUrl(variables.link, 'link'),
    time: formatTime(variables.time, variables.timeZone, tag),
    privacyUrl: requiredUrl(variables.privacyUrl, 'privacyUrl'),
    dpoContact: requiredText(variables.dpoContact, 'dpoContact'),
    retention: typeof variables.retention === 'string' ? requiredText(variables.retention, 'retention') : formatPeriod(required(variables.retention, 'retention'), tag),
  };
}

export function requiredText(value: unknown, name: string): string {
  const cleaned = cleanValue(stringOf(required(value, name), name, MAX_TEXT));
  if (cleaned === '') throw missing(name);
  return cleaned;
}

export function optionalText(value: unknown, name: string): string | undefined {
  return isAbsent(value) ? undefined : cleanValue(stringOf(value, name, MAX_TEXT)) || undefined;
}

export function requiredUrl(value: unknown, name: string): string {
  return safeUrl(stringOf(required(value, name), name, MAX_URL), name);
}

function required<T>(value: T | undefined | null, name: string): T {
  if (isAbsent(value)) throw missing(name);
  return value as T;
}

function stringOf(value: unknown, name: string, maxLength: number): string {
  if (isString(value, maxLength)) return value;
  const got = typeof value === 'string' ? `length=${value.length}` : typeof value;
  throw templateError('INVALID_ARGUMENT', `"${name}" expected a string of at most ${maxLength} characters, got ${got}`);
}

/** `time` written out in `tag`'s language and in the time zone `timeZone`. */
export function formatTime(time: Date | undefined, timeZone: string | undefined, tag: string, name = 'time'): string {
  if (!(required(time, name) instanceof Date) || Number.isNaN((time as Date).getTime())) {
    throw templateError('INVALID_ARGUMENT', `"${name}" expected a valid Date`);
  }
  const zone = stringOf(required(timeZone, 'timeZone'), 'timeZone', 64);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
  } catch {
    throw templateError('INVALID_ARGUMENT', `"timeZone" expected an IANA time zone such as "Europe/Amsterdam", got ${JSON.stringify(zone)}`);
  }
  return cleanValue(format.format(time));
}

const PERIOD_UNITS = { days: 'day', months: 'month', years: 'year' } as const;

function formatPeriod(period: RetentionPeriod, tag: string): string {
  const entries = typeof period === 'object' ? Object.entries(period) : [];
  const [key, amount] = entries[0] ?? [];
  if (entries.length !== 1 || !(key && key in PERIOD_UNITS) || !Number.isSafeInteger(amount) || (amount as number) < 1) {
    throw templateError('INVALID_ARGUMENT', '"retention" expected a string, or one of { days }, { months }, { years } with a positive whole number');
  }
  const unit = PERIOD_UNITS[key as keyof typeof PERIOD_UNITS];
  return cleanValue(new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' }).format(amount as number));
}

function isAbsent(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || value === '';
}

function missing(name: string) {
  return templateError('TEMPLATE_VARIABLE_MISSING', `Missing template variable "${name}".`);
}
