import type { ArtifactMetadata, NewArtifact, StorageAdapter } from '../storage/types.js';
import type { StoragePolicy } from '../storage/policy.js';

/** What a wrapped data key is bound to: unwrapping it for another artifact fails. */
export interface KeyWrapContext {
  readonly artifactId: string;
}

/**
 * Wraps the per-artifact data keys; the integrator chooses and controls it. The contract:
 *
 * - `id` is stored with every artifact it wraps (`encryption.keyProviderId`) and is how a vault
 *   finds the provider again to read. It names the wrapping key, not the code: every instance
 *   that can unwrap the same keys has the same id.
 * - `wrap(dataKey, context)` returns bytes from which only this provider's key recovers the data
 *   key, bound to `context` (AEAD associated data or equivalent). It keeps no copy of the key.
 * - `unwrap(wrapped, context)` returns the 32-byte data key, or rejects with a SealcallError:
 *   ARTIFACT_CORRUPT (the wrapped key was altered, or belongs to another artifact),
 *   ARTIFACT_KEY_DESTROYED (the key that wrapped it was destroyed), ARTIFACT_KEY_UNAVAILABLE (this
 *   provider cannot unwrap it: it holds only a public key, or another device's key).
 * - `destroy()`, where offered, destroys the wrapping key itself: every artifact it ever wrapped
 *   becomes unreadable, wherever its ciphertext and wrapped key were copied.
 * - `forget(wrapped, context)`, where offered, destroys what the provider keeps for one artifact
 *   (a key-management service holding the data key behind a handle deletes it). The vault calls
 *   it when that artifact's key is destroyed.
 */
export interface KeyProvider {
  readonly id: string;
  wrap(dataKey: Uint8Array, context: KeyWrapContext): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, context: KeyWrapContext): Promise<Uint8Array>;
  destroy?(): Promise<void>;
  forget?(wrapped: Uint8Array, context: KeyWrapContext): Promise<void>;
}

/** An artifact's metadata before the vault adds the id (if not given), the time and the key. */
export type ArtifactDraft = Omit<NewArtifact, 'id' | 'createdAt' | 'encryption'> & { readonly id?: string };

export interface VaultWriteOptions {
  readonly meta: ArtifactDraft;
  /** Wraps this artifact's data key. Default: the vault's first key provider. */
  readonly keyProvider?: KeyProvider;
}

/**
 * Encrypts and stores one artifact as it is produced. `write()` takes any sizes and stores a
 * segment whenever 64 KiB have gathered, so at most one segment is held in memory; await it for
 * backpressure (calls are applied in order either way, and `bytes` must stay unchanged until
 * its call settles). `close()` stores the final segment and
 * marks the artifact complete. `abort()` deletes it. After a failed call (STORAGE_QUOTA_EXCEEDED,
 * ...) every further call but `abort()` rejects with that error; what was stored before stays
 * readable as an incomplete artifact.
 */
export interface VaultWriter {
  readonly id: string;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<ArtifactMetadata>;
  abort(): Promise<void>;
}

export interface VaultReadOptions {
  /** Read an artifact that was never finished, up to its last whole segment. Default false. */
  readonly allowIncomplete?: boolean;
}

export interface VaultReadResult {
  readonly metadata: ArtifactMetadata;
  /**
   * True when the artifact was never finished (`status: 'incomplete'`): the stream ends after its
   * last stored segment, and the content may stop mid-way.
   */
  readonly incomplete: boolean;
  /**
   * The plaintext, decrypted segment by segment as it is pulled. It errors with ARTIFACT_CORRUPT
   * at the first segment that fails authentication or is missing, out of place, from another
   * artifact or past the end: plaintext already delivered is authentic, but the whole is not.
   */
  readonly stream: ReadableStream<Uint8Array>;
}

export interface ArtifactVaultOptions {
  /** Default: a new IndexedDBStorage. */
  readonly storage?: StorageAdapter;
  /** Providers to read with, found by id; the first also wraps by default. Default: a DeviceKeyProvider. */
  readonly keyProviders?: readonly KeyProvider[];
  /** Checked against the storage's declared placement at construction (STORAGE_REGION_REFUSED). */
  readonly policy?: StoragePolicy;
  /** Milliseconds since the epoch, for `createdAt`. Default `Date.now`. */
  readonly now?: () => number;
}
