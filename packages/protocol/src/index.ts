export { CloseCode, FINAL_CLOSE_CODES } from './close-codes.js';
export { SIGNALING_ERROR_CODES, type SignalingErrorCode } from './error-codes.js';
export { isRoomId, ROOM_ID_PATTERN, roomFromPath, roomPath } from './ids.js';
export { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth.js';
export type { Parsed } from './parsed.js';
export {
  ClientMessageSchema,
  isRole,
  MAX_ERROR_MESSAGE_LENGTH,
  MAX_ID_LENGTH,
  MAX_TOKEN_LENGTH,
  parseClientMessage,
  parseServerMessage,
  PeerInfoSchema,
  PeerLeftReasonSchema,
  RoleSchema,
  ServerMessageSchema,
  type ClientMessage,
  type PeerInfo,
  type PeerLeftReason,
  type Role,
  type ServerMessage,
  type SignalData,
} from './signaling.js';
