import { CAPTURE_PURPOSES, type CapturePurpose } from '../capture/consent-source.js';
import { isCount, isMessageId, isNullable, isObject, isOptional, isString, type JsonObject } from '../internal/validate.js';

/** The largest PeerMessage, serialised as JSON, that an adapter sends or accepts. */
export const MAX_PEER_MESSAGE_BYTES = 32 * 1024;

const MAX_SDP_LENGTH = 24 * 1024;

export interface SessionDescription {
  readonly type: 'offer' | 'answer';
  readonly sdp: string;
}

export interface IceCandidate {
  readonly candidate: string;
  readonly sdpMLineIndex: number | null;
  readonly sdpMid: string | null;
  readonly usernameFragment?: string | null;
}

/**
 * What one participant's CallSession says to the other's through a SignalingAdapter.
 * `generation` names the peer connection a message belongs to: every restart of the
 * connection (ICE failure, a lost peer) counts up, and messages of an older one are ignored.
 */
export type PeerMessage =
  | { readonly kind: 'description'; readonly generation: number; readonly description: SessionDescription }
  | { readonly kind: 'candidate'; readonly generation: number; readonly candidate: IceCandidate }
  | { readonly kind: 'renegotiate'; readonly generation: number }
  /** Customer to agent: rebuild the connection of this generation (a new one follows). */
  | { readonly kind: 'restart'; readonly generation: number }
  /** Either side: my decoder needs a key frame (after new keys, or lost frames); make one. */
  | { readonly kind: 'key-frame-request'; readonly generation: number }
  /** Customer to agent: restart ICE on the connection of this generation. */
  | { readonly kind: 'ice-restart'; readonly generation: number }
  /**
   * Either side, first thing after joining a call the other side is already in: this session is
   * new (its page reloaded, another tab took over), so the connection and the keys of its
   * predecessor are gone; the agent offers a new connection, both agree new keys.
   */
  | { readonly kind: 'rejoined'; readonly generation: number }
  /** In answer to `rejoined`: what this side sent before it was for the predecessor; what follows is for the new session. */
  | { readonly kind: 'welcome'; readonly generation: number }
  /** Either side, as it ends the call: its participant said the security codes differ (`rejectSecurityCode()`). */
  | { readonly kind: 'code-rejected'; readonly generation: number }
  /** End-to-end encryption, step 1: a fresh nonce, MACed with a key from the call secret (base64url, 32 bytes each). */
  | { readonly kind: 'e2ee-hello'; readonly generation: number; readonly nonce: string; readonly mac: string }
  /**
   * End-to-end encryption, step 2, in answer to the other side's hello: an ephemeral X25519
   * public key, the first SFrame KID, the sender's nonce, the nonce of the hello it answers,
   * and an HMAC-SHA256 over all of them (base64url, 32 bytes each).
   */
  | {
      readonly kind: 'e2ee-key';
      readonly generation: number;
      readonly publicKey: string;
      readonly kid: number;
      readonly nonce: string;
      readonly peerNonce: string;
      readonly mac: string;
    }
  /** Agent to customer: ask for the consent a capture needs (the second consent step). */
  | { readonly kind: 'consent-request'; readonly generation: number; readonly purpose: CapturePurpose; readonly requestId: string }
  /**
   * Customer to agent: whether `purpose` is granted now, and the grant's record id. Sent on
   * connecting, on every change, and in answer to a request (with its `requestId`).
   */
  | { readonly kind: 'consent-state'; readonly generation: number; readonly purpose: CapturePurpose; readonly granted: boolean; readonly ref: string | null; readonly requestId: string | null }
  /** Either side: a recording of this call is running now (or not): the other side shows it. */
  | { readonly kind: 'capture-state'; readonly generation: number; readonly recording: boolean };

export type PeerMessageKind = PeerMessage['kind'];

function isDescription(value: unknown): value is SessionDescription {
  return (
    isObject(value) &&
    (value.type === 'offer' || value.type === 'answer') &&
    isString(value.sdp, MAX_SDP_LENGTH)
  );
}

function isCandidate(value: unknown): value is IceCandidate {
  return (
    isObject(value) &&
    isString(value.candidate, 1024) &&
    isNullable(value.sdpMLineIndex, isCount) &&
    isNullable(value.sdpMid, isString) &&
    isOptional(value.usernameFragment, (v): v is string | null => v === null || isString(v))
  );
}

const bodyChecks: { readonly [K in PeerMessageKind]: (message: JsonObject) => boolean } = {
  description: (m) => isDescription(m.description),
  candidate: (m) => isCandidate(m.candidate),
  renegotiate: () => true,
  restart: () => true,
  'ice-restart': () => true,
  rejoined: () => true,
  welcome: () => true,
  'code-rejected': () => true,
  'key-frame-request': () => true,
  'e2ee-hello': (m) => isBase64Url32(m.nonce) && isBase64Url32(m.mac),
  'e2ee-key': (m) =>
    isBase64Url32(m.publicKey) && isBase64Url32(m.nonce) && isBase64Url32(m.peerNonce) && isBase64Url32(m.mac) && isCount(m.kid) && (m.kid as number) <= 0xffffffff,
  'consent-request': (m) => isCapturePurpose(m.purpose) && isMessageId(m.requestId),
  'consent-state': (m) =>
    isCapturePurpose(m.purpose) && typeof m.granted === 'boolean' && isNullable(m.ref, isString) && (m.granted === (m.ref !== null)) && isNullable(m.requestId, isMessageId),
  'capture-state': (m) => typeof m.recording === 'boolean',
};

function isCapturePurpose(value: unknown): value is CapturePurpose {
  return (CAPTURE_PURPOSES as readonly unknown[]).includes(value);
}

/** 32 bytes in unpadded base64url: 43 characters. */
function isBase64Url32(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** True when `value` is a well-formed PeerMessage. Unknown kinds and extra shapes fail. */
export function isPeerMessage(value: unknown): value is PeerMessage {
  if (!isObject(value) || !isCount(value.generation) || typeof value.kind !== 'string') return false;
  const check = Object.hasOwn(bodyChecks, value.kind) ? bodyChecks[value.kind as PeerMessageKind] : undefined;
  return check !== undefined && check(value);
}
