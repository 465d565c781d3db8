/**
 * The one error type this package throws. `code` is stable and meant for programs; `message`
 * is for people and says what was wrong and what to do.
 * @module
 */

/** Every failure of this package, as a stable string. */
export type SFrameErrorCode =
  /** An argument has the wrong type (cause: TypeError) or size/range (cause: RangeError). */
  | 'SFRAME_BAD_INPUT'
  /** The SFrame header is malformed: a KID or CTR is not minimally encoded (RFC 9605 §4.3). */
  | 'SFRAME_BAD_HEADER'
  /** The input ends before the header, or is shorter than header + authentication tag. */
  | 'SFRAME_TRUNCATED'
  /** The tag did not verify: wrong key, wrong metadata, or the frame was modified. */
  | 'SFRAME_AUTH_FAILED'
  /** The cipher suite is not one of the five of RFC 9605 §4.5. */
  | 'SFRAME_UNKNOWN_SUITE'
  /** No key for this KID (receive), or no send key set (send). */
  | 'SFRAME_UNKNOWN_KEY'
  /** The counter was already accepted for this KID, or is older than the replay window. */
  | 'SFRAME_REPLAY'
  /** The send key has used every counter value up to 2^64-1: set a new send key (new KID). */
  | 'SFRAME_COUNTER_EXHAUSTED'
  /** The crypto backend failed for a reason other than authentication (cause attached). */
  | 'SFRAME_BACKEND_ERROR';

export class SFrameError extends Error {
  override readonly name = 'SFrameError';
  readonly code: SFrameErrorCode;

  constructor(code: SFrameErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Wrong type: `SFRAME_BAD_INPUT` with a TypeError cause, noble-style message. */
export function typeError(message: string): SFrameError {
  return new SFrameError('SFRAME_BAD_INPUT', message, { cause: new TypeError(message) });
}

/** Wrong size or range: `SFRAME_BAD_INPUT` with a RangeError cause, noble-style message. */
export function rangeError(message: string): SFrameError {
  return new SFrameError('SFRAME_BAD_INPUT', message, { cause: new RangeError(message) });
}

/** RFC 9605 §4.4.4: the AEAD rejected the frame; no detail, on purpose. */
export function authFailed(cause?: unknown): SFrameError {
  return new SFrameError(
    'SFRAME_AUTH_FAILED',
    'SFrame authentication failed: wrong key for this KID, wrong metadata, or the frame was modified; drop it',
    cause === undefined ? undefined : { cause },
  );
}

/** Passes SFrameErrors through and wraps anything else a backend threw. */
export function backendError(err: unknown, operation: string): SFrameError {
  if (err instanceof SFrameError) return err;
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new SFrameError('SFRAME_BACKEND_ERROR', `crypto backend failed to ${operation} (${detail})`, {
    cause: err,
  });
}
