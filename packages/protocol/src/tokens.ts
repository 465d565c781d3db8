/**
 * The claims of Sealcall's JWTs (docs/protocol.md, "Tokens"), after their signature and times
 * are checked: what a back end puts in a room or storage token, and what the server puts in a
 * resume token. Claims a schema does not know are dropped.
 */

import * as v from 'valibot';
import { ROOM_ID_PATTERN } from './ids.js';
import { parseWith, type Parsed } from './parsed.js';
import { RoleSchema } from './signaling.js';

/** What each kind of token is for: a token of one kind is refused where another is expected. */
export const TOKEN_AUDIENCES = { room: 'sealcall-room', resume: 'sealcall-resume', storage: 'sealcall-storage' } as const;
export type TokenAudience = (typeof TOKEN_AUDIENCES)[keyof typeof TOKEN_AUDIENCES];

/** Every row belongs to a tenant; a token without `tid` is of this one. */
export const DEFAULT_TENANT = 'default';
export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The `room` of an office storage token: every call of its tenant. */
export const ANY_CALL = '*';

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && TENANT_ID_PATTERN.test(value);
}

function claim(name: string, expected: string) {
  return `"${name}" expected ${expected}`;
}

const registered = {
  iss: v.string(claim('iss', 'a string')),
  sub: v.pipe(v.string(claim('sub', '1..256 characters')), v.minLength(1, claim('sub', '1..256 characters')), v.maxLength(256, claim('sub', '1..256 characters'))),
  iat: v.pipe(v.number(claim('iat', 'unix seconds')), v.safeInteger(claim('iat', 'unix seconds'))),
  exp: v.pipe(v.number(claim('exp', 'unix seconds')), v.safeInteger(claim('exp', 'unix seconds'))),
  nbf: v.optional(v.pipe(v.number(claim('nbf', 'unix seconds')), v.safeInteger(claim('nbf', 'unix seconds')))),
  jti: v.pipe(v.string(claim('jti', '16..128 characters of [A-Za-z0-9_-], e.g. a UUID')), v.regex(/^[A-Za-z0-9_-]{16,128}$/, claim('jti', '16..128 characters of [A-Za-z0-9_-], e.g. a UUID'))),
  tid: v.optional(v.pipe(v.string(claim('tid', '1..64 characters of [A-Za-z0-9_-]')), v.regex(TENANT_ID_PATTERN, claim('tid', '1..64 characters of [A-Za-z0-9_-]'))), DEFAULT_TENANT),
};

const RoomIdClaim = v.pipe(v.string(claim('room', '1..64 characters of [A-Za-z0-9_-]')), v.regex(ROOM_ID_PATTERN, claim('room', '1..64 characters of [A-Za-z0-9_-]')));
const JoinRole = v.picklist(RoleSchema.options, claim('role', `'agent' or 'customer'`));

export const RoomTokenClaimsSchema = v.object({ ...registered, aud: v.literal(TOKEN_AUDIENCES.room), room: RoomIdClaim, role: JoinRole });
export type RoomTokenClaims = v.InferOutput<typeof RoomTokenClaimsSchema>;

export const ResumeTokenClaimsSchema = v.object({
  ...registered,
  aud: v.literal(TOKEN_AUDIENCES.resume),
  room: RoomIdClaim,
  role: JoinRole,
  /** The participant id, kept across reconnects and server restarts. */
  pid: v.pipe(v.string(claim('pid', 'a participant id')), v.regex(/^[A-Za-z0-9_-]{22}$/, claim('pid', 'a participant id'))),
});
export type ResumeTokenClaims = v.InferOutput<typeof ResumeTokenClaimsSchema>;

export const StorageRoleSchema = v.picklist(['agent', 'customer', 'office'], claim('role', `'agent', 'customer' or 'office'`));
export type StorageRole = v.InferOutput<typeof StorageRoleSchema>;

/** Whether `room` is what a storage token of `role` may name: its call, or `*` for the office. */
export function isStorageRoom(room: unknown, role: StorageRole): room is string {
  return (role === 'office' && room === ANY_CALL) || (typeof room === 'string' && ROOM_ID_PATTERN.test(room));
}

/**
 * `dsub`, the data subject: the pseudonymous `subjectId` that the artifacts begun with this token
 * are about (the call's customer). The server takes the subject from here, never from a request
 * body; a token without it stores artifacts with the subject withheld (`WITHHELD`).
 */
const DataSubjectClaim = v.pipe(v.string(claim('dsub', '1..256 characters')), v.minLength(1, claim('dsub', '1..256 characters')), v.maxLength(256, claim('dsub', '1..256 characters')));

export const StorageTokenClaimsSchema = v.pipe(
  v.object({
    ...registered,
    aud: v.literal(TOKEN_AUDIENCES.storage),
    room: v.string(claim('room', 'a string')),
    role: StorageRoleSchema,
    dsub: v.optional(DataSubjectClaim),
  }),
  v.check(
    (claims) => isStorageRoom(claims.room, claims.role),
    (issue) => claim('room', `${(issue.input as { role?: string }).role === 'office' ? `'*' or ` : ''}1..64 characters of [A-Za-z0-9_-]`),
  ),
);
export type StorageTokenClaims = v.InferOutput<typeof StorageTokenClaimsSchema>;

export function parseRoomTokenClaims(value: unknown): Parsed<RoomTokenClaims> {
  return parseWith(RoomTokenClaimsSchema, value);
}

export function parseResumeTokenClaims(value: unknown): Parsed<ResumeTokenClaims> {
  return parseWith(ResumeTokenClaimsSchema, value);
}

export function parseStorageTokenClaims(value: unknown): Parsed<StorageTokenClaims> {
  return parseWith(StorageTokenClaimsSchema, value);
}
