import type { ArtifactKind } from '@sealcall/protocol';

/**
 * `consent`: a consent record, stored like any artifact so that it lives where the evidence lives;
 * `location`: a position the customer shared (GeoJSON); `transcript`: a call's chat.
 */
export type { ArtifactKind };

/** `incomplete` from `beginArtifact()` until `finish()`; an interrupted write stays `incomplete`. */
export type ArtifactStatus = 'incomplete' | 'complete';

/**
 * Who holds the bytes: `device` is the browser of the person who captured them (the customer's
 * or the agent's), `vendor` is a storage service run by someone else, `own-servers` is the
 * integrator's own infrastructure.
 */
export type StorageLocation = 'device' | 'vendor' | 'own-servers';

/** The EU regions of Sealcall's region vocabulary (see policy.ts). */
export type EuRegion = 'eu-west' | 'eu-central' | 'eu-north' | 'eu-south' | 'eu-east';

/**
 * Where the bytes are: `device` for the browser itself, an EuRegion, or another region id such as
 * `us-east` or `uk-south`. This is Sealcall's own coarse vocabulary, not a cloud provider's
 * region names: AWS `eu-west-2` is London and `eu-central-2` is Zurich, outside the EU.
 */
export type StorageRegion = 'device' | EuRegion | (string & {});

/**
 * How the content is encrypted (at-rest/). Storage adapters keep it as given: they never see a
 * key they could use. Binary values are unpadded base64url so that metadata stays plain JSON.
 */
export interface ArtifactEncryption {
  readonly algorithm: string;
  /** The `KeyProvider.id` that wrapped the data key. */
  readonly keyProviderId: string;
  /** The data key wrapped by that provider; null once destroyed (crypto-shredding). */
  readonly wrappedKey: string | null;
  readonly noncePrefix: string;
}

/**
 * Everything stored about an artifact besides its content, and nothing more: no names, no
 * customer numbers (`subjectId` is pseudonymous, see `pseudonymousSubjectId`), no file names.
 * Times are milliseconds since the epoch, as `Date.now()` gives them.
 */
export interface ArtifactMetadata {
  readonly id: string;
  readonly callId: string;
  readonly subjectId: string;
  readonly kind: ArtifactKind;
  readonly mimeType: string;
  /** Stored (ciphertext) bytes so far. */
  readonly size: number;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** The consent record this artifact was taken under, if any. */
  readonly consentRef: string | null;
  /**
   * Why it was taken, as a code of yours (`claim-evidence`, `identity-check`): a store of record
   * may keep artifacts of different purposes for different periods. Optional.
   */
  readonly purpose?: string;
  readonly status: ArtifactStatus;
  /** Chunks stored so far: chunks `0` to `chunkCount - 1`, all of them whole. */
  readonly chunkCount: number;
  readonly encryption: ArtifactEncryption;
  /** Why a recording ended, set by `updateMetadata()` when it ends. */
  readonly endReason?: ArtifactEndReason;
}

/**
 * `consent-withdrawn`: the person withdrew consent and the recording stopped at once;
 * `call-ended`: the call ended first; `failed`: storing or recording failed part-way.
 */
export type ArtifactEndReason = 'stopped' | 'consent-withdrawn' | 'call-ended' | 'failed';

/**
 * What `beginArtifact()` takes: the adapter sets `size`, `status` and `chunkCount`. A store of
 * record (the reference server) decides more: `createdAt` from its own clock, `expiresAt` no later
 * than asked and within its retention, and the call and subject from its credentials (it refuses
 * others with STORAGE_UNAUTHORIZED); `getMetadata()` then returns what it decided.
 */
export type NewArtifact = Omit<ArtifactMetadata, 'size' | 'status' | 'chunkCount' | 'endReason'>;

/**
 * The fields that may change after creation: retention, the key for crypto-shredding, and why it
 * ended. A store of record (the reference server) lets them change one way only: the expiry
 * earlier, the wrapped key to null, the end reason once; it refuses the rest with
 * STORAGE_UNAUTHORIZED (or STORAGE_CONFLICT for a second end reason).
 */
export interface ArtifactMetadataPatch {
  readonly expiresAt?: number;
  readonly encryption?: ArtifactEncryption;
  readonly endReason?: ArtifactEndReason;
}

/**
 * Appends one artifact's content, chunk by chunk. Obtained from `StorageAdapter.beginArtifact()`.
 *
 * - `writeChunk(index, bytes)`: `index` must be the number of chunks stored so far (0, 1, 2, ...);
 *   anything else rejects with STORAGE_CONFLICT and stores nothing. Each call is atomic: the
 *   chunk and the metadata (`chunkCount`, `size`) change together or not at all, so a failed call
 *   (STORAGE_QUOTA_EXCEEDED, ...) can be retried with the same index. The bytes are copied.
 *   Calls made without awaiting the previous one are applied in call order.
 * - `finish()` marks the artifact `complete` and resolves with its metadata. From then on it never
 *   changes except through `updateMetadata()` and `delete()`.
 * - `abort()` deletes the artifact and everything written so far. Idempotent.
 * - After `finish()` or `abort()` every call rejects with INVALID_STATE. If the artifact was
 *   deleted meanwhile, `writeChunk()` and `finish()` reject with STORAGE_NOT_FOUND and never
 *   bring it back.
 */
export interface ArtifactWriter {
  readonly id: string;
  writeChunk(index: number, bytes: Uint8Array): Promise<void>;
  finish(): Promise<ArtifactMetadata>;
  abort(): Promise<void>;
}

/**
 * Where artifacts (pictures, recordings, documents) and their metadata are kept. Adapters store
 * ciphertext only: the SDK encrypts before it writes (at-rest/ArtifactVault). The contract every
 * implementation keeps (and `defineStorageConformance` checks):
 *
 * - Declared placement: `region` and `location` say where the bytes live, so that
 *   `assertStorageAllowed()` can refuse an adapter the integrator's policy forbids.
 * - Writing: `beginArtifact()` creates the artifact (`incomplete`, no chunks) and returns its
 *   writer (see ArtifactWriter); STORAGE_CONFLICT if the id exists. Content is never held whole
 *   in memory: it arrives chunk by chunk.
 * - Atomicity: a reader never sees a chunk half written, and never sees a `complete` artifact
 *   with a missing chunk: a chunk and the metadata that counts it are committed together.
 * - Half-written artifacts: an artifact whose writer never finished (a closed tab, a quota error)
 *   stays `incomplete`. It is listed like any other, and `getContent()` returns its chunks up to
 *   the last whole one. Nothing else cleans it up: delete it, or let retention expire it.
 * - Reading: `getContent()` snapshots `chunkCount` and returns a stream of those chunks in order,
 *   one stream chunk per stored chunk, fetched as the consumer pulls (memory stays flat). If the
 *   artifact is deleted while read, the stream errors with STORAGE_NOT_FOUND: a reader never
 *   takes a truncated stream for the whole.
 * - Listing: `listByCall`, `listBySubject` and `listExpiredBefore` return metadata of complete
 *   and incomplete artifacts in no particular order; `listExpiredBefore(t)` takes
 *   `expiresAt < t`.
 * - Errors: every failure is a SealcallError: STORAGE_NOT_FOUND (no artifact with that id),
 *   STORAGE_CONFLICT (id taken, out-of-order chunk, already complete), STORAGE_QUOTA_EXCEEDED
 *   (out of space; nothing of the failed call is stored and everything stored before is intact),
 *   INVALID_ARGUMENT (malformed metadata or chunk), INVALID_STATE (a finished writer),
 *   STORAGE_FAILED (anything else the back end reports; the cause is attached).
 * - `delete()` removes metadata and content together and is idempotent: deleting an unknown id
 *   resolves.
 * - Returned metadata are copies: changing them changes nothing stored.
 */
export interface StorageAdapter {
  readonly region: StorageRegion;
  readonly location: StorageLocation;
  beginArtifact(artifact: NewArtifact): Promise<ArtifactWriter>;
  getMetadata(id: string): Promise<ArtifactMetadata>;
  getContent(id: string): Promise<ReadableStream<Uint8Array>>;
  updateMetadata(id: string, patch: ArtifactMetadataPatch): Promise<ArtifactMetadata>;
  listByCall(callId: string): Promise<ArtifactMetadata[]>;
  listBySubject(subjectId: string): Promise<ArtifactMetadata[]>;
  listExpiredBefore(time: Date): Promise<ArtifactMetadata[]>;
  delete(id: string): Promise<void>;
}
