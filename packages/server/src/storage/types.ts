/**
 * The storage endpoint's roles and operations; the artifact shapes are @sealcall/protocol's. The
 * server never sees a key it can use: the content is ciphertext and the data key is wrapped
 * (see docs/storage.md).
 */

export type { StorageRole } from '@sealcall/protocol';

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

export type { ArtifactEncryption, ArtifactEndReason, ArtifactKind, ArtifactPatch, ArtifactRecord, NewArtifact } from '@sealcall/protocol';
