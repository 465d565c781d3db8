/**
 * The pieces of RFC 9605 §4.5.1 (AES-CTR with HMAC-SHA2, encrypt-then-MAC) that both backends
 * share, so that they cannot disagree on byte layout. Internal.
 * @module
 */
import { writeU64 } from './bytes.js';
import type { SuiteParams } from './suites.js';

/**
 * RFC 9605 §4.5.1 derive_subkeys: "The encryption subkey comprises the first Nka bytes and the
 * authentication subkey comprises the remaining Nh bytes." Views into `key`, not copies.
 */
export function splitKey(params: SuiteParams, key: Uint8Array): { encKey: Uint8Array; authKey: Uint8Array } {
  return { encKey: key.subarray(0, params.nka), authKey: key.subarray(params.nka) };
}

/**
 * RFC 9605 §4.5.1: "initial_counter = nonce + 0x00000000 # append four zero bytes".
 * Frames are capped at 2^36 - 32 bytes (check.ts), so the low 32 bits never wrap and a 32-bit
 * (WebCrypto `length: 32`) and a 128-bit (noble) block counter give the same keystream.
 */
export function initialCounter(nonce: Uint8Array): Uint8Array {
  const block = new Uint8Array(16);
  block.set(nonce);
  return block;
}

/**
 * RFC 9605 §4.5.1 compute_tag: auth_data = aad_len + ct_len + tag_len + nonce + aad + ct, with
 * each length "encode_big_endian(..., 8)". Returns the first 24 bytes; the HMAC input continues
 * with nonce, aad and ct, which callers feed without copying where they can.
 */
export function authDataPrefix(params: SuiteParams, aadLength: number, ctLength: number): Uint8Array {
  const prefix = new Uint8Array(24);
  writeU64(prefix, 0, aadLength);
  writeU64(prefix, 8, ctLength);
  writeU64(prefix, 16, params.nt);
  return prefix;
}
