/**
 * The server's countersignature of a consent record (docs/consent.md, "Countersigned by the
 * server"): the browser sends a record's hash, the server signs it with its audit key and its own
 * time, and logs it. A record rewritten afterwards no longer matches what the server signed.
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';
import { base64url, expecting, strict, text, time } from './schema-pieces.js';

export const COUNTERSIGN_PATH = '/v1/consent/countersignatures';
export const CONSENT_RECORD_KINDS = ['grant', 'withdrawal', 'refusal'] as const;
export type ConsentRecordKind = (typeof CONSENT_RECORD_KINDS)[number];

/** A purpose as the audit log may name it: a code such as `recording`, never free text. */
export const CONSENT_PURPOSE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

const HEX_64 = /^[0-9a-f]{64}$/;
const hash = (name: string) => v.pipe(v.string(expecting(name, 'a SHA-256 in lower-case hex')), v.regex(HEX_64, expecting(name, 'a SHA-256 in lower-case hex')));

/** The body of `POST /v1/consent/countersignatures`; the call and the subject are the storage token's. */
export const CountersignRequestSchema = strict('body', {
  recordHash: hash('recordHash'),
  kind: v.picklist(CONSENT_RECORD_KINDS, expecting('kind', CONSENT_RECORD_KINDS.join(', '))),
  purposes: v.pipe(
    v.array(v.pipe(v.string(expecting('purposes[]', 'a code of [a-z0-9-]')), v.regex(CONSENT_PURPOSE_PATTERN, expecting('purposes[]', 'a code of [a-z0-9-]'))), expecting('purposes', 'an array')),
    v.minLength(1, expecting('purposes', 'at least one purpose')),
    v.maxLength(20, expecting('purposes', 'at most 20 purposes')),
  ),
});
export type CountersignRequest = v.InferOutput<typeof CountersignRequestSchema>;

/**
 * The answer, kept with the record: Ed25519 by the server's audit key (`keyId`, its RFC 7638
 * thumbprint, published at `GET /v1/audit/keys`) over SHA-256 of `countersignedMessage`.
 */
export const CountersignatureSchema = v.object({
  recordHash: hash('recordHash'),
  countersignedAt: time('countersignedAt'),
  keyId: text('keyId', 128),
  signature: base64url('signature', 128),
}, expecting('countersignature', 'an object'));
export type Countersignature = v.InferOutput<typeof CountersignatureSchema>;

/** What the server signs (the SHA-256 of this text's UTF-8): the record's hash and the server's time. */
export function countersignedMessage(recordHash: string, countersignedAt: number): string {
  return `sealcall-consent-countersignature-v1/${recordHash}/${countersignedAt}`;
}

export function parseCountersignRequest(value: unknown): Parsed<CountersignRequest> {
  return parseWith(CountersignRequestSchema, value);
}

export function parseCountersignature(value: unknown): Parsed<Countersignature> {
  return parseWith(CountersignatureSchema, value);
}
