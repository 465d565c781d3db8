/**
 * The storage endpoint's types, all @sealcall/protocol's. The server never sees a key it can use:
 * the content is ciphertext and the data key is wrapped (see docs/storage.md).
 */

export type { StorageOperation, StorageRole, ArtifactEncryption, ArtifactEndReason, ArtifactKind, ArtifactPatch, ArtifactRecord, NewArtifact } from '@sealcall/protocol';
