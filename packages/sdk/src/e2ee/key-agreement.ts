import { x25519 } from '@noble/curves/ed25519.js';
import { expand, extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { SealcallError } from '../errors.js';
import { concatBytes, equalBytes, lengthPrefixed, uint32, utf8 } from '../internal/bytes.js';
import type { Role } from '../signaling/types.js';
import { shortAuthString, type ShortAuthString } from './sas.js';

export const CALL_SECRET_BYTES = 32;
const LABEL = 'sealcall/e2ee/v1';

/** What one side sends the other: its ephemeral X25519 public key, its first SFrame KID, and a MAC. */
export interface KeyShare {
  readonly publicKey: Uint8Array;
  readonly kid: number;
  readonly mac: Uint8Array;
}

/** The outcome of a key agreement: per-sender SFrame base keys and the SAS. */
export interface CallKeys {
  readonly sendKid: number;
  readonly sendKey: Uint8Array;
  readonly receiveKid: number;
  readonly receiveKey: Uint8Array;
  readonly sas: ShortAuthString;
}

export function createCallSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(CALL_SECRET_BYTES));
}

const otherRole = (role: Role): Role => (role === 'agent' ? 'customer' : 'agent');

/**
 * One side of an authenticated ephemeral X25519 exchange. The MAC over each public key is keyed
 * from the call secret (which only the invitation link carries) and bound to the room and both
 * roles, so a signaling server or relay that swaps keys cannot produce a valid share, and
 * neither can a peer without the secret. Base keys come from HKDF over the X25519 shared
 * secret, salted with the call secret, bound to the transcript of both shares.
 */
export class KeyAgreement {
  readonly #room: string;
  readonly #role: Role;
  readonly #callSecret: Uint8Array;
  readonly #secretKey: Uint8Array;
  readonly share: KeyShare;

  constructor(options: { callSecret: Uint8Array; room: string; role: Role; kid: number }) {
    if (options.callSecret.length !== CALL_SECRET_BYTES) {
      throw new SealcallError('INVALID_ARGUMENT', `"callSecret" expected ${CALL_SECRET_BYTES} bytes, got length=${options.callSecret.length}`);
    }
    this.#room = options.room;
    this.#role = options.role;
    this.#callSecret = options.callSecret.slice();
    const { secretKey, publicKey } = x25519.keygen();
    this.#secretKey = secretKey;
    const mac = this.#mac(this.#role, options.kid, publicKey);
    this.share = { publicKey, kid: options.kid, mac };
  }

  /** Verifies the other side's share and derives the call's keys; throws E2EE_AUTH_FAILED. */
  complete(peer: KeyShare): CallKeys {
    const peerRole = otherRole(this.#role);
    if (peer.publicKey.length !== 32 || !equalBytes(peer.mac, this.#mac(peerRole, peer.kid, peer.publicKey))) {
      throw new SealcallError(
        'E2EE_AUTH_FAILED',
        'The other participant\'s key could not be authenticated: it does not hold this call\'s secret, or someone on the signaling path altered the key. No media key was installed.',
      );
    }
    let shared: Uint8Array;
    try {
      shared = x25519.getSharedSecret(this.#secretKey, peer.publicKey);
    } catch (cause) {
      throw new SealcallError('E2EE_AUTH_FAILED', 'The other participant sent an invalid X25519 public key.', { cause });
    }
    const agent = this.#role === 'agent' ? this.share : peer;
    const customer = this.#role === 'agent' ? peer : this.share;
    const transcript = sha256(
      concatBytes(utf8(`${LABEL}/transcript`), lengthPrefixed(utf8(this.#room)), uint32(agent.kid), agent.publicKey, uint32(customer.kid), customer.publicKey),
    );
    const prk = extract(sha256, shared, this.#callSecret);
    shared.fill(0);
    const derive = (label: string, length: number) => expand(sha256, prk, concatBytes(utf8(`${LABEL}/${label}`), transcript), length);
    const keys: CallKeys = {
      sendKid: this.share.kid,
      sendKey: derive(`sframe/${this.#role}`, 32),
      receiveKid: peer.kid,
      receiveKey: derive(`sframe/${peerRole}`, 32),
      sas: shortAuthString(derive('sas', 4)),
    };
    prk.fill(0);
    return keys;
  }

  destroy(): void {
    this.#secretKey.fill(0);
    this.#callSecret.fill(0);
  }

  #mac(senderRole: Role, kid: number, publicKey: Uint8Array): Uint8Array {
    const macKey = expand(sha256, extract(sha256, this.#callSecret), utf8(`${LABEL}/mac`), 32);
    const input = concatBytes(
      utf8(`${LABEL}/key-share`),
      lengthPrefixed(utf8(this.#room)),
      lengthPrefixed(utf8(senderRole)),
      lengthPrefixed(utf8(otherRole(senderRole))),
      uint32(kid),
      publicKey,
    );
    return hmac(sha256, macKey, input);
  }
}

/** The next base key of a sender after a rotation: both sides derive it on their own. */
export function ratchetBaseKey(baseKey: Uint8Array): Uint8Array {
  return expand(sha256, extract(sha256, baseKey), utf8(`${LABEL}/ratchet`), 32);
}
