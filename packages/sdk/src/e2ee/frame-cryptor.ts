import { decodeHeader, SFrameContext, SFrameError, type CipherSuiteId } from '@sealcall/sframe';
import { ratchetBaseKey } from './key-agreement.js';
import type { E2EEStats, FrameDropReason } from './types.js';

export interface FrameKeys {
  sendKid: number;
  sendKey: Uint8Array;
  receiveKid: number;
  receiveKey: Uint8Array;
}

const dropReasons: Readonly<Record<string, FrameDropReason>> = {
  SFRAME_AUTH_FAILED: 'auth-failed',
  SFRAME_UNKNOWN_KEY: 'unknown-key',
  SFRAME_REPLAY: 'replay',
  SFRAME_BAD_HEADER: 'malformed',
  SFRAME_TRUNCATED: 'malformed',
};

/**
 * The frame path of the E2EE worker: SFrame-encrypts outgoing frames and decrypts incoming
 * ones, never throwing (a transform that throws kills its track for good): a frame that cannot
 * be processed is dropped and counted. Rotation is a ratchet both sides can follow: the next
 * key of a sender is derived from its current one, under KID + 2.
 */
export class FrameCryptor {
  readonly #context: SFrameContext;
  readonly #graceMs: number;
  #send: { kid: number; key: Uint8Array } | undefined;
  #latestReceive: { kid: number; key: Uint8Array } | undefined;
  readonly #receiveKids = new Set<number>();
  #encrypted = 0;
  #decrypted = 0;
  readonly #dropped: Record<FrameDropReason, number> = { 'no-key': 0, 'auth-failed': 0, 'unknown-key': 0, replay: 0, malformed: 0, error: 0 };

  constructor(options: { suite: CipherSuiteId; keyGraceMs: number }) {
    this.#context = new SFrameContext({ suite: options.suite, backend: 'webcrypto' });
    this.#graceMs = options.keyGraceMs;
  }

  get stats(): E2EEStats {
    return { encrypted: this.#encrypted, decrypted: this.#decrypted, dropped: { ...this.#dropped } };
  }

  get sendKid(): number | undefined {
    return this.#send?.kid;
  }

  /**
   * Installs the keys of a new agreement (a new participant, or one that reloaded). Frames under
   * the previous agreement's keys are of no use any more, so those keys go at once.
   */
  async setKeys(keys: FrameKeys): Promise<void> {
    this.clear();
    await this.#context.setSendKey(keys.sendKid, keys.sendKey);
    this.#send = { kid: keys.sendKid, key: keys.sendKey };
    await this.#addReceiveKey(keys.receiveKid, keys.receiveKey);
  }

  /** Moves the send key one ratchet step forward; returns the new KID. */
  async rotate(): Promise<number> {
    const current = this.#send;
    if (!current) throw new Error('No send key to rotate yet.');
    const next = { kid: current.kid + 2, key: ratchetBaseKey(current.key) };
    await this.#context.setSendKey(next.kid, next.key);
    this.#send = next;
    current.key.fill(0);
    return next.kid;
  }

  /** Forgets every key: from now on every frame is dropped. */
  clear(): void {
    this.#send?.key.fill(0);
    this.#send = undefined;
    this.#latestReceive?.key.fill(0);
    this.#latestReceive = undefined;
    for (const kid of this.#receiveKids) this.#context.removeReceiveKey(kid);
    this.#receiveKids.clear();
  }

  async encrypt(frame: ArrayBuffer): Promise<ArrayBuffer | undefined> {
    if (!this.#send) return this.#drop('no-key');
    try {
      const out = await this.#context.encrypt(new Uint8Array(frame));
      this.#encrypted++;
      return exactBuffer(out);
    } catch (error) {
      return this.#drop(reasonOf(error));
    }
  }

  async decrypt(frame: ArrayBuffer): Promise<ArrayBuffer | undefined> {
    const bytes = new Uint8Array(frame);
    try {
      await this.#followRatchet(bytes);
      const { plaintext } = await this.#context.decrypt(bytes);
      this.#decrypted++;
      return exactBuffer(plaintext);
    } catch (error) {
      return this.#drop(reasonOf(error));
    }
  }

  /** RFC 9605 §4.4.1 leaves key distribution to the application: a frame under KID + 2 means the sender rotated. */
  async #followRatchet(frame: Uint8Array): Promise<void> {
    const latest = this.#latestReceive;
    if (!latest) return;
    const { kid } = decodeHeader(frame);
    if (kid !== BigInt(latest.kid + 2)) return;
    const previous = [...this.#receiveKids];
    await this.#addReceiveKey(latest.kid + 2, ratchetBaseKey(latest.key));
    this.#retire(previous);
  }

  async #addReceiveKey(kid: number, key: Uint8Array): Promise<void> {
    await this.#context.addReceiveKey(kid, key);
    this.#receiveKids.add(kid);
    this.#latestReceive = { kid, key };
  }

  #retire(kids: number[]): void {
    if (kids.length === 0) return;
    setTimeout(() => {
      for (const kid of kids) {
        if (kid === this.#latestReceive?.kid) continue;
        this.#context.removeReceiveKey(kid);
        this.#receiveKids.delete(kid);
      }
    }, this.#graceMs);
  }

  #drop(reason: FrameDropReason): undefined {
    this.#dropped[reason]++;
    return undefined;
  }
}

function reasonOf(error: unknown): FrameDropReason {
  return error instanceof SFrameError ? (dropReasons[error.code] ?? 'error') : 'error';
}

function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  return bytes.slice().buffer;
}
