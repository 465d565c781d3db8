import { SealcallError } from '../errors.js';
import { isObject, isString, type JsonObject } from '../internal/validate.js';
import type { OutgoingInvitation } from './types.js';

const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

const RENDERED_FIELDS = { email: ['subject', 'html', 'text'], sms: ['text'], whatsapp: ['text'] } as const;

/**
 * Throws INVALID_ARGUMENT unless `message` is a well-formed OutgoingInvitation. For adapter
 * authors: call it first in `send()`. Messages name the field, never its value.
 */
export function assertOutgoingInvitation(message: unknown): asserts message is OutgoingInvitation {
  if (!isObject(message)) fail(`expected an object, got ${message === null ? 'null' : typeof message}`);
  const { channel, to, locale, idempotencyKey, reference, rendered } = message;
  if (channel !== 'email' && channel !== 'sms' && channel !== 'whatsapp') fail(`"channel" expected 'email', 'sms' or 'whatsapp'`);
  const address = channel === 'email' ? isString(to, 254) && EMAIL.test(to) : isString(to, 16) && E164.test(to);
  if (!address) fail(channel === 'email' ? '"to" expected an email address' : '"to" expected an E.164 phone number such as +31612345678');
  if (!isString(locale, 35) || locale === '') fail('"locale" expected a BCP 47 language tag');
  if (!isString(idempotencyKey, 128) || !KEY.test(idempotencyKey)) fail('"idempotencyKey" expected 1 to 128 of A-Z a-z 0-9 . _ : -');
  if (reference !== undefined && !isString(reference, 128)) fail('"reference" expected a string of at most 128 characters');
  if (!isObject(rendered) || !RENDERED_FIELDS[channel].every((field) => isText((rendered as JsonObject)[field]))) {
    fail(`"rendered" expected the ${channel} output of renderInvitation(): ${RENDERED_FIELDS[channel].join(', ')}`);
  }
}

function isText(value: unknown): boolean {
  return isString(value, 1_000_000) && value !== '';
}

function fail(problem: string): never {
  throw new SealcallError('INVALID_ARGUMENT', `Not a valid OutgoingInvitation: ${problem}.`);
}
