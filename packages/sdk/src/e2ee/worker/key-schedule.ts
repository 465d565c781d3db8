/**
 * The key schedule of the E2EE key agreement: every MAC, transcript and derivation (HKDF-SHA256
 * and HMAC-SHA256 on WebCrypto, so the worker carries no hash code of its own). Runs only in the
 * E2EE worker.
 */
import { buf } from '../../at-rest/webcrypto.js';
import { concatBytes, lengthPrefixed, uint32, utf8 } from '../../internal/bytes.js';
import { otherRole } from '../../signaling/other-role.js';
import type { Role } from '../../signaling/types.js';

const LABEL = 'sealcall/e2ee/v2';
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;
/** RFC 5869: an absent salt is HashLen zero bytes, which HMAC pads exactly as it pads an empty key. */
const NO_SALT = new Uint8Array(0);

/** Bytes of the fresh random value each side contributes to one handshake. */
export const NONCE_BYTES = 32;

/** One side's contribution to a handshake, as the other side sees it. */
export interface ShareFields {
  readonly publicKey: Uint8Array;
  readonly kid: number;
  readonly nonce: Uint8Array;
}

const hkdfKey = (ikm: Uint8Array) => crypto.subtle.importKey('raw', buf(ikm), 'HKDF', false, ['deriveBits']);

async function expand(prk: CryptoKey, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: buf(salt), info: buf(info) }, prk, length * 8));
}

/** HKDF-SHA256 of `ikm`: Extract with `salt`, then Expand with `info` to `length` bytes. */
async function hkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  return expand(await hkdfKey(ikm), salt, info, length);
}

/** The MAC key: only holders of the call secret (from the invitation link) have it. Not extractable. */
export async function macKey(callSecret: Uint8Array): Promise<CryptoKey> {
  const bytes = await hkdf(callSecret, NO_SALT, utf8(`${LABEL}/mac`), 32);
  try {
    return await crypto.subtle.importKey('raw', buf(bytes), HMAC_SHA256, false, ['sign', 'verify']);
  } finally {
    bytes.fill(0);
  }
}

/** What a hello MACs: the sender's fresh nonce, so that the other side's answer can be bound to it. */
export function helloInput(room: string, sender: Role, nonce: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(utf8(`${LABEL}/hello`), lengthPrefixed(utf8(room)), lengthPrefixed(utf8(sender)), nonce);
}

/**
 * What a key share MACs: the sender's public key, KID and nonce, bound to the receiver's nonce,
 * so a share recorded in another session (another nonce) never verifies.
 */
export function shareInput(room: string, sender: Role, share: ShareFields, receiverNonce: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(
    utf8(`${LABEL}/key-share`),
    lengthPrefixed(utf8(room)),
    lengthPrefixed(utf8(sender)),
    lengthPrefixed(utf8(otherRole(sender))),
    uint32(share.kid),
    share.publicKey,
    share.nonce,
    receiverNonce,
  );
}

export async function sign(key: CryptoKey, input: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, input));
}

/** Whether `mac` is the MAC of `input` (compared in constant time by WebCrypto). */
export function verify(key: CryptoKey, mac: Uint8Array, input: Uint8Array<ArrayBuffer>): Promise<boolean> {
  return crypto.subtle.verify('HMAC', key, buf(mac), input);
}

/** Both sides' contributions, in a fixed order (agent, then customer). */
export async function transcript(room: string, agent: ShareFields, customer: ShareFields): Promise<Uint8Array> {
  const part = (s: ShareFields) => concatBytes(uint32(s.kid), s.publicKey, s.nonce);
  const input = concatBytes(utf8(`${LABEL}/transcript`), lengthPrefixed(utf8(room)), part(agent), part(customer));
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input));
}

export interface DerivedKeys {
  /** SFrame base key of each sender. */
  readonly agentKey: Uint8Array;
  readonly customerKey: Uint8Array;
  /** AES-256-GCM key of each sender's messages on the data channel (chat, files, locations). */
  readonly agentDataKey: Uint8Array;
  readonly customerDataKey: Uint8Array;
  /** 4 bytes for the short authentication string. */
  readonly sas: Uint8Array;
}

/**
 * `prk = HKDF-Extract(salt = call secret, ikm = X25519 shared secret)`; each sender's base key
 * and the SAS are expanded from it with the transcript. Zeroes `shared`.
 */
export async function deriveKeys(shared: Uint8Array, callSecret: Uint8Array, transcriptHash: Uint8Array): Promise<DerivedKeys> {
  let ikm: CryptoKey;
  try {
    ikm = await hkdfKey(shared);
  } finally {
    shared.fill(0);
  }
  const derive = (label: string, length: number) => expand(ikm, callSecret, concatBytes(utf8(`${LABEL}/${label}`), transcriptHash), length);
  const [agentKey, customerKey, agentDataKey, customerDataKey, sas] = await Promise.all([
    derive('sframe/agent', 32),
    derive('sframe/customer', 32),
    derive('data/agent', 32),
    derive('data/customer', 32),
    derive('sas', 4),
  ]);
  return { agentKey, customerKey, agentDataKey, customerDataKey, sas };
}

/** The next base key of a sender after a rotation: both sides derive it on their own. */
export function ratchetBaseKey(baseKey: Uint8Array): Promise<Uint8Array> {
  return hkdf(baseKey, NO_SALT, utf8(`${LABEL}/ratchet`), 32);
}
