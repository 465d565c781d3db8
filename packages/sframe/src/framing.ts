/** The framing steps of RFC 9605 §4.4.3 and §4.4.4 that every encrypt and decrypt shares. @module */
import { concat, nonceFor } from './bytes.js';
import { SFrameError } from './errors.js';
import { decodeHeader, encodeHeaderUnchecked } from './header.js';
import type { SuiteParams } from './suites.js';

/** The AEAD inputs for one frame, per RFC 9605 §4.4.3 encrypt(). */
export function sealInputs(kid: bigint, ctr: bigint, salt: Uint8Array, metadata: Uint8Array) {
  const header = encodeHeaderUnchecked(kid, ctr);
  // "nonce = xor(sframe_salt, CTR)"; "aad = header + metadata"
  return { header, nonce: nonceFor(salt, ctr), aad: concat(header, metadata) };
}

/**
 * RFC 9605 §4.4.4 parse_ciphertext: KID, CTR, header and the AEAD ciphertext (with tag).
 * `sealed` is a view into `frame`, not a copy.
 */
export function parseFrame(params: SuiteParams, frame: Uint8Array) {
  const { kid, ctr, length } = decodeHeader(frame);
  if (frame.length < length + params.nt) {
    throw new SFrameError(
      'SFRAME_TRUNCATED',
      `SFrame ciphertext truncated: ${params.name} needs a ${length}-byte header and a ` +
        `${params.nt}-byte tag, got ${frame.length} bytes in all; pass the whole frame`,
    );
  }
  return { kid, ctr, header: frame.subarray(0, length), sealed: frame.subarray(length) };
}
