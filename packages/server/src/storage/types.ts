/**
 * The artifact shapes of the storage endpoint: the SDK's `ArtifactMetadata` as JSON. The server
 * keeps them as given and never sees a key it can use: the content is ciphertext and the data key
 * is wrapped (see docs/storage.md).
 */

export type StorageRole = 'agent' | 'customer' | 'office';

/** What a request does; the access rules (access.ts) are per operation. */
export type StorageOperation =
  | 'begin'
  | 'append'
  | 'finish'
  | 'metadata'
  | 'content'
  | 'update'
  | 'delete'
  | 'list-by-call'
  | 'list-by-subject'
  | 'list-expired';

export type ArtifactKind = 'picture' | 'recording' | 'document' | 'consent';

export type ArtifactEndReason = 'stopped' | 'consent-withdrawn' | 'call-ended' | 'failed';

export interface ArtifactEncryption {
  readonly algorithm: string;
  readonly keyProviderId: string;
  readonly wrappedKey: string | null;
  readonly noncePrefix: string;
}

/** The body of `POST /v1/artifacts`. */
export interface NewArtifact {
  readonly id: string;
  readonly callId: string;
  readonly subjectId: string;
  readonly kind: ArtifactKind;
  readonly mimeType: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly consentRef: string | null;
  readonly encryption: ArtifactEncryption;
}

export interface ArtifactRecord extends NewArtifact {
  readonly size: number;
  readonly status: 'incomplete' | 'complete';
  readonly chunkCount: number;
  readonly endReason?: ArtifactEndReason;
}

/** The body of `PATCH /v1/artifacts/:id`. */
export interface ArtifactPatch {
  readonly expiresAt?: number;
  readonly encryption?: ArtifactEncryption;
  readonly endReason?: ArtifactEndReason;
}
