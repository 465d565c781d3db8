import { concatBytes, utf8 } from '../internal/bytes.js';
import { isCount, isMessageId, isObject, isOptional, isString, type JsonObject } from '../internal/validate.js';
import { isDocumentType, MAX_DOCUMENT_NAME_LENGTH, type DocumentType } from './document-type.js';

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
  | { readonly kind: 'ack'; readonly id: string }
  /**
   * A document follows, in chunks; `sha256` (hex) is of its bytes. One at a time per sender. A
   * customer's names their grant record (purpose `document`) when they gave one.
   */
  | { readonly kind: 'document-offer'; readonly id: string; readonly name: string; readonly type: DocumentType; readonly size: number; readonly sha256: string; readonly consentRef?: string }
  /** Every chunk of the document `id` has been sent. */
  | { readonly kind: 'document-end'; readonly id: string }
  /** The receiver's verdict on the document `id`: it arrived whole, or why it was not taken. */
  | { readonly kind: 'document-received'; readonly id: string; readonly document: string }
  | { readonly kind: 'document-refused'; readonly id: string; readonly document: string; readonly reason: DocumentRefusalReason };

/** Why a document was not taken: over the size limit, not a type allowed, damaged on the way, or the connection was rebuilt part-way. */
export type DocumentRefusalReason = 'too-large' | 'type-not-allowed' | 'corrupt' | 'interrupted';
const REFUSAL_REASONS: ReadonlySet<unknown> = new Set<DocumentRefusalReason>(['too-large', 'type-not-allowed', 'corrupt', 'interrupted']);

/**
 * Messages that go once, on the connection of the moment: neither acknowledged nor sent again
 * (a document interrupted by a rebuilt connection is sent anew, whole).
 */
export const SENT_ONCE: ReadonlySet<ShareMessage['kind']> = new Set(['ack', 'document-offer', 'document-end']);

/** The first byte of an opened frame: what follows it. */
const JSON_MESSAGE = 1;
const DOCUMENT_CHUNK = 2;
/** A chunk: its type byte, its index (4 bytes), and at most this many bytes of the document. */
export const DOCUMENT_CHUNK_BYTES = 48 * 1024;

export function encodeDocumentChunk(index: number, bytes: Uint8Array): Uint8Array {
  const header = new Uint8Array(5);
  header[0] = DOCUMENT_CHUNK;
  new DataView(header.buffer).setUint32(1, index);
  return concatBytes(header, bytes);
}

/** The chunk, or undefined when `bytes` is not one. */
export function decodeDocumentChunk(bytes: Uint8Array): { readonly index: number; readonly bytes: Uint8Array } | undefined {
  if (bytes[0] !== DOCUMENT_CHUNK || bytes.length < 6 || bytes.length > 5 + DOCUMENT_CHUNK_BYTES) return undefined;
  return { index: new DataView(bytes.buffer, bytes.byteOffset).getUint32(1), bytes: bytes.subarray(5) };
}

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

/** `fields` counts every field, `optional` those a message may leave out. */
const checks: { readonly [K in ShareMessage['kind']]: { readonly fields: number; readonly optional?: readonly string[]; readonly check: (m: JsonObject) => boolean } } = {
  chat: { fields: 3, check: (m) => isChatText(m.text) },
  'location-request': { fields: 2, check: () => true },
  location: {
    fields: 7,
    check: (m) =>
      isBetween(m.latitude, -90, 90) && isBetween(m.longitude, -180, 180) && isBetween(m.accuracy, 0, 1e7) && isCount(m.takenAt) && isConsentRef(m.consentRef),
  },
  'location-refused': { fields: 3, check: (m) => m.reason === 'declined' || m.reason === 'denied' || m.reason === 'unavailable' },
  ack: { fields: 2, check: () => true },
  'document-offer': {
    fields: 7,
    optional: ['consentRef'],
    check: (m) =>
      isString(m.name, MAX_DOCUMENT_NAME_LENGTH) &&
      isDocumentType(m.type) &&
      isCount(m.size) &&
      m.size > 0 &&
      typeof m.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(m.sha256) &&
      isOptional(m.consentRef, isConsentRef),
  },
  'document-end': { fields: 2, check: () => true },
  'document-received': { fields: 3, check: (m) => isMessageId(m.document) },
  'document-refused': { fields: 4, check: (m) => isMessageId(m.document) && REFUSAL_REASONS.has(m.reason) },
};

function isShareMessage(value: unknown): value is ShareMessage {
  if (!isObject(value) || typeof value.kind !== 'string' || !Object.hasOwn(checks, value.kind) || !isMessageId(value.id)) return false;
  const { fields, optional = [], check } = checks[value.kind as ShareMessage['kind']];
  const missing = optional.filter((field) => !Object.hasOwn(value, field)).length;
  return Object.keys(value).length === fields - missing && check(value);
}

/** The id of a consent record, as the customer's ledger made it. */
function isConsentRef(value: unknown): value is string {
  return isString(value) && value !== '';
}

export function isChatText(value: unknown): value is string {
  return isString(value, MAX_CHAT_MESSAGE_LENGTH) && value.trim() !== '';
}

function isBetween(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
