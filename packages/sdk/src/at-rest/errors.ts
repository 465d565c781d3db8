import { SealcallError } from '../errors.js';

/** The codes encryption at rest adds to SealcallErrorCode. */
export type ArtifactErrorCode = 'ARTIFACT_CORRUPT' | 'ARTIFACT_INCOMPLETE' | 'ARTIFACT_KEY_DESTROYED' | 'ARTIFACT_KEY_UNAVAILABLE' | 'ARTIFACT_UNPLAYABLE';

export function artifactError(code: ArtifactErrorCode, message: string, options?: { cause?: unknown }): SealcallError {
  return new SealcallError(code, message, options);
}
