export { CallSession } from './call/call-session.js';
export type { CallSessionEvents, CallSessionOptions, CallState, CallStateChange, EndReason, MediaStatus } from './call/types.js';
export type { FacingMode } from './call/media.js';
export { SealcallError, type SealcallErrorCode } from './errors.js';
export { BroadcastChannelSignaling, type BroadcastChannelSignalingOptions } from './signaling/broadcast-channel.js';
export { WebSocketSignaling, type WebSocketSignalingOptions } from './signaling/websocket.js';
export type { BackoffOptions } from './signaling/backoff.js';
export { MAX_PEER_MESSAGE_BYTES, isPeerMessage, type PeerMessage, type SessionDescription, type IceCandidate } from './signaling/peer-message.js';
export type {
  JoinResult,
  Participant,
  PeerLeftReason,
  Role,
  SignalingAdapter,
  SignalingEvents,
  SignalingState,
} from './signaling/types.js';
export { createCallSecret, CALL_SECRET_BYTES } from './e2ee/key-agreement.js';
export { createInvite, parseInvite, type Invite } from './e2ee/invite.js';
export type { E2EEOptions, E2EEState, E2EEStats, E2EEStatus, FrameDropReason, ShortAuthString, TransformApi } from './e2ee/types.js';
export { ConsentLedger, type ConsentDecision, type ConsentContext, type ConsentReceipt, type ConsentLedgerEvents, type ConsentLedgerOptions } from './consent/consent-ledger.js';
export { MemoryConsentStore } from './consent/memory-consent-store.js';
export { verifyChain as verifyConsentChain } from './consent/record-hash.js';
export type { ConsentMethod, ConsentPurpose, ConsentQuery, ConsentRecord, ConsentStore } from './consent/types.js';
export type { ConsentGate } from './call/types.js';
