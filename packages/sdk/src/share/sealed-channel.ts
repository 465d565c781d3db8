import { MAX_DATA_FRAME_BYTES, type DataOpened, type DataRejection } from '../e2ee/worker/data-cryptor.js';
import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';

/**
 * The data channel both sides open on every peer connection: negotiated (each side creates it
 * with the same id), so it needs no offer of its own. simple-peer's own channel, opened first,
 * has id 0 or 1.
 */
export const SEALED_CHANNEL = { label: 'sealcall-sealed', id: 16 } as const;

/** Past this much unsent, sending waits for the channel to drain below the low-water mark. */
const HIGH_WATER_BYTES = 1024 * 1024;
const LOW_WATER_BYTES = 256 * 1024;
/** Frames waiting to be opened at most: more arrive than the worker can open, and they are dropped. */
const MAX_PENDING_FRAMES = 512;

/** Where frames are sealed and opened: the E2EE worker, with the data keys of the key agreement. */
export interface DataSealer {
  /** Undefined while no keys are agreed. Takes the plaintext's buffer. */
  seal(plaintext: Uint8Array): Promise<Uint8Array | undefined>;
  /** Takes the frame's buffer. */
  open(frame: Uint8Array): Promise<DataOpened>;
}

/** `overflow`: frames arrived faster than they could be opened. */
export type SealedChannelRejection = DataRejection | 'overflow';

export interface SealedChannelEvents {
  message: Uint8Array;
  rejected: { reason: SealedChannelRejection };
  error: { error: SealcallError };
}

interface Outgoing {
  readonly plaintext: Uint8Array;
  /** Goes on the connection of the moment or not at all: a rebuilt connection rejects it. */
  readonly once: boolean;
  readonly resolve: () => void;
  readonly reject: (error: SealcallError) => void;
}

/**
 * Messages between the two participants on the peer connection's data channel, each sealed end
 * to end (see worker/data-cryptor.ts), in order. What is sent waits until a channel is open and
 * keys are agreed; a connection rebuilt moves the rest onto the new one. What arrives is opened
 * one frame at a time, in order; a frame that does not open is dropped and reported, and what
 * follows it still arrives.
 */
export class SealedChannel {
  readonly #sealer: DataSealer;
  readonly #events = new Emitter<SealedChannelEvents>();
  #channel: RTCDataChannel | undefined;
  #queue: Outgoing[] = [];
  #pumping = false;
  #wake: (() => void) | undefined;
  /** Counts wake-ups, so that one during a seal is not missed. */
  #wakes = 0;
  #incoming: Promise<void> = Promise.resolve();
  #pending = 0;
  #closed = false;

  constructor(sealer: DataSealer) {
    this.#sealer = sealer;
  }

  on<K extends keyof SealedChannelEvents>(type: K, listener: (detail: SealedChannelEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /**
   * Opens the channel on a new peer connection; the previous one goes with its connection. On a
   * rebuilt connection, what is sent `once` and still waits is dropped, and `lost()` (what the old
   * connection may have lost, in the order it was first sent) goes before everything else that
   * waits. Returns the promises of those messages, as `send()` would.
   */
  attach(connection: RTCPeerConnection, lost: () => readonly Uint8Array[] = () => []): Promise<void>[] {
    if (this.#closed) return [];
    const first = this.#channel ? lost() : [];
    const channel = connection.createDataChannel(SEALED_CHANNEL.label, { negotiated: true, id: SEALED_CHANNEL.id, ordered: true });
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = LOW_WATER_BYTES;
    const wake = () => this.#notify();
    channel.addEventListener('open', wake);
    channel.addEventListener('bufferedamountlow', wake);
    channel.addEventListener('close', wake);
    channel.addEventListener('message', ({ data }: MessageEvent<unknown>) => {
      if (channel === this.#channel) this.#receive(data);
    });
    if (this.#channel) this.#dropOnce();
    this.#channel = channel;
    const entries = first.map((plaintext) => outgoing(plaintext, false));
    this.#queue.unshift(...entries.map(({ entry }) => entry));
    this.#notify();
    void this.#pump();
    return entries.map(({ sent }) => sent);
  }

  #dropOnce(): void {
    const dropped = this.#queue.filter((entry) => entry.once);
    this.#queue = this.#queue.filter((entry) => !entry.once);
    for (const { reject } of dropped) reject(new SealcallError('INVALID_STATE', 'The connection was rebuilt before this message was sent; it was not sent.'));
  }

  /** The keys may have changed: what waits for them is tried again. */
  keysChanged(): void {
    this.#notify();
  }

  /**
   * Resolves once the sealed message is handed to an open channel. What is sent `once` goes on
   * the current connection or not at all: it is rejected when a new one is attached first.
   */
  send(plaintext: Uint8Array, { once = false } = {}): Promise<void> {
    if (this.#closed) return Promise.reject(closedError());
    const { entry, sent } = outgoing(plaintext, once);
    this.#queue.push(entry);
    void this.#pump();
    return sent;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { reject } of this.#queue.splice(0)) reject(closedError());
    this.#channel?.close();
    this.#channel = undefined;
    this.#notify();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0 && !this.#closed) await this.#sendFirst();
    } finally {
      this.#pumping = false;
    }
  }

  async #sendFirst(): Promise<void> {
    const channel = this.#channel;
    if (channel?.readyState !== 'open' || channel.bufferedAmount > HIGH_WATER_BYTES) return this.#wait();
    const [next] = this.#queue;
    if (!next) return;
    const wakes = this.#wakes;
    let frame: Uint8Array | undefined;
    try {
      frame = await this.#sealer.seal(next.plaintext.slice());
    } catch (cause) {
      // The queue may have changed meanwhile (a new connection drops what goes once).
      this.#queue = this.#queue.filter((entry) => entry !== next);
      next.reject(cause instanceof SealcallError ? cause : new SealcallError('E2EE_WORKER_FAILED', 'Sealing a message for the other participant failed; it was not sent.', { cause }));
      return;
    }
    if (!frame) return wakes === this.#wakes ? this.#wait() : undefined;
    // A frame sealed for a channel that closed meanwhile is not sent: the message is sealed again, under a new sequence.
    if (channel !== this.#channel || channel.readyState !== 'open') return;
    try {
      channel.send(frame as Uint8Array<ArrayBuffer>);
    } catch {
      // The channel closed between the check and the send: its successor sends the message.
      return;
    }
    this.#queue.shift();
    next.resolve();
  }

  #wait(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  #notify(): void {
    this.#wakes++;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #receive(data: unknown): void {
    if (!(data instanceof ArrayBuffer) || data.byteLength > MAX_DATA_FRAME_BYTES) {
      this.#events.emit('rejected', { reason: 'malformed' });
      return;
    }
    if (this.#pending >= MAX_PENDING_FRAMES) {
      this.#events.emit('rejected', { reason: 'overflow' });
      return;
    }
    this.#pending++;
    this.#incoming = this.#incoming
      .then(() => this.#sealer.open(new Uint8Array(data)))
      .then(
        (opened) => {
          if (this.#closed) return;
          if ('rejected' in opened) this.#events.emit('rejected', { reason: opened.rejected });
          else this.#events.emit('message', opened.plaintext);
        },
        (cause: unknown) => {
          if (this.#closed) return;
          const error = cause instanceof SealcallError ? cause : new SealcallError('E2EE_WORKER_FAILED', 'Opening a message of the other participant failed; it was dropped.', { cause });
          this.#events.emit('error', { error });
        },
      )
      .finally(() => {
        this.#pending--;
      });
  }
}

/** A message to queue, and the promise its sending settles. */
function outgoing(plaintext: Uint8Array, once: boolean): { entry: Outgoing; sent: Promise<void> } {
  let entry: Outgoing | undefined;
  const sent = new Promise<void>((resolve, reject) => (entry = { plaintext, once, resolve, reject }));
  return { entry: entry!, sent };
}

function closedError(): SealcallError {
  return new SealcallError('INVALID_STATE', 'The call has ended: nothing more can be sent to the other participant.');
}
