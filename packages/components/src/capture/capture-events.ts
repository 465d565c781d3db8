import type { ArtifactEndReason, ArtifactMetadata, SealcallError, SharedDocument, SharedLocation } from '@sealcall/sdk';

export interface SealPictureStoredDetail {
  readonly metadata: ArtifactMetadata;
}
export interface SealRecordingStoppedDetail {
  /** The artifact as stored; if `deleted`, as it was just before. */
  readonly metadata: ArtifactMetadata;
  readonly reason: ArtifactEndReason;
  /** Deleted because the customer withdrew consent (`after-withdrawal="delete"`, the default). */
  readonly deleted: boolean;
}
export interface SealTranscriptStoredDetail {
  /** The artifact as stored (kind `transcript`). */
  readonly metadata: ArtifactMetadata;
}
export interface SealLocationStoredDetail {
  /** The artifact as stored (kind `location`). */
  readonly metadata: ArtifactMetadata;
  readonly location: SharedLocation;
}
export interface SealCaptureErrorDetail {
  readonly error: SealcallError;
}
export interface SealDocumentStoredDetail {
  /** The artifact as stored (kind `document`). */
  readonly metadata: ArtifactMetadata;
  readonly document: SharedDocument;
}

declare global {
  interface SealCaptureEventMap {
    'seal-picture-stored': CustomEvent<SealPictureStoredDetail>;
    'seal-recording-stopped': CustomEvent<SealRecordingStoppedDetail>;
    'seal-location-stored': CustomEvent<SealLocationStoredDetail>;
    'seal-transcript-stored': CustomEvent<SealTranscriptStoredDetail>;
    'seal-document-stored': CustomEvent<SealDocumentStoredDetail>;
    'seal-capture-error': CustomEvent<SealCaptureErrorDetail>;
  }
  interface HTMLElementEventMap extends SealCaptureEventMap {}
  interface DocumentEventMap extends SealCaptureEventMap {}
}
