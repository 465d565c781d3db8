import { concatBytes, utf8 } from '../internal/bytes.js';
import { isCount, isMessageId, isObject, isString, type JsonObject } from '../internal/validate.js';

/** The longest chat message, in UTF-16 code units (what `String.length` counts). */
export const MAX_CHAT_MESSAGE_LENGTH = 2000;

/** Why a customer's side did not share a location: they said no, their browser refused, or it had none. */
export type LocationRefusalReason = 'declined' | 'denied' | 'unavailable';

/** A position as the customer's device gave it: degrees (WGS 84), metres, and when, by that device's clock. */
export interface SharedPosition {
  readonly latitude: number;
  readonly longitude: number;
  /** Metres, at 95% confidence (the Geolocation API's `accuracy`). */
  readonly accuracy: number;
  readonly takenAt: number;
}

/**
 * What the participants say to each other on the sealed channel, once a frame is opened. It
 * never crosses the server: the two pages are its only ends.
 */
export type ShareMessage =
  | { readonly kind: 'chat'; readonly id: string; readonly text: string }
  /** Agent to customer: share your location once (the customer's side asks them first). */
  | { readonly kind: 'location-request'; readonly id: string }
  /** Customer to agent, in answer to the request `id`: the position, and the customer's grant record. */
  | ({ readonly kind: 'location'; readonly id: string; readonly consentRef: string } & SharedPosition)
  | { readonly kind: 'location-refused'; readonly id: string; readonly reason: LocationRefusalReason }
  /** Either side: the message `id` arrived (it is not sent again on a rebuilt connection). */
  | { readonly kind: 'ack'; readonly id: string };

/** The first byte of an opened frame: what follows it. */
const JSON_MESSAGE = 1;

export function encodeShareMessage(message: ShareMessage): Uint8Array {
  return concatBytes(Uint8Array.of(JSON_MESSAGE), utf8(JSON.stringify(message)));
}

/** The message, or undefined for anything else: an unknown kind, a bad or extra field, broken UTF-8. */
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

const checks: { readonly [K in ShareMessage['kind']]: { readonly fields: number; readonly check: (m: JsonObject) => boolean } } = {
  chat: { fields: 3, check: (m) => isChatText(m.text) },
  'location-request': { fields: 2, check: () => true },
  location: {
    fields: 7,
    check: (m) =>
      isBetween(m.latitude, -90, 90) && isBetween(m.longitude, -180, 180) && isBetween(m.accuracy, 0, 1e7) && isCount(m.takenAt) && isString(m.consentRef) && m.consentRef !== '',
  },
  'location-refused': { fields: 3, check: (m) => m.reason === 'declined' || m.reason === 'denied' || m.reason === 'unavailable' },
  ack: { fields: 2, check: () => true },
};

function isShareMessage(value: unknown): value is ShareMessage {
  if (!isObject(value) || typeof value.kind !== 'string' || !Object.hasOwn(checks, value.kind) || !isMessageId(value.id)) return false;
  const { fields, check } = checks[value.kind as ShareMessage['kind']];
  return Object.keys(value).length === fields && check(value);
}

export function isChatText(value: unknown): value is string {
  return isString(value, MAX_CHAT_MESSAGE_LENGTH) && value.trim() !== '';
}

function isBetween(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
