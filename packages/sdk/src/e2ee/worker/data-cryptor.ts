/**
 * The data path of the E2EE worker: seals and opens the messages the participants exchange on
 * the peer connection's data channel (chat, files, locations) with AES-256-GCM under each
 * sender's data key from the key agreement, so that nothing between the two pages (a TURN
 * relay, a compromised DTLS hop) can read, alter, drop silently into the middle, or replay them.
 *
 * A frame is `version (1) | kid (4) | sequence (8) | ciphertext and tag`. The KID names the
 * sender's handshake, the sequence counts up from 0 per key and is the nonce; the header is the
 * associated data. The channel is reliable and ordered, so a frame whose sequence is not above
 * the last one opened is a replay.
 */

import { concatBytes } from '../../internal/bytes.js';

const VERSION = 1;
const HEADER_BYTES = 13;
const TAG_BYTES = 16;
/** The largest message sealed at once; the channel's senders cut what is bigger. */
export const MAX_DATA_PLAINTEXT_BYTES = 64 * 1024;
export const MAX_DATA_FRAME_BYTES = HEADER_BYTES + MAX_DATA_PLAINTEXT_BYTES + TAG_BYTES;
/** Receive keys kept: the current agreement's and the one before, for frames still on their way. */
const RECEIVE_KEYS = 2;

export type DataRejection = 'no-key' | 'unknown-key' | 'auth-failed' | 'replay' | 'malformed';
export type DataOpened = { readonly plaintext: Uint8Array } | { readonly rejected: DataRejection };

interface SendKey {
  readonly kid: number;
  readonly key: CryptoKey;
  sequence: number;
}

interface ReceiveKey {
  readonly kid: number;
  readonly key: CryptoKey;
  /** The lowest sequence still acceptable. */
  next: number;
}

export class DataCryptor {
  #send: SendKey | undefined;
  #receive: ReceiveKey[] = [];

  /** Installs the data keys of a new agreement; zeroes the raw bytes. */
  async setKeys(sendKid: number, sendKey: Uint8Array, receiveKid: number, receiveKey: Uint8Array): Promise<void> {
    const [send, receive] = await Promise.all([importKey(sendKey, 'encrypt'), importKey(receiveKey, 'decrypt')]);
    this.#send = { kid: sendKid, key: send, sequence: 0 };
    this.#receive = [{ kid: receiveKid, key: receive, next: 0 }, ...this.#receive.filter((k) => k.kid !== receiveKid)].slice(0, RECEIVE_KEYS);
  }

  /** The sealed frame, or undefined while no agreement has completed. */
  async seal(plaintext: Uint8Array): Promise<Uint8Array | undefined> {
    const send = this.#send;
    if (!send) return undefined;
    if (plaintext.byteLength > MAX_DATA_PLAINTEXT_BYTES) throw new Error(`A data message of ${plaintext.byteLength} bytes is over the ${MAX_DATA_PLAINTEXT_BYTES} a frame takes.`);
    const header = headerOf(send.kid, send.sequence++);
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonceOf(header), additionalData: header }, send.key, plaintext as Uint8Array<ArrayBuffer>);
    return concatBytes(header, new Uint8Array(sealed));
  }

  async open(frame: Uint8Array): Promise<DataOpened> {
    if (frame.byteLength < HEADER_BYTES + TAG_BYTES || frame.byteLength > MAX_DATA_FRAME_BYTES || frame[0] !== VERSION) return { rejected: 'malformed' };
    if (this.#receive.length === 0) return { rejected: 'no-key' };
    const header = frame.slice(0, HEADER_BYTES);
    const view = new DataView(header.buffer);
    const kid = view.getUint32(1);
    const sequence = view.getUint32(5) * 2 ** 32 + view.getUint32(9);
    const receive = this.#receive.find((k) => k.kid === kid);
    if (!receive) return { rejected: 'unknown-key' };
    if (sequence < receive.next) return { rejected: 'replay' };
    let plaintext: ArrayBuffer;
    try {
      plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonceOf(header), additionalData: header }, receive.key, frame.slice(HEADER_BYTES));
    } catch {
      return { rejected: 'auth-failed' };
    }
    // Checked again: another frame of the same sequence may have opened meanwhile.
    if (sequence < receive.next) return { rejected: 'replay' };
    receive.next = sequence + 1;
    return { plaintext: new Uint8Array(plaintext) };
  }

  /** Forgets every key: from now on nothing is sealed and every frame is rejected. */
  clear(): void {
    this.#send = undefined;
    this.#receive = [];
  }
}

async function importKey(raw: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [usage]);
  } finally {
    raw.fill(0);
  }
}

function headerOf(kid: number, sequence: number): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint8(0, VERSION);
  view.setUint32(1, kid);
  view.setUint32(5, Math.floor(sequence / 2 ** 32));
  view.setUint32(9, sequence >>> 0);
  return header;
}

/** 12 bytes: four zeroes and the sequence. Each key is one sender's, of one agreement, so a sequence never repeats under it. */
function nonceOf(header: Uint8Array): Uint8Array<ArrayBuffer> {
  const nonce = new Uint8Array(12);
  nonce.set(header.subarray(5, HEADER_BYTES), 4);
  return nonce;
}
