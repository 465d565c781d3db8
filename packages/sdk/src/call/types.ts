import type { ConsentDecision, ConsentLedger } from '../consent/consent-ledger.js';
import type { E2EEDropReport, E2EEOptions, E2EEStatus } from '../e2ee/types.js';
import type { SealcallError } from '../errors.js';
import type { SignalingAdapter } from '../signaling/types.js';
import type { CallRecorderOptions } from '../capture/recorder-types.js';
import type { ChatMessage } from '../share/chat.js';
import type { ShareRejection } from '../share/call-sharing.js';
import type { DocumentTransfer, SharedDocument } from '../share/document.js';
import type { SharedLocation } from '../share/location.js';
import type { ConsentRequest } from './customer-consent-relay.js';
import type { RecoveryOptions } from './link-supervisor.js';
import type { FacingMode } from './media.js';
import type { RemoteConsentState } from './remote-consent.js';
import type { CallProblem } from './problems.js';

/**
 * idle -> joining -> waiting (lobby, or alone in the room) -> connecting -> connected,
 * connected <-> reconnecting, and at the end `ended` (someone hung up, or the agent turned the
 * customer away) or `failed` (with the error that caused it).
 */
export type CallState = 'idle' | 'joining' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';

/**
 * `declined`: the customer declined the notice (`decline()`).
 * `code-mismatch`: the participants' security codes differed (`rejectSecurityCode()`).
 * `remote-code-mismatch`: the other participant said the security codes differed.
 * `connection-lost`: the peer connection could not be restored (every recovery attempt of
 * `CallSessionOptions.recovery` failed) while both sides could still reach signaling.
 */
export type EndReason = 'hangup' | 'remote-hangup' | 'rejected' | 'declined' | 'code-mismatch' | 'remote-code-mismatch' | 'consent-withdrawn' | 'connection-lost';

/** Where a customer's call consent is looked up, and withdrawn. */
export interface ConsentGate {
  ledger: ConsentLedger;
  /** The customer's pseudonymous id. */
  subjectId: string;
  /** The call: only grants that name it count (the room id, usually). */
  callId: string;
}

export interface CallSessionOptions {
  signaling: SignalingAdapter;
  /**
   * End-to-end encryption of every audio and video frame (SFrame, RFC 9605), with the call
   * secret from the invitation link. `false` turns it off: say so to your users, because then
   * only WebRTC's hop-by-hop DTLS-SRTP protects media.
   */
  e2ee: E2EEOptions | false;
  /**
   * Customers only: join() acquires no camera or microphone until the ledger holds a `call`
   * grant for this subject, and a withdrawal of it ends the call. `false` when consent was
   * collected outside the SDK. Left out for a customer, join() refuses (CONSENT_REQUIRED).
   */
  consent?: ConsentGate | false;
  /**
   * STUN/TURN servers. Default: the TURN server the signaling server names in `joined`, with
   * this participant's short-lived credentials (the reference server with `turn`), else none, so
   * that no third party learns of the call. Given here, they replace the server's.
   */
  iceServers?: RTCIceServer[];
  /**
   * `'relay'`: connect only through TURN, so that neither participant learns the other's IP
   * address (at the cost of a relay hop). Default `'all'`.
   */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** getUserMedia constraints. Default: echo-cancelled audio and front-camera 720p video. */
  media?: MediaStreamConstraints;
  /**
   * When ICE fails (or stays disconnected past a grace period): `restartIce()` first, then a
   * rebuilt connection, with jittered backoff, until `maxAttempts`; then the call ends with
   * `connection-lost`. Attempts are spent only while signaling is up.
   */
  recovery?: RecoveryOptions;
}

export interface MediaStatus {
  readonly audioMuted: boolean;
  readonly videoMuted: boolean;
  readonly facingMode: FacingMode;
}

export interface CallStateChange {
  readonly state: CallState;
  readonly previous: CallState;
  /** Why the call ended. */
  readonly reason?: EndReason;
  /** Why the call failed. */
  readonly error?: SealcallError;
}

/** What `startRecording()` takes: the session supplies the streams and the customer's consent. */
export type StartRecordingOptions = Omit<CallRecorderOptions, 'consent' | 'local' | 'remote'>;

/** What `sendDocument()` takes besides the file. */
export interface SendDocumentOptions {
  /** For a Blob, which has none: the name the other side sees. Default: the File's own name. */
  readonly name?: string;
  /** Customer: their decision in the step that asked to send it, accepting `document`; recorded before it goes. */
  readonly consent?: ConsentDecision;
}

export interface RecordingStatus {
  /** This side records the call. */
  readonly local: boolean;
  /** The other side says it records the call. */
  readonly remote: boolean;
}

export interface CallSessionEvents {
  'state-change': CallStateChange;
  'local-stream': { stream: MediaStream };
  'remote-stream': { stream: MediaStream };
  /** Agent: a customer waits in the lobby; answer with admit() or reject(). */
  knock: { participantId: string };
  /** Agent: the customer who knocked went away before being admitted or rejected. */
  'knock-withdrawn': { participantId: string };
  'media-change': MediaStatus;
  /** End-to-end encryption changed state, or rotated its key. */
  'e2ee-change': E2EEStatus;
  /** Incoming or outgoing frames were dropped (at most once a second), with the reasons; `alarm` when many fail authentication. */
  'e2ee-drop': E2EEDropReport;
  /** Customer: the agent asks for consent to a capture; show the consent step, then answerConsentRequest(). */
  'consent-request': ConsentRequest;
  /** Agent: the customer's consent to a capture changed, or they answered a request. */
  'consent-change': RemoteConsentState;
  /** A recording started or stopped, on either side: show it to the user. */
  'recording-change': RecordingStatus;
  /** The participant's problem changed (docs/errors.md): show its words and offer `problemActions()`; `undefined` once it is over. */
  'problem-change': { problem: CallProblem | undefined };
  /** A chat message, sent by this side (once handed to the connection) or received from the other. */
  'chat-message': { message: ChatMessage };
  /**
   * A message on the data channel did not open: altered or forged on the way (`auth-failed`),
   * replayed, under keys this side does not have, or malformed; or it was one this side never
   * asked for (`unexpected`). It was dropped; what follows it still arrives.
   */
  'data-rejected': { reason: ShareRejection };
  /** Customer: the agent asks for the location, once. Show the consent step (purpose `location`), then `answerLocationRequest()`. */
  'location-request': { requestId: string };
  /** Agent: the customer shared their location, in answer to `requestLocation()`. */
  'location-shared': { location: SharedLocation };
  /** A document crossed whole: sent by this side and confirmed by the other, or received from the other and checked (keep it with `storeDocument()`). */
  document: { document: SharedDocument };
  /** A document on its way, either way: first with `done` 0, then after each chunk. */
  'document-progress': { transfer: DocumentTransfer };
  /** A document did not cross: refused by the receiver (too large, type not allowed, damaged), or the connection was rebuilt or the call ended on its way. */
  'document-failed': { transfer: DocumentTransfer; error: SealcallError };
  /** Something went wrong that the call survived. */
  error: { error: SealcallError };
}
