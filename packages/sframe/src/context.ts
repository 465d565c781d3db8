/**
 * SFrameContext: the stateful, asynchronous SFrame endpoint for real use. It owns the key store
 * of RFC 9605 §4.4.1 (one send key, any number of receive keys, by KID), the send counters
 * (§9.1) and a replay window per receive KID (§9.3).
 * @module
 */
import type { SFrameBackend } from './backend.js';
import { hasWebCrypto, subtle, webCryptoBackend } from './backend-webcrypto.js';
import { EMPTY, concat, nonceFor } from './bytes.js';
import { checkBaseKey, checkBytes, checkPlaintext, toU64 } from './check.js';
import { SendCounters } from './counter.js';
import type { KeyMaterial } from './derive.js';
import { SFrameError, backendError, rangeError, typeError } from './errors.js';
import { parseFrame, sealInputs } from './framing.js';
import { ReplayWindow, type ReplayVerdict } from './replay-window.js';
import { getSuite, type CipherSuiteId, type SuiteParams } from './suites.js';

export interface SFrameContextOptions {
  /** The RFC 9605 cipher suite, 1..5: see `CipherSuite`. */
  readonly suite: CipherSuiteId;
  /**
   * Where the crypto runs. Default: 'webcrypto' where `globalThis.crypto.subtle` exists
   * (browsers on https, workers, Node 20), else 'reference' (pure JavaScript).
   */
  readonly backend?: 'webcrypto' | 'reference' | SFrameBackend;
  /**
   * Receive side: how many counters, ending at the highest accepted one, a frame may arrive
   * out of order within. Older counters and repeats are refused (SFRAME_REPLAY). Default 128.
   */
  readonly replayWindow?: number;
}

/** A decrypted frame and the header values it authenticated. */
export interface EncryptOptions {
  /** Put `metadata` in front of the SFrame ciphertext, in the buffer `encrypt` returns. Default false. */
  sendMetadata?: boolean;
}

export interface DecryptedFrame {
  readonly plaintext: Uint8Array;
  readonly kid: bigint;
  readonly ctr: bigint;
}

export const DEFAULT_REPLAY_WINDOW = 128;
const MAX_REPLAY_WINDOW = 65536;

interface KeyEntry {
  readonly kid: bigint;
  readonly backend: SFrameBackend;
  readonly key: unknown;
  readonly salt: Uint8Array;
}

interface ReceiveEntry extends KeyEntry {
  readonly window: ReplayWindow;
}

const BACKEND_METHODS = ['deriveKeyMaterial', 'importKey', 'seal', 'open', 'dropKey'] as const;

/** The pure-JavaScript backend is loaded only by a context that uses it: the media path never does. */
const loadReferenceBackend = (): Promise<SFrameBackend> => import('./backend-noble.js').then((module) => module.referenceBackend);

function resolveBackend(choice: unknown): SFrameBackend | Promise<SFrameBackend> {
  if (choice === undefined) return hasWebCrypto() ? webCryptoBackend : loadReferenceBackend();
  if (choice === 'reference') return loadReferenceBackend();
  if (choice === 'webcrypto') {
    subtle(); // fails here, not at the first frame, where WebCrypto is missing
    return webCryptoBackend;
  }
  if (typeof choice === 'object' && choice !== null) {
    const missing = BACKEND_METHODS.filter((m) => typeof (choice as Record<string, unknown>)[m] !== 'function');
    if (missing.length === 0) return choice as SFrameBackend;
    throw typeError(`"backend" expected an SFrameBackend, got an object without ${missing.join(', ')}`);
  }
  throw typeError(`"backend" expected 'webcrypto', 'reference' or an SFrameBackend, got ${String(choice)}`);
}

function checkWindow(value: unknown): number {
  if (value === undefined) return DEFAULT_REPLAY_WINDOW;
  if (typeof value !== 'number') throw typeError(`"replayWindow" expected number, got type=${typeof value}`);
  if (!Number.isInteger(value) || value < 1 || value > MAX_REPLAY_WINDOW) {
    throw rangeError(`"replayWindow" expected integer in 1..${MAX_REPLAY_WINDOW}, got ${value}`);
  }
  return value;
}

function replayError(kid: bigint, ctr: bigint, verdict: NonNullable<ReplayVerdict>, size: number): SFrameError {
  const why =
    verdict === 'duplicate'
      ? 'was already accepted'
      : `is ${size} or more behind the newest accepted counter (replay window ${size})`;
  return new SFrameError('SFRAME_REPLAY', `replayed or stale frame: CTR ${ctr} of KID ${kid} ${why}; drop it`);
}

/**
 * Encrypts outgoing and decrypts incoming SFrame ciphertexts for one cipher suite.
 *
 * - One send key at a time. Its counter starts at 0 and is reserved synchronously in
 *   `encrypt()`, so overlapping calls never share one. Counters are per KID and kept for the
 *   life of the context: setting a KID again (even with another base key) continues its
 *   counter, and a KID never repeats a CTR. Past 2^64-1: SFRAME_COUNTER_EXHAUSTED.
 * - RFC 9605 §4.4.1: "Implementations MUST mark each base_key as usable for encryption or
 *   decryption, never both." A KID passed to `setSendKey` cannot become a receive KID in this
 *   context, and a receive KID cannot become the send KID.
 * - Receive keys each have a replay window, moved only by frames that authenticated.
 * - Key changes take effect when their promise resolves; when two overlap for the same key
 *   slot, the later call wins. Replaced and removed keys are zeroed where the backend allows
 *   (raw key bytes, salts; CryptoKeys are non-extractable and simply dropped).
 */
export class SFrameContext {
  /** The RFC 9605 cipher suite of this context. */
  readonly suite: CipherSuiteId;
  readonly #params: SuiteParams;
  /** Awaited by every key derivation; each key keeps the backend that prepared it. */
  readonly #backend: SFrameBackend | Promise<SFrameBackend>;
  readonly #windowSize: number;
  readonly #counters = new SendCounters();
  readonly #receive = new Map<bigint, ReceiveEntry>();
  #send: KeyEntry | undefined;
  /** Ordering of key changes: the latest pending operation per slot wins. */
  #ops = 0;
  #sendOp = 0;
  readonly #receiveOps = new Map<bigint, number>();

  constructor(options: SFrameContextOptions) {
    if (typeof options !== 'object' || options === null) {
      throw typeError(`"options" expected { suite, backend?, replayWindow? }, got ${options === null ? 'null' : `type=${typeof options}`}`);
    }
    this.#params = getSuite(options.suite);
    this.suite = this.#params.id;
    this.#backend = resolveBackend(options.backend);
    this.#windowSize = checkWindow(options.replayWindow);
  }

  /**
   * Derives (once) and installs the key used by `encrypt()`, replacing the previous send key.
   * A KID set again continues its counter; a receive KID is refused (SFRAME_BAD_INPUT).
   */
  async setSendKey(kid: bigint | number, baseKey: Uint8Array): Promise<void> {
    const k = toU64(kid, 'kid');
    checkBaseKey(baseKey);
    if (this.#receive.has(k) || this.#receiveOps.has(k)) {
      throw rangeError(
        `"kid" ${k} is a receive KID in this context; RFC 9605 §4.4.1 keeps a key for encryption ` +
          'or decryption, never both: send with another KID',
      );
    }
    // Synchronous, before any await: from here on `k` is a send KID with a counter.
    this.#counters.claim(k);
    const op = (this.#sendOp = ++this.#ops);
    const entry = await this.#prepare(k, baseKey);
    if (op !== this.#sendOp) return this.#drop(entry);
    const previous = this.#send;
    this.#send = entry;
    if (previous !== undefined) this.#drop(previous);
  }

  /**
   * Derives and installs a key for decrypting frames with this KID. Replacing the key of a KID
   * keeps its replay window; a send KID is refused (SFRAME_BAD_INPUT).
   */
  async addReceiveKey(kid: bigint | number, baseKey: Uint8Array): Promise<void> {
    const k = toU64(kid, 'kid');
    checkBaseKey(baseKey);
    if (this.#counters.has(k)) {
      throw rangeError(
        `"kid" ${k} is a send KID in this context; RFC 9605 §4.4.1 keeps a key for encryption ` +
          'or decryption, never both: receive with another KID',
      );
    }
    const op = ++this.#ops;
    this.#receiveOps.set(k, op);
    let entry: KeyEntry;
    try {
      entry = await this.#prepare(k, baseKey);
    } catch (err) {
      if (this.#receiveOps.get(k) === op) this.#receiveOps.delete(k);
      throw err;
    }
    // Superseded by a later addReceiveKey, or removed meanwhile.
    if (this.#receiveOps.get(k) !== op) return this.#drop(entry);
    this.#receiveOps.delete(k);
    const previous = this.#receive.get(k);
    this.#receive.set(k, { ...entry, window: previous?.window ?? new ReplayWindow(this.#windowSize) });
    if (previous !== undefined) this.#drop(previous);
  }

  /**
   * Forgets the key and replay window of a receive KID (also cancels a pending
   * `addReceiveKey` for it) and zeroes its key material. Returns whether there was one.
   */
  removeReceiveKey(kid: bigint | number): boolean {
    const k = toU64(kid, 'kid');
    const pending = this.#receiveOps.delete(k);
    const entry = this.#receive.get(k);
    if (entry === undefined) return pending;
    this.#receive.delete(k);
    this.#drop(entry);
    return true;
  }

  /**
   * Encrypts one frame with the send key and its next counter (RFC 9605 §4.4.3):
   * header || ciphertext || tag. `metadata` is authenticated, not sent (§9.4), unless
   * `sendMetadata` puts it in front, in the same buffer: metadata || header || ciphertext || tag
   * (a codec header that must stay readable, say), without a second copy of the frame.
   */
  async encrypt(plaintext: Uint8Array, metadata: Uint8Array = EMPTY, { sendMetadata = false }: EncryptOptions = {}): Promise<Uint8Array> {
    checkPlaintext(plaintext);
    checkBytes(metadata, 'metadata');
    const send = this.#send;
    if (send === undefined) {
      throw new SFrameError('SFRAME_UNKNOWN_KEY', 'no send key: call setSendKey(kid, baseKey) and await it before encrypt()');
    }
    // RFC 9605 §7.4: "senders MUST reject requests to encrypt multiple times with the same key
    // and nonce". Reserved synchronously, before the first await.
    const ctr = this.#counters.take(send.kid);
    const { header, nonce, aad } = sealInputs(send.kid, ctr, send.salt, metadata);
    let sealed: Uint8Array;
    try {
      sealed = await send.backend.seal(send.key, nonce, aad, plaintext);
    } catch (err) {
      throw backendError(err, 'encrypt');
    }
    return sendMetadata ? concat(metadata, header, sealed) : concat(header, sealed);
  }

  /**
   * Decrypts one SFrame ciphertext (RFC 9605 §4.4.4) with the receive key of its KID. Refuses
   * replays; the replay window moves only after the frame authenticated.
   */
  async decrypt(frame: Uint8Array, metadata: Uint8Array = EMPTY): Promise<DecryptedFrame> {
    checkBytes(frame, 'frame');
    checkBytes(metadata, 'metadata');
    const { kid, ctr, header, sealed } = parseFrame(this.#params, frame);
    const entry = this.#receive.get(kid);
    if (entry === undefined) {
      throw new SFrameError(
        'SFRAME_UNKNOWN_KEY',
        `no receive key for KID ${kid}: add it with addReceiveKey(), or buffer the frame until it arrives (RFC 9605 §4.4.4)`,
      );
    }
    const early = entry.window.check(ctr);
    if (early !== undefined) throw replayError(kid, ctr, early, this.#windowSize);
    let plaintext: Uint8Array;
    try {
      plaintext = await entry.backend.open(entry.key, nonceFor(entry.salt, ctr), concat(header, metadata), sealed);
    } catch (err) {
      throw backendError(err, 'decrypt');
    }
    // Authenticated: only now may the window move. A concurrent decrypt of the same frame
    // may have been accepted meanwhile, so this checks again.
    const late = entry.window.accept(ctr);
    if (late !== undefined) {
      plaintext.fill(0);
      throw replayError(kid, ctr, late, this.#windowSize);
    }
    return { plaintext, kid, ctr };
  }

  /** RFC 9605 §4.4.2 derivation and the backend's key import; raw key bytes zeroed after. */
  async #prepare(kid: bigint, baseKey: Uint8Array): Promise<KeyEntry> {
    let backend: SFrameBackend;
    let material: KeyMaterial;
    try {
      backend = await this.#backend;
      material = await backend.deriveKeyMaterial(this.suite, kid, baseKey);
    } catch (err) {
      throw backendError(err, 'derive key material');
    }
    try {
      checkBytes(material.salt, 'salt', this.#params.nn);
      return { kid, backend, key: await backend.importKey(this.suite, material.key), salt: material.salt };
    } catch (err) {
      if (material.salt instanceof Uint8Array) material.salt.fill(0);
      throw backendError(err, 'import key');
    } finally {
      if (material.key instanceof Uint8Array) material.key.fill(0);
    }
  }

  #drop(entry: KeyEntry): void {
    entry.salt.fill(0);
    entry.backend.dropKey(entry.key);
  }
}
