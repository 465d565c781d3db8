/** RFC 9605 §4.5 cipher suites and their constants (Table 1), by IANA value (§8.1). @module */
import { SFrameError, typeError } from './errors.js';

/** The cipher suites of RFC 9605 §8.1 (Table 2), by name. */
export const CipherSuite = {
  AES_128_CTR_HMAC_SHA256_80: 1,
  AES_128_CTR_HMAC_SHA256_64: 2,
  AES_128_CTR_HMAC_SHA256_32: 3,
  AES_128_GCM_SHA256_128: 4,
  AES_256_GCM_SHA512_128: 5,
} as const;

/** The IANA value of a cipher suite: 1..5. */
export type CipherSuiteId = (typeof CipherSuite)[keyof typeof CipherSuite];

export type CipherSuiteName = keyof typeof CipherSuite;

/** One row of RFC 9605 Table 1, with the AEAD and hash it names. */
export interface SuiteParams {
  readonly id: CipherSuiteId;
  readonly name: CipherSuiteName;
  /** 'gcm': AES-GCM; 'ctr-hmac': the AES-CTR + HMAC compound AEAD of §4.5.1. */
  readonly aead: 'gcm' | 'ctr-hmac';
  readonly hash: 'SHA-256' | 'SHA-512';
  /** Hash output size. */
  readonly nh: number;
  /** AES key size inside the compound AEAD (§4.5.1); 0 for GCM, where the table says n/a. */
  readonly nka: number;
  /** AEAD key size: for 'ctr-hmac' Nka + Nh, split by §4.5.1 derive_subkeys. */
  readonly nk: number;
  /** Nonce size. */
  readonly nn: number;
  /** Tag size (AEAD overhead). */
  readonly nt: number;
}

// RFC 9605 §4.5, Table 1: Nh, Nka, Nk, Nn, Nt.
const SUITES: Readonly<Record<CipherSuiteId, SuiteParams>> = {
  1: { id: 1, name: 'AES_128_CTR_HMAC_SHA256_80', aead: 'ctr-hmac', hash: 'SHA-256', nh: 32, nka: 16, nk: 48, nn: 12, nt: 10 },
  2: { id: 2, name: 'AES_128_CTR_HMAC_SHA256_64', aead: 'ctr-hmac', hash: 'SHA-256', nh: 32, nka: 16, nk: 48, nn: 12, nt: 8 },
  3: { id: 3, name: 'AES_128_CTR_HMAC_SHA256_32', aead: 'ctr-hmac', hash: 'SHA-256', nh: 32, nka: 16, nk: 48, nn: 12, nt: 4 },
  4: { id: 4, name: 'AES_128_GCM_SHA256_128', aead: 'gcm', hash: 'SHA-256', nh: 32, nka: 0, nk: 16, nn: 12, nt: 16 },
  5: { id: 5, name: 'AES_256_GCM_SHA512_128', aead: 'gcm', hash: 'SHA-512', nh: 64, nka: 0, nk: 32, nn: 12, nt: 16 },
};

/** The constants of a suite; throws SFRAME_UNKNOWN_SUITE for anything but 1..5. */
export function getSuite(suite: unknown): SuiteParams {
  if (typeof suite !== 'number') {
    throw typeError(`"suite" expected number (RFC 9605 cipher suite 1..5), got type=${typeof suite}`);
  }
  const params = Object.hasOwn(SUITES, suite) ? SUITES[suite as CipherSuiteId] : undefined;
  if (params === undefined) {
    throw new SFrameError(
      'SFRAME_UNKNOWN_SUITE',
      `unknown cipher suite ${suite}: expected one of RFC 9605 §4.5, 1..5 ` +
        '(e.g. CipherSuite.AES_128_GCM_SHA256_128 = 4)',
    );
  }
  return params;
}
