import { SealcallError } from '../errors.js';
import { isObject } from '../internal/validate.js';
import type { ConsentReceipt } from './consent-ledger.js';
import { isTrustedKeySet, verifyCountersignature, type TrustedKeySet } from './countersignature.js';
import { GENESIS_HASH, verifyChain } from './record-hash.js';
import { isConsentRecord } from './record-shape.js';
import type { ConsentRecord } from './types.js';

export const CONSENT_RECEIPT_FORMAT = 'sealcall-consent-receipt/1';

/** A receipt as the person keeps it: a JSON file anyone can check without Sealcall's help. */
export interface ConsentReceiptDocument {
  readonly format: typeof CONSENT_RECEIPT_FORMAT;
  readonly subjectId: string;
  readonly issuedAt: string;
  /** The hash of the latest record: matching it against the organisation's ledger proves both hold the same history. */
  readonly head: string;
  readonly howToVerify: string;
  readonly records: readonly ConsentRecord[];
}

export interface ReceiptVerification {
  readonly valid: boolean;
  readonly head: string;
  readonly records: number;
  /** The id of the first record whose text hash, record hash, link or countersignature does not hold. */
  readonly brokenAt?: string;
}

export interface ReceiptVerificationOptions {
  /**
   * The server's audit keys (`GET /v1/audit/keys`): then every record must carry a
   * countersignature of its hash by one of them, so that a record rewritten on the device, its
   * chain recomputed, no longer verifies.
   */
  readonly trustedKeys?: TrustedKeySet;
}

const HOW_TO_VERIFY =
  'Each record\'s textSha256 is the SHA-256 (hex) of its shownText. Its hash is the SHA-256 (hex) of the JSON array ' +
  '[id, kind, purposes, subjectId, callId or null, method, confirmedBy or null, textSha256, locale, noticeVersion, at, previousHash]. ' +
  'previousHash is the hash of the record before it (64 zeros for the first). head is the hash of the last record. ' +
  'A countersignature, where present, is the organisation\'s server\'s Ed25519 signature (key keyId of its /v1/audit/keys) ' +
  'over the SHA-256 of "sealcall-consent-countersignature-v1/<hash>/<countersignedAt>".';

/** The receipt as a downloadable JSON file (offer it with URL.createObjectURL, or attach it to a message). */
export function consentReceiptFile(receipt: ConsentReceipt): File {
  const document: ConsentReceiptDocument = {
    format: CONSENT_RECEIPT_FORMAT,
    subjectId: receipt.subjectId,
    issuedAt: receipt.issuedAt,
    head: receipt.records.at(-1)?.hash ?? GENESIS_HASH,
    howToVerify: HOW_TO_VERIFY,
    records: receipt.records,
  };
  const day = receipt.issuedAt.slice(0, 10);
  return new File([JSON.stringify(document, null, 2)], `consent-receipt-${day}.json`, { type: 'application/json' });
}

/**
 * Checks a receipt file's content (parsed JSON, or its text): the shape, every text hash, every
 * record hash, the chain, that `head` is its last link, and, given `trustedKeys`, every
 * record's countersignature. Throws INVALID_ARGUMENT for what is
 * not a receipt at all; a receipt that was altered comes back `valid: false`.
 */
export function verifyConsentReceipt(input: unknown, options: ReceiptVerificationOptions = {}): ReceiptVerification {
  const { trustedKeys } = options;
  if (trustedKeys !== undefined && !isTrustedKeySet(trustedKeys)) throw new SealcallError('INVALID_ARGUMENT', '"trustedKeys" expected a JWKS: { keys: [...] }');
  const document = typeof input === 'string' ? parse(input) : input;
  if (!isObject(document) || document.format !== CONSENT_RECEIPT_FORMAT || !Array.isArray(document.records) || typeof document.head !== 'string') {
    throw new SealcallError('INVALID_ARGUMENT', `Not a consent receipt: expected JSON with format "${CONSENT_RECEIPT_FORMAT}", records and head.`);
  }
  const entries: readonly unknown[] = document.records;
  const malformed = entries.find((r) => !isConsentRecord(r));
  if (malformed !== undefined) return { valid: false, head: document.head, records: entries.length, brokenAt: isObject(malformed) && typeof malformed.id === 'string' ? malformed.id : '(unnamed)' };
  const records = entries as readonly ConsentRecord[];
  const chain = verifyChain(records);
  const unsigned = trustedKeys === undefined ? undefined : records.find((r) => !verifyCountersignature(r.hash, r.countersignature, trustedKeys));
  const brokenAt = chain.brokenAt ?? unsigned?.id;
  const last = records.at(-1)?.hash ?? GENESIS_HASH;
  const sameSubject = records.every((r) => r.subjectId === document.subjectId);
  const valid = chain.valid && unsigned === undefined && last === document.head && sameSubject;
  return { valid, head: document.head, records: records.length, ...(brokenAt ? { brokenAt } : {}) };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SealcallError('INVALID_ARGUMENT', 'Not a consent receipt: the file is not JSON.', { cause });
  }
}
