import type { Role } from '../../signaling/types.js';
import { shortAuthString, type ShortAuthString } from '../sas.js';
import { otherRole } from '../../signaling/other-role.js';
import { deriveKeys, helloInput, NONCE_BYTES, shareInput, sign, transcript, verify, type ShareFields } from './key-schedule.js';
import { generateKeyPair, type X25519Backend, type X25519KeyPair } from './x25519.js';

/** What a handshake needs of the call: the room, this side's role, and the call secret's keys. */
export interface HandshakeContext {
  readonly room: string;
  readonly role: Role;
  readonly callSecret: Uint8Array;
  readonly macKey: CryptoKey;
  readonly x25519: X25519Backend;
}

export interface Hello {
  readonly nonce: Uint8Array;
  readonly mac: Uint8Array;
}

export interface KeyShare extends ShareFields {
  /** The nonce of the hello this share answers. */
  readonly peerNonce: Uint8Array;
  readonly mac: Uint8Array;
}

/** What a completed handshake gives: one SFrame base key and one data-channel key per sender, and the SAS. */
export interface HandshakeKeys {
  readonly sendKid: number;
  readonly sendKey: Uint8Array;
  readonly sendDataKey: Uint8Array;
  readonly receiveKid: number;
  readonly receiveKey: Uint8Array;
  readonly receiveDataKey: Uint8Array;
  readonly sas: ShortAuthString;
}

/**
 * One attempt at agreeing keys with the other participant: a fresh X25519 key pair and a fresh
 * nonce. It says hello (its nonce, MACed), answers the other side's hellos with key shares bound
 * to their nonces, and completes with the first valid share bound to its own nonce.
 */
export class Handshake {
  readonly #context: HandshakeContext;
  readonly #pair: X25519KeyPair;
  readonly kid: number;
  readonly nonce: Uint8Array;
  /** This side's hello: its nonce, MACed. */
  readonly hello: Hello;
  /** The other side's nonce, once a valid share completed this handshake. */
  peerNonce: Uint8Array | undefined;

  private constructor(context: HandshakeContext, pair: X25519KeyPair, kid: number, hello: Hello) {
    this.#context = context;
    this.#pair = pair;
    this.kid = kid;
    this.nonce = hello.nonce;
    this.hello = hello;
  }

  static async start(context: HandshakeContext, kid: number): Promise<Handshake> {
    const { macKey, room, role } = context;
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const hello = { nonce, mac: await sign(macKey, helloInput(room, role, nonce)) };
    return new Handshake(context, await generateKeyPair(context.x25519), kid, hello);
  }

  get completed(): boolean {
    return this.peerNonce !== undefined;
  }

  /** This side's key share, bound to the other side's hello. */
  async answer(peerNonce: Uint8Array): Promise<KeyShare> {
    const { macKey, room, role } = this.#context;
    const fields = { publicKey: this.#pair.publicKey, kid: this.kid, nonce: this.nonce };
    return { ...fields, peerNonce, mac: await sign(macKey, shareInput(room, role, fields, peerNonce)) };
  }

  /** True when `hello` comes from a holder of the call secret, in the other role. */
  verifyHello(hello: Hello): Promise<boolean> {
    const { macKey, room, role } = this.#context;
    return verify(macKey, hello.mac, helloInput(room, otherRole(role), hello.nonce));
  }

  /** True when `share` comes from a holder of the call secret, in the other role (whatever nonce it answers). */
  async verifyShare(share: KeyShare): Promise<boolean> {
    const { macKey, room, role } = this.#context;
    return share.publicKey.length === 32 && verify(macKey, share.mac, shareInput(room, otherRole(role), share, share.peerNonce));
  }

  /**
   * Derives the call's keys from a verified share that answers this handshake's hello, and
   * forgets the private key. Rejects when the peer's public key is invalid (low order).
   */
  async finish(share: KeyShare): Promise<HandshakeKeys> {
    const { callSecret, room, role } = this.#context;
    const shared = await this.#pair.sharedSecret(share.publicKey);
    this.#pair.destroy();
    const own = { publicKey: this.#pair.publicKey, kid: this.kid, nonce: this.nonce };
    const [agent, customer] = role === 'agent' ? [own, share] : [share, own];
    const keys = await deriveKeys(shared, callSecret, await transcript(room, agent, customer));
    this.peerNonce = share.nonce;
    const agentKeys = { key: keys.agentKey, dataKey: keys.agentDataKey };
    const customerKeys = { key: keys.customerKey, dataKey: keys.customerDataKey };
    const [send, receive] = role === 'agent' ? [agentKeys, customerKeys] : [customerKeys, agentKeys];
    const sas = shortAuthString(keys.sas);
    keys.sas.fill(0);
    return { sendKid: this.kid, sendKey: send.key, sendDataKey: send.dataKey, receiveKid: share.kid, receiveKey: receive.key, receiveDataKey: receive.dataKey, sas };
  }

  destroy(): void {
    this.#pair.destroy();
  }
}
