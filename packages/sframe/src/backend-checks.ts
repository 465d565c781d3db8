/** Argument checks shared by the built-in backends, so both reject the same inputs. Internal. @module */
import { checkBytes, checkPlaintext } from './check.js';
import { SFrameError } from './errors.js';
import type { SuiteParams } from './suites.js';

/** Keys a backend has dropped: using one again is refused rather than run with zeroed bytes. */
export type DroppedKeys = WeakSet<object>;

export function liveKey<K extends object>(dropped: DroppedKeys, handle: K): K {
  if (dropped.has(handle)) {
    throw new SFrameError('SFRAME_UNKNOWN_KEY', 'this key was dropped (removed or replaced); import the key again');
  }
  return handle;
}

export function checkSeal(params: SuiteParams, nonce: unknown, aad: unknown, plaintext: unknown): void {
  checkBytes(nonce, 'nonce', params.nn);
  checkBytes(aad, 'aad');
  checkPlaintext(plaintext);
}

export function checkOpen(params: SuiteParams, nonce: unknown, aad: unknown, sealed: unknown): void {
  checkBytes(nonce, 'nonce', params.nn);
  checkBytes(aad, 'aad');
  const bytes = checkBytes(sealed, 'sealed');
  if (bytes.length < params.nt) {
    throw new SFrameError(
      'SFRAME_TRUNCATED',
      `ciphertext truncated: ${params.name} needs at least a ${params.nt}-byte tag, got ${bytes.length} bytes`,
    );
  }
}
