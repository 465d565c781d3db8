import { concatBytes, utf8 } from '../internal/bytes.js';
import { isObject, isString } from '../internal/validate.js';

/** The longest chat message, in UTF-16 code units (what `String.length` counts). */
export const MAX_CHAT_MESSAGE_LENGTH = 2000;

/**
 * What the participants say to each other on the sealed channel, once a frame is opened. It
 * never crosses the server: the two pages are its only ends.
 */
export type ShareMessage = { readonly kind: 'chat'; readonly id: string; readonly text: string };

/** The first byte of an opened frame: what follows it. */
const JSON_MESSAGE = 1;

export function encodeShareMessage(message: ShareMessage): Uint8Array {
  return concatBytes(Uint8Array.of(JSON_MESSAGE), utf8(JSON.stringify(message)));
}

/** The message, or undefined for anything else: an unknown kind, a bad field, broken UTF-8. */
export function decodeShareMessage(bytes: Uint8Array): ShareMessage | undefined {
  if (bytes[0] !== JSON_MESSAGE) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(1)));
  } catch {
    return undefined;
  }
  return isShareMessage(value) ? value : undefined;
}

function isShareMessage(value: unknown): value is ShareMessage {
  if (!isObject(value) || Object.keys(value).length !== 3) return false;
  return value.kind === 'chat' && isMessageId(value.id) && isChatText(value.text);
}

export function isChatText(value: unknown): value is string {
  return isString(value, MAX_CHAT_MESSAGE_LENGTH) && value.trim() !== '';
}

function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}
