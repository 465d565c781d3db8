import { SealcallError } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../internal/bytes.js';
import { IndexedDBStorage } from '../storage/indexeddb-storage.js';
import { assertStorageAllowed } from '../storage/policy.js';
import type { StorageAdapter } from '../storage/types.js';
import { checkId } from '../storage/validate.js';
import { DeviceKeyProvider } from './device-key-provider.js';
import { decryptStream } from './decrypt-stream.js';
import { artifactError } from './errors.js';
import { ARTIFACT_ALGORITHM, DATA_KEY_BYTES, NONCE_PREFIX_BYTES } from './segment-format.js';
import { artifactCipher } from './artifact-cipher.js';
import { SegmentCipher } from './segment-cipher.js';
import type { ArtifactVaultOptions, KeyProvider, VaultReadOptions, VaultReadResult, VaultWriteOptions, VaultWriter } from './types.js';
import { SegmentingWriter } from './vault-writer.js';

/**
 * Stores artifacts encrypted: each gets a fresh random 256-bit data key, wrapped by a key
 * provider and kept in the metadata; the content is encrypted in 64 KiB segments on its way to
 * the storage adapter and decrypted as it is read back. Plaintext never reaches the adapter.
 */
export class ArtifactVault {
  readonly storage: StorageAdapter;
  readonly #providers: readonly KeyProvider[];
  readonly #now: () => number;

  /** Throws STORAGE_REGION_REFUSED when `policy` does not allow the storage. */
  constructor(options: ArtifactVaultOptions = {}) {
    this.storage = options.storage ?? new IndexedDBStorage();
    this.#providers = options.keyProviders ?? [new DeviceKeyProvider()];
    this.#now = options.now ?? Date.now;
    if (this.#providers.length === 0) throw new SealcallError('INVALID_ARGUMENT', '"keyProviders" expected at least one KeyProvider, got none');
    assertStorageAllowed(this.storage, options.policy);
  }

  /** Begins an artifact: `incomplete` in storage until the writer's `close()`. */
  async write({ meta, keyProvider = this.#providers[0] as KeyProvider }: VaultWriteOptions): Promise<VaultWriter> {
    if (typeof meta !== 'object' || meta === null) throw new SealcallError('INVALID_ARGUMENT', `"meta" expected an object, got ${String(meta)}`);
    const id = meta.id ?? crypto.randomUUID();
    checkId(id);
    const dataKey = crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
    const noncePrefix = crypto.getRandomValues(new Uint8Array(NONCE_PREFIX_BYTES));
    try {
      const wrapped = await keyProvider.wrap(dataKey, { artifactId: id });
      const cipher = await SegmentCipher.create(dataKey, id, noncePrefix);
      const writer = await this.storage.beginArtifact({
        ...meta,
        id,
        createdAt: this.#now(),
        encryption: { algorithm: ARTIFACT_ALGORITHM, keyProviderId: keyProvider.id, wrappedKey: toBase64Url(wrapped), noncePrefix: toBase64Url(noncePrefix) },
      });
      return new SegmentingWriter(writer, cipher);
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * Opens an artifact for reading. Rejects with STORAGE_NOT_FOUND, ARTIFACT_INCOMPLETE (never
   * finished, and `allowIncomplete` not set), ARTIFACT_KEY_DESTROYED, ARTIFACT_KEY_UNAVAILABLE (no
   * provider here can unwrap its key) or ARTIFACT_CORRUPT; the stream itself errors with
   * ARTIFACT_CORRUPT at the first segment that is not where and what it should be.
   */
  async read(id: string, options: VaultReadOptions = {}): Promise<VaultReadResult> {
    const metadata = await this.storage.getMetadata(id);
    const incomplete = metadata.status === 'incomplete';
    if (incomplete && !options.allowIncomplete) {
      throw artifactError('ARTIFACT_INCOMPLETE', `Artifact "${id}" was never finished (interrupted while written); read it with { allowIncomplete: true } to get what was stored.`);
    }
    const cipher = await artifactCipher(metadata, this.#providers);
    return { metadata, incomplete, stream: decryptStream(await this.storage.getContent(id), cipher, incomplete, id) };
  }

  /**
   * Crypto-shredding: deletes the wrapped data key from the artifact's metadata (and asks its key
   * provider to `forget` it, where it can), after which the content reads as
   * ARTIFACT_KEY_DESTROYED. Idempotent. Copies of the metadata made before (backups, replicas)
   * still hold the wrapped key: to reach those, destroy the provider's key (docs/storage.md).
   */
  async destroyArtifactKey(id: string): Promise<void> {
    const metadata = await this.storage.getMetadata(id);
    const { encryption } = metadata;
    if (encryption.wrappedKey === null) return;
    await this.storage.updateMetadata(id, { encryption: { ...encryption, wrappedKey: null } });
    const provider = this.#providers.find((p) => p.id === encryption.keyProviderId);
    const wrapped = fromBase64Url(encryption.wrappedKey);
    if (provider?.forget && wrapped) await provider.forget(wrapped, { artifactId: id });
  }

  /** Destroys the artifact's key, then deletes it. Idempotent: erasing an unknown id resolves. */
  async erase(id: string): Promise<void> {
    try {
      await this.destroyArtifactKey(id);
    } catch (error) {
      if (!(error instanceof SealcallError && error.code === 'STORAGE_NOT_FOUND')) throw error;
    }
    await this.storage.delete(id);
  }
}
