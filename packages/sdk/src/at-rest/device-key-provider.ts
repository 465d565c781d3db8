import type { DBSchema } from 'idb';
import { concatBytes, equalBytes, lengthPrefixed, toBase64Url, utf8 } from '../internal/bytes.js';
import { IdbConnection } from '../storage/idb-connection.js';
import { commit, requests } from '../storage/idb-transaction.js';
import { artifactError } from './errors.js';
import { checkContext, checkDataKey, checkWrapped } from './key-checks.js';
import { DATA_KEY_BYTES, TAG_BYTES } from './segment-format.js';
import type { KeyProvider, KeyWrapContext } from './types.js';
import { aesGcmDecrypt, aesGcmEncrypt, subtle } from './webcrypto.js';

export interface DeviceKeyProviderOptions {
  /** The IndexedDB database holding the device keys. Default `sealcall-keys`. */
  databaseName?: string;
  /** Which device key; one browser can hold several. Default `default`. */
  keyName?: string;
}

interface DeviceKeyRecord {
  readonly name: string;
  /** Random, names this key in every key it wraps. */
  readonly keyId: Uint8Array;
  readonly key: CryptoKey;
  readonly createdAt: number;
}

/** What is left of a destroyed key: its id, so that its artifacts read as destroyed, not foreign. */
interface Tombstone {
  readonly keyId: string;
  readonly name: string;
  readonly destroyedAt: number;
}

export interface DeviceKeySchema extends DBSchema {
  keys: { key: string; value: DeviceKeyRecord };
  destroyed: { key: string; value: Tombstone };
}

const VERSION = 1;
const KEY_ID_BYTES = 16;
const IV_BYTES = 12;
const WRAPPED_BYTES = 1 + KEY_ID_BYTES + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const LABEL = 'sealcall/at-rest/v1/device-wrap';

/**
 * The default key provider: a non-extractable AES-256-GCM key made in this browser and kept in
 * its IndexedDB (CryptoKey objects are stored as they are, never as bytes), so page scripts can
 * use it but no script can read it out. Artifacts it wraps are readable on this device only,
 * until `destroy()`.
 *
 * Wrapped key: version (0x01) || key id (16) || IV (12, random) || AES-256-GCM(data key) with
 * tag (48); associated data: the label, the key id and the artifact id.
 */
export class DeviceKeyProvider implements KeyProvider {
  readonly id: string;
  readonly #keyName: string;
  readonly #db: IdbConnection<DeviceKeySchema>;

  constructor(options: DeviceKeyProviderOptions = {}) {
    this.#db = new IdbConnection(options.databaseName ?? 'sealcall-keys', (db) => {
      db.createObjectStore('keys', { keyPath: 'name' });
      db.createObjectStore('destroyed', { keyPath: 'keyId' });
    });
    this.#keyName = options.keyName ?? 'default';
    this.id = `device:${this.#keyName}`;
  }

  /** Makes the device key on first use. */
  async wrap(dataKey: Uint8Array, context: KeyWrapContext): Promise<Uint8Array> {
    checkDataKey(dataKey);
    checkContext(context);
    const record = (await this.#current()) ?? (await this.#create());
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = await aesGcmEncrypt(record.key, iv, aad(record.keyId, context), dataKey);
    return concatBytes(Uint8Array.of(VERSION), record.keyId, iv, sealed);
  }

  async unwrap(wrapped: Uint8Array, context: KeyWrapContext): Promise<Uint8Array> {
    checkWrapped(wrapped);
    checkContext(context);
    if (wrapped.length !== WRAPPED_BYTES || wrapped[0] !== VERSION) {
      throw artifactError('ARTIFACT_CORRUPT', `Artifact "${context.artifactId}": the wrapped key is malformed.`);
    }
    const keyId = wrapped.subarray(1, 1 + KEY_ID_BYTES);
    const record = await this.#current();
    if (!record || !equalBytes(record.keyId, keyId)) {
      if (await this.#db.run((db) => db.get('destroyed', toBase64Url(keyId)))) {
        throw artifactError('ARTIFACT_KEY_DESTROYED', `Artifact "${context.artifactId}" was encrypted under a device key that was destroyed: it can never be read again.`);
      }
      throw artifactError('ARTIFACT_KEY_UNAVAILABLE', `Artifact "${context.artifactId}" was encrypted under a device key this browser does not hold (another device or browser profile).`);
    }
    const iv = wrapped.subarray(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + IV_BYTES);
    const dataKey = await aesGcmDecrypt(record.key, iv, aad(keyId, context), wrapped.subarray(1 + KEY_ID_BYTES + IV_BYTES));
    if (!dataKey) throw artifactError('ARTIFACT_CORRUPT', `Artifact "${context.artifactId}": the wrapped key does not authenticate (altered, or another artifact's).`);
    return dataKey;
  }

  /**
   * Deletes the device key: every artifact it wrapped becomes unreadable (ARTIFACT_KEY_DESTROYED),
   * here and wherever its ciphertext was copied. The next `wrap()` makes a new key.
   */
  async destroy(): Promise<void> {
    const db = await this.#db.open();
    const tx = db.transaction(['keys', 'destroyed'], 'readwrite');
    await commit(tx, async () => {
      const record = await tx.objectStore('keys').get(this.#keyName);
      if (!record) return;
      await requests(
        () => tx.objectStore('keys').delete(this.#keyName),
        () => tx.objectStore('destroyed').put({ keyId: toBase64Url(record.keyId), name: this.#keyName, destroyedAt: Date.now() }),
      );
    });
  }

  /** Closes the database connection; the next call opens it again. */
  close(): void {
    this.#db.close();
  }

  // Read on every use, never cached: a key destroyed in another tab must stop working here too.
  #current(): Promise<DeviceKeyRecord | undefined> {
    return this.#db.run((db) => db.get('keys', this.#keyName));
  }

  async #create(): Promise<DeviceKeyRecord> {
    const key = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const fresh: DeviceKeyRecord = { name: this.#keyName, keyId: crypto.getRandomValues(new Uint8Array(KEY_ID_BYTES)), key, createdAt: Date.now() };
    const db = await this.#db.open();
    const tx = db.transaction('keys', 'readwrite');
    // Another tab may have made one meanwhile: the first one stored wins.
    return commit(tx, async () => {
      const existing = await tx.store.get(this.#keyName);
      if (existing) return existing;
      await tx.store.put(fresh);
      return fresh;
    });
  }
}

function aad(keyId: Uint8Array, context: KeyWrapContext): Uint8Array {
  return concatBytes(utf8(LABEL), keyId, lengthPrefixed(utf8(context.artifactId)));
}
