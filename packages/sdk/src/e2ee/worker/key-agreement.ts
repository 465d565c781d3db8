import { fromBase64Url, toBase64Url } from '../../internal/bytes.js';
import { trimOldest } from '../../internal/trim-oldest.js';
import type { PeerMessage } from '../../signaling/peer-message.js';
import type { ShortAuthString } from '../sas.js';
import { Handshake, type HandshakeContext, type HandshakeKeys, type Hello, type KeyShare } from './handshake.js';

type HelloMessage = Extract<PeerMessage, { kind: 'e2ee-hello' }>;
type KeyMessage = Extract<PeerMessage, { kind: 'e2ee-key' }>;
export type AgreementMessage = HelloMessage | KeyMessage;

/** Answers kept per handshake; more distinct valid hellos than this are replays, not a peer. */
const MAX_ANSWERS = 8;
/** Nonces of this side's earlier handshakes, to tell a late answer from a replayed one. */
const OLD_NONCES = 8;
/** Hello nonces of the other side already handled, so that a replayed hello changes nothing. */
const SEEN_HELLOS = 64;

export interface AgreementStatus {
  /** `idle` with no peer; `negotiating` until a handshake completes; `active` with keys installed. */
  readonly phase: 'idle' | 'negotiating' | 'active';
  /** Counts completed handshakes: a new number means new keys and a new SAS. */
  readonly agreement: number;
  /** A handshake with the same participant runs after an earlier one completed. */
  readonly renewing: boolean;
  readonly sas?: ShortAuthString;
  /** Key-agreement messages that failed verification, or were replayed, since this peer arrived. */
  readonly invalidShares: number;
}

export interface AgreementStep {
  /** Messages for the other participant, in order. */
  readonly send: AgreementMessage[];
  readonly status: AgreementStatus;
  /** Set when this step completed a handshake: install them, then forget them. */
  readonly keys?: HandshakeKeys;
}

/**
 * The key agreement with the other participant, as the worker runs it:
 *
 * 1. Each side starts a handshake (a fresh X25519 key pair and a fresh nonce) and sends
 *    `e2ee-hello`: its nonce, MACed with a key from the call secret.
 * 2. Each side answers every valid hello of the other with `e2ee-key`: its public key, KID and
 *    nonce, MACed together with the nonce of the hello it answers.
 * 3. The first valid share that answers this side's own nonce completes the handshake.
 *
 * Nothing unverified is fatal: an invalid or replayed message is counted and ignored, so an
 * injected share cannot switch encryption off, and a share recorded in an earlier session
 * (bound to another nonce) never verifies. A valid hello with a new nonce after completion
 * means the other side started over (a new worker, a reload): a new handshake follows.
 */
export class KeyAgreement {
  readonly #context: HandshakeContext;
  #nextKid: number;
  #peer: string | undefined;
  #current: Handshake | undefined;
  readonly #answers = new Map<string, KeyMessage>();
  #oldNonces: string[] = [];
  readonly #seenHellos = new Set<string>();
  #completedWithPeer = false;
  #agreement = 0;
  #sas: ShortAuthString | undefined;
  #invalid = 0;

  constructor(context: HandshakeContext, firstKid: number) {
    this.#context = context;
    this.#nextKid = firstKid;
  }

  get status(): AgreementStatus {
    const current = this.#current;
    const phase = current === undefined ? 'idle' : current.completed ? 'active' : 'negotiating';
    const renewing = phase === 'negotiating' && this.#completedWithPeer;
    return { phase, agreement: this.#agreement, renewing, invalidShares: this.#invalid, ...(phase === 'active' && this.#sas ? { sas: this.#sas } : {}) };
  }

  /** The KID after `kid` that this side may use: rotations and new handshakes never reuse one. */
  noteSendKid(kid: number): void {
    this.#nextKid = Math.max(this.#nextKid, kid + 2);
  }

  /** A (new) participant is present: say hello. Again for the same one repeats the hello. */
  async begin(peer: string): Promise<AgreementStep> {
    if (peer !== this.#peer) this.forget();
    this.#peer = peer;
    if (this.#current?.completed) return this.#step([]);
    this.#current ??= await this.#newHandshake();
    return this.#step([helloMessage(this.#current.hello)]);
  }

  /** The participant left: everything agreed with it goes. */
  forget(): void {
    this.#current?.destroy();
    this.#current = undefined;
    this.#peer = undefined;
    this.#answers.clear();
    this.#oldNonces = [];
    this.#seenHellos.clear();
    this.#completedWithPeer = false;
    this.#sas = undefined;
    this.#invalid = 0;
  }

  async receive(peer: string, message: AgreementMessage): Promise<AgreementStep> {
    if (peer !== this.#peer) return this.#step([]);
    return message.kind === 'e2ee-hello' ? this.#onHello(message) : this.#onShare(message);
  }

  async #onHello(message: HelloMessage): Promise<AgreementStep> {
    const hello = parseHello(message);
    let current = this.#current;
    if (!hello || !current || !(await current.verifyHello(hello))) return this.#invalidStep();
    if (current !== this.#current) return this.#step([]);
    const id = toBase64Url(hello.nonce);
    const answered = this.#answers.get(id);
    if (answered) return this.#step([answered]);
    if (this.#seenHellos.has(id)) return this.#step([]);
    const send: AgreementMessage[] = [];
    const completedBy = current.peerNonce;
    if (completedBy && toBase64Url(completedBy) !== id) {
      this.#retire(current);
      current = this.#current = await this.#newHandshake();
      send.push(helloMessage(current.hello));
    } else if (this.#answers.size >= MAX_ANSWERS) {
      return this.#invalidStep();
    }
    this.#seenHellos.add(id);
    trimOldest(this.#seenHellos, SEEN_HELLOS);
    const answer = keyMessage(await current.answer(hello.nonce));
    this.#answers.set(id, answer);
    send.push(answer);
    return this.#step(send);
  }

  async #onShare(message: KeyMessage): Promise<AgreementStep> {
    const current = this.#current;
    const share = parseShare(message);
    if (!current || !share || !(await current.verifyShare(share))) return this.#invalidStep();
    const answersUs = toBase64Url(share.peerNonce) === toBase64Url(current.nonce);
    if (!answersUs) return this.#oldNonces.includes(toBase64Url(share.peerNonce)) ? this.#step([]) : this.#invalidStep();
    if (current.completed) return this.#step([]);
    let keys: HandshakeKeys;
    try {
      keys = await current.finish(share);
    } catch {
      return this.#invalidStep();
    }
    if (current !== this.#current) return this.#step([]);
    this.#agreement++;
    this.#completedWithPeer = true;
    this.#sas = keys.sas;
    this.noteSendKid(keys.sendKid);
    return { ...this.#step([]), keys };
  }

  async #newHandshake(): Promise<Handshake> {
    const kid = this.#nextKid;
    this.#nextKid += 2;
    this.#answers.clear();
    return Handshake.start(this.#context, kid);
  }

  #retire(handshake: Handshake): void {
    handshake.destroy();
    this.#oldNonces = [...this.#oldNonces, toBase64Url(handshake.nonce)].slice(-OLD_NONCES);
  }

  #invalidStep(): AgreementStep {
    this.#invalid++;
    return this.#step([]);
  }

  #step(send: AgreementMessage[]): AgreementStep {
    return { send, status: this.status };
  }
}

function helloMessage(hello: Hello): HelloMessage {
  return { kind: 'e2ee-hello', generation: 0, nonce: toBase64Url(hello.nonce), mac: toBase64Url(hello.mac) };
}

function keyMessage(share: KeyShare): KeyMessage {
  return {
    kind: 'e2ee-key',
    generation: 0,
    publicKey: toBase64Url(share.publicKey),
    kid: share.kid,
    nonce: toBase64Url(share.nonce),
    peerNonce: toBase64Url(share.peerNonce),
    mac: toBase64Url(share.mac),
  };
}

function parseHello(message: HelloMessage): Hello | undefined {
  const nonce = fromBase64Url(message.nonce);
  const mac = fromBase64Url(message.mac);
  return nonce && mac ? { nonce, mac } : undefined;
}

function parseShare(message: KeyMessage): KeyShare | undefined {
  const [publicKey, nonce, peerNonce, mac] = [message.publicKey, message.nonce, message.peerNonce, message.mac].map(fromBase64Url);
  return publicKey && nonce && peerNonce && mac ? { publicKey, kid: message.kid, nonce, peerNonce, mac } : undefined;
}
