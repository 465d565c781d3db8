import { SFrameContext, type CipherSuiteId } from '@sealcall/sframe';
import type { E2EEStats, FrameDropReason } from '../types.js';
import type { MediaKind, TransformSide } from '../worker-protocol.js';
import { clearPrefixLength, type FrameCodec } from './codec-prefix.js';
import { ratchetBaseKey } from './key-schedule.js';
import { dropReasonOf, ReceiveKeys, type ReceiveKeysOptions } from './receive-keys.js';

export interface FrameKeys {
  readonly sendKid: number;
  readonly sendKey: Uint8Array;
  readonly receiveKid: number;
  readonly receiveKey: Uint8Array;
}

export interface FrameCryptorOptions extends Omit<ReceiveKeysOptions, 'suite'> {
  readonly suite: CipherSuiteId;
}

/** What the frame path tells the worker about, outside of any one frame's result. */
export interface FrameEvents {
  /** A frame was dropped. */
  drop(reason: FrameDropReason): void;
  decrypted(): void;
  /**
   * A key frame is needed: after new keys on a side that dropped video for want of them, and
   * on the receive side when frames decrypt again after a burst of failures.
   */
  keyFrameNeeded(side: TransformSide): void;
  /** `kid` failed authentication too often in a row and is tried no more (but for probes). */
  keyInvalid(kid: number): void;
}

/** Consecutive failures after which a successful frame asks for a key frame (the decoder lost its references). */
const KEY_FRAME_AFTER_FAILURES = 3;

/** How a frame is framed: its kind of media, and the codec that says what stays clear. */
export interface FrameKind {
  readonly media: MediaKind;
  readonly codec: FrameCodec;
}

const emptyDrops = (): Record<FrameDropReason, number> => ({ 'no-key': 0, 'auth-failed': 0, 'key-invalid': 0, 'unknown-key': 0, replay: 0, malformed: 0, error: 0 });

/**
 * The frame path of the E2EE worker: SFrame-encrypts outgoing frames and decrypts incoming
 * ones, and never throws (a transform that throws kills its track for good): a frame that
 * cannot be processed is dropped and counted. The codec's own header (see codec-prefix.ts)
 * stays in the clear, authenticated as SFrame metadata.
 */
export class FrameCryptor {
  readonly #send: SFrameContext;
  readonly #receive: ReceiveKeys;
  readonly #events: FrameEvents;
  #sendKey: { kid: number; key: Uint8Array } | undefined;
  #encrypted = 0;
  #decrypted = 0;
  /** Video dropped for want of a key since the last keys were installed, per side: the decoder on the far end (or here) lacks a key frame. */
  readonly #keylessVideo: Record<TransformSide, boolean> = { send: false, receive: false };
  readonly #dropped = emptyDrops();

  constructor(options: FrameCryptorOptions, events: FrameEvents) {
    this.#send = new SFrameContext({ suite: options.suite, backend: 'webcrypto' });
    this.#receive = new ReceiveKeys(options);
    this.#events = events;
  }

  get stats(): E2EEStats {
    return {
      encrypted: this.#encrypted,
      decrypted: this.#decrypted,
      dropped: { ...this.#dropped },
      sendKid: this.#sendKey?.kid,
      receiveKids: this.#receive.kids,
    };
  }

  get sendKid(): number | undefined {
    return this.#sendKey?.kid;
  }

  /** Installs the keys of a new agreement; the previous agreement's keys go at once. */
  async setKeys(keys: FrameKeys): Promise<void> {
    this.clear();
    await this.#send.setSendKey(keys.sendKid, keys.sendKey);
    this.#sendKey = { kid: keys.sendKid, key: keys.sendKey };
    await this.#receive.install(keys.receiveKid, keys.receiveKey);
    for (const side of ['send', 'receive'] as const) {
      if (this.#keylessVideo[side]) this.#events.keyFrameNeeded(side);
      this.#keylessVideo[side] = false;
    }
  }

  /** Moves the send key one ratchet step forward; returns the new KID. */
  async rotate(): Promise<number> {
    const current = this.#sendKey;
    if (!current) throw new Error('No send key to rotate yet.');
    const next = { kid: current.kid + 2, key: await ratchetBaseKey(current.key) };
    await this.#send.setSendKey(next.kid, next.key);
    if (this.#sendKey !== current) {
      next.key.fill(0);
      throw new Error('The keys changed during the rotation.');
    }
    this.#sendKey = next;
    current.key.fill(0);
    return next.kid;
  }

  /** Forgets every key: from now on every frame is dropped. */
  clear(): void {
    this.#sendKey?.key.fill(0);
    this.#sendKey = undefined;
    this.#receive.clear();
  }

  async encrypt(frame: ArrayBuffer, kind: FrameKind): Promise<ArrayBuffer | undefined> {
    if (!this.#sendKey) return this.#drop('no-key', 'send', kind);
    const bytes = new Uint8Array(frame);
    const clear = clearPrefixLength(kind.codec, bytes);
    const prefix = bytes.subarray(0, clear);
    try {
      const sealed = await this.#send.encrypt(bytes.subarray(clear), prefix, { sendMetadata: true });
      this.#encrypted++;
      return joined(EMPTY, sealed);
    } catch (error) {
      return this.#drop(dropReasonOf(error), 'send', kind);
    }
  }

  async decrypt(frame: ArrayBuffer, kind: FrameKind): Promise<ArrayBuffer | undefined> {
    const bytes = new Uint8Array(frame);
    const clear = clearPrefixLength(kind.codec, bytes);
    const prefix = bytes.subarray(0, clear);
    const result = await this.#receive.open(bytes.subarray(clear), prefix, performance.now());
    if ('drop' in result) {
      if (result.markedInvalid !== undefined) this.#events.keyInvalid(result.markedInvalid);
      return this.#drop(result.drop, 'receive', kind);
    }
    this.#decrypted++;
    this.#events.decrypted();
    if (result.recoveredFrom >= KEY_FRAME_AFTER_FAILURES) this.#events.keyFrameNeeded('receive');
    return joined(prefix, result.plaintext);
  }

  #drop(reason: FrameDropReason, side: TransformSide, kind: FrameKind): undefined {
    this.#dropped[reason]++;
    if (kind.media === 'video' && (reason === 'no-key' || reason === 'unknown-key')) this.#keylessVideo[side] = true;
    this.#events.drop(reason);
    return undefined;
  }
}

const EMPTY = new Uint8Array(0);

/** `prefix || rest` as one ArrayBuffer: `rest`'s own when there is no prefix and it fills it (in Chromium a frame-sized allocation costs about as much as encrypting the frame). */
function joined(prefix: Uint8Array, rest: Uint8Array): ArrayBuffer {
  if (prefix.length === 0 && rest.byteOffset === 0 && rest.buffer instanceof ArrayBuffer && rest.byteLength === rest.buffer.byteLength) return rest.buffer;
  const out = new Uint8Array(prefix.length + rest.length);
  out.set(prefix);
  out.set(rest, prefix.length);
  return out.buffer;
}
