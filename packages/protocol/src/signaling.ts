/**
 * Signaling messages between a client and the signaling server (docs/protocol.md, "Messages"),
 * as schemas: the server checks what clients send with them, the SDK what the server sends.
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';

export const MAX_TOKEN_LENGTH = 2048;
/** Participant ids (22 characters as the server makes them) and other ids on the wire. */
export const MAX_ID_LENGTH = 64;
export const MAX_ERROR_MESSAGE_LENGTH = 1024;

export const RoleSchema = v.picklist(['agent', 'customer'], `"role" expected 'agent' or 'customer'`);
export type Role = v.InferOutput<typeof RoleSchema>;

export function isRole(value: unknown): value is Role {
  return v.is(RoleSchema, value);
}

function text(field: string, maxLength: number) {
  const expected = `"${field}" expected a string of 1..${maxLength} characters`;
  return v.pipe(
    v.string((issue) => `${expected}, got ${issue.received}`),
    v.minLength(1, `${expected}, got an empty one`),
    v.maxLength(maxLength, (issue) => `${expected}, got length=${issue.received}`),
  );
}

/** An object of these fields; a missing one is named (`"token" is missing`). */
function fields<const T extends v.ObjectEntries>(entries: T) {
  return v.object(entries, (issue) => (issue.path === undefined ? 'expected a JSON object' : `${issue.expected} is missing`));
}

/** The payload of a `signal`: any JSON object. The server relays it and never looks inside. */
export type SignalData = { readonly [key: string]: unknown };

const SignalDataSchema = v.custom<SignalData>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  '"data" expected a JSON object',
);

export const PeerInfoSchema = fields({ participantId: text('participantId', MAX_ID_LENGTH), role: RoleSchema });
export type PeerInfo = v.InferOutput<typeof PeerInfoSchema>;

/**
 * A TURN server with credentials for this participant (RFC 8489 long-term credentials in the
 * TURN REST form: `username` is `<unix expiry>:<participant id>`), as `RTCIceServer` takes it.
 */
export const IceServerSchema = fields({
  urls: v.pipe(v.array(text('urls[]', 512), '"urls" expected an array of strings'), v.minLength(1, '"urls" expected at least one URL'), v.maxLength(8, '"urls" expected at most 8 URLs')),
  username: text('username', 256),
  credential: text('credential', 256),
});
export type IceServer = v.InferOutput<typeof IceServerSchema>;

export const PeerLeftReasonSchema = v.picklist(['left', 'rejected', 'timeout'], `"reason" expected 'left', 'rejected' or 'timeout'`);
export type PeerLeftReason = v.InferOutput<typeof PeerLeftReasonSchema>;

/**
 * Why a customer is not coming: told by its page before it joins (a declined notice, a camera it
 * could not use), or by the server when its link was refused. The agent's page shows it.
 */
export const CUSTOMER_ABSENCE_REASONS = ['declined', 'media-denied', 'no-camera', 'device-in-use', 'unsupported'] as const;
export const ABSENCE_REASONS = [...CUSTOMER_ABSENCE_REASONS, 'link-used', 'link-expired'] as const;
export type CustomerAbsenceReason = (typeof CUSTOMER_ABSENCE_REASONS)[number];
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

const CustomerAbsenceReasonSchema = v.picklist(CUSTOMER_ABSENCE_REASONS, `"reason" expected one of ${CUSTOMER_ABSENCE_REASONS.join(', ')}`);
const AbsenceReasonSchema = v.picklist(ABSENCE_REASONS, `"reason" expected one of ${ABSENCE_REASONS.join(', ')}`);

export function isCustomerAbsenceReason(value: unknown): value is CustomerAbsenceReason {
  return v.is(CustomerAbsenceReasonSchema, value);
}

const UNKNOWN_TYPE = 'expected a JSON object with a known string "type"';

export const ClientMessageSchema = v.variant(
  'type',
  [
    fields({ type: v.literal('join'), token: text('token', MAX_TOKEN_LENGTH) }),
    fields({ type: v.literal('admit'), participantId: text('participantId', MAX_ID_LENGTH) }),
    fields({ type: v.literal('reject'), participantId: text('participantId', MAX_ID_LENGTH) }),
    fields({ type: v.literal('signal'), data: SignalDataSchema }),
    fields({ type: v.literal('leave') }),
    fields({ type: v.literal('absent'), token: text('token', MAX_TOKEN_LENGTH), reason: CustomerAbsenceReasonSchema }),
  ],
  UNKNOWN_TYPE,
);
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;

export const ServerMessageSchema = v.variant(
  'type',
  [
    fields({
      type: v.literal('joined'),
      participantId: text('participantId', MAX_ID_LENGTH),
      role: RoleSchema,
      resumeToken: text('resumeToken', MAX_TOKEN_LENGTH),
      admitted: v.boolean('"admitted" expected a boolean'),
      peer: v.nullable(PeerInfoSchema),
      /** From a server with TURN: relays to use, valid no longer than this participant's session. */
      iceServers: v.optional(v.pipe(v.array(IceServerSchema, '"iceServers" expected an array'), v.maxLength(4, '"iceServers" expected at most 4 servers'))),
    }),
    fields({ type: v.literal('knock'), participantId: text('participantId', MAX_ID_LENGTH) }),
    fields({ type: v.literal('admitted'), resumeToken: text('resumeToken', MAX_TOKEN_LENGTH), peer: PeerInfoSchema }),
    fields({ type: v.literal('peer-joined'), peer: PeerInfoSchema }),
    fields({ type: v.literal('peer-left'), participantId: text('participantId', MAX_ID_LENGTH), reason: PeerLeftReasonSchema }),
    fields({ type: v.literal('signal'), from: text('from', MAX_ID_LENGTH), data: SignalDataSchema }),
    fields({ type: v.literal('rejected') }),
    fields({ type: v.literal('peer-absent'), reason: AbsenceReasonSchema }),
    // Any code: a newer server may send one this client does not know yet, and the message still says what happened.
    fields({ type: v.literal('error'), code: text('code', MAX_ID_LENGTH), message: text('message', MAX_ERROR_MESSAGE_LENGTH) }),
  ],
  UNKNOWN_TYPE,
);
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;

/** A client message, from a parsed JSON value. */
export function parseClientMessage(value: unknown): Parsed<ClientMessage> {
  return parseWith(ClientMessageSchema, value);
}

/** A server message, from a parsed JSON value. */
export function parseServerMessage(value: unknown): Parsed<ServerMessage> {
  return parseWith(ServerMessageSchema, value);
}
