import { SealcallError } from '../errors.js';
import { DATA_KEY_BYTES } from './segment-format.js';
import type { KeyWrapContext } from './types.js';

/** Input checks shared by the key providers, in noble's wording. */

export function checkDataKey(dataKey: unknown): asserts dataKey is Uint8Array {
  if (!(dataKey instanceof Uint8Array)) throw new SealcallError('INVALID_ARGUMENT', `"dataKey" expected Uint8Array, got ${typeof dataKey}`);
  if (dataKey.length !== DATA_KEY_BYTES) {
    throw new SealcallError('INVALID_ARGUMENT', `"dataKey" expected Uint8Array of length ${DATA_KEY_BYTES}, got length=${dataKey.length}`);
  }
}

export function checkWrapped(wrapped: unknown): asserts wrapped is Uint8Array {
  if (!(wrapped instanceof Uint8Array)) throw new SealcallError('INVALID_ARGUMENT', `"wrapped" expected Uint8Array, got ${typeof wrapped}`);
}

export function checkContext(context: KeyWrapContext): void {
  if (typeof context !== 'object' || context === null || typeof context.artifactId !== 'string' || context.artifactId.length === 0) {
    throw new SealcallError('INVALID_ARGUMENT', '"context" expected { artifactId: non-empty string }');
  }
}
