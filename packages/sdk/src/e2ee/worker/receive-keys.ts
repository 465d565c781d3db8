import { decodeHeader, SFrameContext, SFrameError, type CipherSuiteId } from '@sealcall/sframe';
import type { FrameDropReason } from '../types.js';
import { ratchetBaseKey } from './key-schedule.js';

export interface ReceiveKeysOptions {
  readonly suite: CipherSuiteId;
  /** How long a key replaced by the sender's rotation still decrypts frames in flight. */
  readonly graceMs: number;
  /** How many rotations ahead of the newest key a frame may be (KID + 2 … KID + 2 × window). */
  readonly ratchetWindow: number;
  /** Consecutive authentication failures after which a key is marked invalid. */
  readonly failureTolerance: number;
  /** While a key is invalid, one frame under it is still tried this often. */
  readonly probeIntervalMs: number;
}

export type OpenResult =
  | { readonly plaintext: Uint8Array; readonly followedRatchet: boolean; readonly recoveredFrom: number }
  | { readonly drop: FrameDropReason; readonly markedInvalid?: number };

interface KeyHealth {
  failures: number;
  invalid: boolean;
  lastProbe: number;
}

const dropReasons: Readonly<Record<string, FrameDropReason>> = {
  SFRAME_AUTH_FAILED: 'auth-failed',
  SFRAME_UNKNOWN_KEY: 'unknown-key',
  SFRAME_REPLAY: 'replay',
  SFRAME_BAD_HEADER: 'malformed',
  SFRAME_TRUNCATED: 'malformed',
};

export function dropReasonOf(error: unknown): FrameDropReason {
  return error instanceof SFrameError ? (dropReasons[error.code] ?? 'error') : 'error';
}

/**
 * The other participant's keys, on the receive side. Rotation is a ratchet both sides follow
 * on their own: a sender's next key is derived from its current one under KID + 2. A frame
 * under a KID ahead of the newest key is tried with the derived key *on the side* (in a
 * context of its own), and only a frame that authenticates installs it and retires the older
 * keys: a forged frame, whatever KID it names, changes nothing.
 *
 * Per installed key: after `failureTolerance` consecutive authentication failures the key is
 * marked invalid, and its frames are dropped untried (`key-invalid`) but for one probe every
 * `probeIntervalMs`, until one authenticates or a new key comes.
 */
export class ReceiveKeys {
  readonly #options: ReceiveKeysOptions;
  #context: SFrameContext;
  #candidates: SFrameContext;
  /** The newest installed key: the base of the ratchet. */
  #newest: { kid: number; key: Uint8Array } | undefined;
  readonly #health = new Map<number, KeyHealth>();
  /** Keys derived ahead of the newest, by KID, tried on the side. */
  readonly #ahead = new Map<number, Uint8Array>();
  readonly #retiring = new Set<ReturnType<typeof setTimeout>>();
  #aheadTurn: Promise<void> = Promise.resolve();

  constructor(options: ReceiveKeysOptions) {
    this.#options = options;
    this.#context = this.#newContext();
    this.#candidates = this.#newContext();
  }

  /** KIDs that decrypt now, oldest first. */
  get kids(): number[] {
    return [...this.#health.keys()].sort((a, b) => a - b);
  }

  /** Installs the key of a new agreement; every earlier key goes at once. */
  async install(kid: number, key: Uint8Array): Promise<void> {
    this.clear();
    await this.#context.addReceiveKey(kid, key);
    this.#health.set(kid, { failures: 0, invalid: false, lastProbe: 0 });
    this.#newest = { kid, key };
  }

  clear(): void {
    for (const timer of this.#retiring) clearTimeout(timer);
    this.#retiring.clear();
    this.#newest?.key.fill(0);
    this.#newest = undefined;
    for (const kid of this.#health.keys()) this.#context.removeReceiveKey(kid);
    this.#health.clear();
    this.#forgetAhead();
    // Fresh contexts: nothing of the old keys, replay windows included, outlives them.
    this.#context = this.#newContext();
  }

  async open(frame: Uint8Array, metadata: Uint8Array, now: number): Promise<OpenResult> {
    let kid: number;
    try {
      kid = Number(decodeHeader(frame).kid);
    } catch (error) {
      return { drop: dropReasonOf(error) };
    }
    const health = this.#health.get(kid);
    if (health) return this.#openInstalled(kid, health, frame, metadata, now);
    if (this.#stepsAhead(kid) === undefined) return { drop: this.#newest ? 'unknown-key' : 'no-key' };
    return this.#openAhead(kid, frame, metadata, now);
  }

  async #openInstalled(kid: number, health: KeyHealth, frame: Uint8Array, metadata: Uint8Array, now: number): Promise<OpenResult> {
    if (health.invalid) {
      if (now - health.lastProbe < this.#options.probeIntervalMs) return { drop: 'key-invalid' };
      health.lastProbe = now;
    }
    const context = this.#context;
    try {
      const { plaintext } = await context.decrypt(frame, metadata);
      const recoveredFrom = health.failures;
      health.failures = 0;
      health.invalid = false;
      return { plaintext, followedRatchet: false, recoveredFrom };
    } catch (error) {
      const reason = dropReasonOf(error);
      if (reason !== 'auth-failed' || context !== this.#context) return { drop: reason };
      health.failures++;
      if (health.invalid || health.failures < this.#options.failureTolerance) return { drop: reason };
      health.invalid = true;
      health.lastProbe = now;
      return { drop: reason, markedInvalid: kid };
    }
  }

  /** How many rotations ahead of the newest key `kid` is, if within the window. */
  #stepsAhead(kid: number): number | undefined {
    const newest = this.#newest;
    if (!newest || kid <= newest.kid || (kid - newest.kid) % 2 !== 0) return undefined;
    const steps = (kid - newest.kid) / 2;
    return steps <= this.#options.ratchetWindow ? steps : undefined;
  }

  /**
   * Frames ahead of the newest key take turns (audio and video are decrypted side by side):
   * each sees the keys as the one before it left them. They are few: the first frames after a
   * rotation, and forged ones.
   */
  #openAhead(kid: number, frame: Uint8Array, metadata: Uint8Array, now: number): Promise<OpenResult> {
    const turn = this.#aheadTurn.then(() => this.#tryAhead(kid, frame, metadata, now));
    this.#aheadTurn = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  async #tryAhead(kid: number, frame: Uint8Array, metadata: Uint8Array, now: number): Promise<OpenResult> {
    const installed = this.#health.get(kid);
    if (installed) return this.#openInstalled(kid, installed, frame, metadata, now);
    if (this.#stepsAhead(kid) === undefined) return { drop: this.#newest ? 'unknown-key' : 'no-key' };
    if (!this.#ahead.has(kid)) await this.#deriveAhead(kid);
    const context = this.#candidates;
    try {
      (await context.decrypt(frame, metadata)).plaintext.fill(0);
    } catch (error) {
      return { drop: dropReasonOf(error) };
    }
    await this.#promote(kid);
    // Decrypted again where it counts, so that the installed key's replay window holds it.
    try {
      return { plaintext: (await this.#context.decrypt(frame, metadata)).plaintext, followedRatchet: true, recoveredFrom: 0 };
    } catch (error) {
      return { drop: dropReasonOf(error) };
    }
  }

  async #deriveAhead(kid: number): Promise<void> {
    const newest = this.#newest;
    const steps = this.#stepsAhead(kid);
    if (!newest || steps === undefined) return;
    let key = newest.key;
    for (let step = 1; step <= steps; step++) {
      const next = newest.kid + 2 * step;
      const known = this.#ahead.get(next);
      if (known) {
        key = known;
        continue;
      }
      key = await ratchetBaseKey(key);
      this.#ahead.set(next, key);
      await this.#candidates.addReceiveKey(next, key.slice());
    }
  }

  /**
   * A frame under `kid` authenticated: the sender rotated. Installs its key, and those it passed
   * over on the way (frames under them may still be in flight); the older keys, and those, go
   * after the grace period.
   */
  async #promote(kid: number): Promise<void> {
    const passed = [...this.#ahead].filter(([k]) => k <= kid).map(([k, key]) => [k, key.slice()] as const);
    const previous = [...this.kids, ...passed.map(([k]) => k).filter((k) => k !== kid)];
    this.#forgetAhead();
    for (const [k, key] of passed) {
      await this.#context.addReceiveKey(k, key.slice());
      this.#health.set(k, { failures: 0, invalid: false, lastProbe: 0 });
    }
    const newest = passed.find(([k]) => k === kid)!;
    this.#newest?.key.fill(0);
    this.#newest = { kid, key: newest[1] };
    for (const [k, key] of passed) if (k !== kid) key.fill(0);
    const context = this.#context;
    const timer = setTimeout(() => {
      this.#retiring.delete(timer);
      if (context !== this.#context) return;
      for (const old of previous) {
        if (old === this.#newest?.kid) continue;
        context.removeReceiveKey(old);
        this.#health.delete(old);
      }
    }, this.#options.graceMs);
    this.#retiring.add(timer);
  }

  #forgetAhead(): void {
    for (const [kid, key] of this.#ahead) {
      key.fill(0);
      this.#candidates.removeReceiveKey(kid);
    }
    this.#ahead.clear();
    this.#candidates = this.#newContext();
  }

  #newContext(): SFrameContext {
    return new SFrameContext({ suite: this.#options.suite, backend: 'webcrypto' });
  }
}
