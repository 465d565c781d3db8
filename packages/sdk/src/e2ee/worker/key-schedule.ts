/**
 * The key schedule of the E2EE key agreement: every MAC, transcript and derivation, as pure
 * functions (HKDF-SHA256 and HMAC-SHA256 from @noble/hashes). Runs only in the E2EE worker.
 */
import { expand, extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, lengthPrefixed, uint32, utf8 } from '../../internal/bytes.js';
import type { Role } from '../../signaling/types.js';

const LABEL = 'sealcall/e2ee/v2';

/** Bytes of the fresh random value each side contributes to one handshake. */
export const NONCE_BYTES = 32;

export const otherRole = (role: Role): Role => (role === 'agent' ? 'customer' : 'agent');

/** One side's contribution to a handshake, as the other side sees it. */
export interface ShareFields {
  readonly publicKey: Uint8Array;
  readonly kid: number;
  readonly nonce: Uint8Array;
}

/** The MAC key: only holders of the call secret (from the invitation link) have it. */
export function macKey(callSecret: Uint8Array): Uint8Array {
  return expand(sha256, extract(sha256, callSecret), utf8(`${LABEL}/mac`), 32);
}

/** A hello names the sender's fresh nonce, so that the other side's answer can be bound to it. */
export function helloMac(key: Uint8Array, room: string, sender: Role, nonce: Uint8Array): Uint8Array {
  return hmac(sha256, key, concatBytes(utf8(`${LABEL}/hello`), lengthPrefixed(utf8(room)), lengthPrefixed(utf8(sender)), nonce));
}

/**
 * A key share answers one hello: it binds the sender's public key, KID and nonce to the
 * receiver's nonce, so a share recorded in another session (another nonce) never verifies.
 */
export function shareMac(key: Uint8Array, room: string, sender: Role, share: ShareFields, receiverNonce: Uint8Array): Uint8Array {
  return hmac(
    sha256,
    key,
    concatBytes(
      utf8(`${LABEL}/key-share`),
      lengthPrefixed(utf8(room)),
      lengthPrefixed(utf8(sender)),
      lengthPrefixed(utf8(otherRole(sender))),
      uint32(share.kid),
      share.publicKey,
      share.nonce,
      receiverNonce,
    ),
  );
}

/** Both sides' contributions, in a fixed order (agent, then customer). */
export function transcript(room: string, agent: ShareFields, customer: ShareFields): Uint8Array {
  const part = (s: ShareFields) => concatBytes(uint32(s.kid), s.publicKey, s.nonce);
  return sha256(concatBytes(utf8(`${LABEL}/transcript`), lengthPrefixed(utf8(room)), part(agent), part(customer)));
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
export function deriveKeys(shared: Uint8Array, callSecret: Uint8Array, transcriptHash: Uint8Array): DerivedKeys {
  const prk = extract(sha256, shared, callSecret);
  shared.fill(0);
  const derive = (label: string, length: number) => expand(sha256, prk, concatBytes(utf8(`${LABEL}/${label}`), transcriptHash), length);
  const keys = {
    agentKey: derive('sframe/agent', 32),
    customerKey: derive('sframe/customer', 32),
    agentDataKey: derive('data/agent', 32),
    customerDataKey: derive('data/customer', 32),
    sas: derive('sas', 4),
  };
  prk.fill(0);
  return keys;
}

/** The next base key of a sender after a rotation: both sides derive it on their own. */
export function ratchetBaseKey(baseKey: Uint8Array): Uint8Array {
  return expand(sha256, extract(sha256, baseKey), utf8(`${LABEL}/ratchet`), 32);
}
