/**
 * RFC 9605 §4.4.3 encryption and §4.4.4 decryption of one SFrame ciphertext, as synchronous
 * functions on the reference backend.
 * @module
 */
import { referenceBackend } from './backend-noble.js';
import { concat, nonceFor } from './bytes.js';
import { checkBytes, checkPlaintext, toU64 } from './check.js';
import type { KeyMaterial } from './derive.js';
import { typeError } from './errors.js';
import { parseFrame, sealInputs } from './framing.js';
import { getSuite, type CipherSuiteId, type SuiteParams } from './suites.js';

function checkMaterial(params: SuiteParams, material: unknown): KeyMaterial {
  if (typeof material !== 'object' || material === null) {
    throw typeError(`"material" expected { key, salt } from deriveKeyMaterial(), got ${material === null ? 'null' : `type=${typeof material}`}`);
  }
  const { key, salt } = material as Partial<KeyMaterial>;
  checkBytes(key, 'material.key', params.nk);
  checkBytes(salt, 'material.salt', params.nn);
  return material as KeyMaterial;
}

/**
 * Encrypts one frame (RFC 9605 §4.4.3) with the reference backend: header || ciphertext || tag.
 * Each (material, kid, ctr) must be used for one frame only; SFrameContext ensures that for you.
 */
export function encryptFrame(
  suite: CipherSuiteId,
  material: KeyMaterial,
  kid: bigint | number,
  ctr: bigint | number,
  metadata: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const params = getSuite(suite);
  const { key, salt } = checkMaterial(params, material);
  const k = toU64(kid, 'kid');
  const c = toU64(ctr, 'ctr');
  checkBytes(metadata, 'metadata');
  checkPlaintext(plaintext);
  const { header, nonce, aad } = sealInputs(k, c, salt, metadata);
  const handle = referenceBackend.importKey(params.id, key);
  try {
    return concat(header, referenceBackend.seal(handle, nonce, aad, plaintext));
  } finally {
    referenceBackend.dropKey(handle);
  }
}

/**
 * Decrypts one SFrame ciphertext (RFC 9605 §4.4.4) with the reference backend. The caller picks
 * `material` for the frame's KID (read it with decodeHeader); `metadata` must be what the
 * sender authenticated. Throws SFrameError: SFRAME_TRUNCATED, SFRAME_BAD_HEADER, SFRAME_AUTH_FAILED.
 */
export function decryptFrame(
  suite: CipherSuiteId,
  material: KeyMaterial,
  metadata: Uint8Array,
  frame: Uint8Array,
): Uint8Array {
  const params = getSuite(suite);
  const { key, salt } = checkMaterial(params, material);
  checkBytes(metadata, 'metadata');
  const { ctr, header, sealed } = parseFrame(params, checkBytes(frame, 'frame'));
  const handle = referenceBackend.importKey(params.id, key);
  try {
    return referenceBackend.open(handle, nonceFor(salt, ctr), concat(header, metadata), sealed);
  } finally {
    referenceBackend.dropKey(handle);
  }
}
