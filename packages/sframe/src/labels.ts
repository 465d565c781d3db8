/** RFC 9605 §4.4.2: the labels key derivation expands with, shared by both backends. @module */
import type { CipherSuiteId } from './suites.js';

const KEY_LABEL = 'SFrame 1.0 Secret key ';
const SALT_LABEL = 'SFrame 1.0 Secret salt ';

// RFC 9605 §4.4.2: label = "SFrame 1.0 Secret key " + KID + cipher_suite, where "The KID value
// is encoded as an 8-byte big-endian integer, not the compressed form used in the SFrame
// header" and "The cipher_suite value is a 2-byte big-endian integer".
function label(prefix: string, kid: bigint, suite: CipherSuiteId): Uint8Array {
  const text = new TextEncoder().encode(prefix);
  const out = new Uint8Array(text.length + 10);
  out.set(text);
  const view = new DataView(out.buffer);
  view.setBigUint64(text.length, kid);
  view.setUint16(text.length + 8, suite);
  return out;
}

/** sframe_key_label and sframe_salt_label of RFC 9605 §4.4.2. */
export function deriveLabels(suite: CipherSuiteId, kid: bigint): { key: Uint8Array; salt: Uint8Array } {
  return { key: label(KEY_LABEL, kid, suite), salt: label(SALT_LABEL, kid, suite) };
}
