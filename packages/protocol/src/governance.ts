/**
 * The governance API's JSON (docs/governance.md): what a signed-in member of staff sends, strict
 * as every request body is, and what the server answers, loose so that a client drops what it
 * does not know.
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';
import { StaffPermissionSchema, StaffRoleSchema } from './permissions.js';
import { count, expecting, strict, text, time } from './schema-pieces.js';

/** The codes of `{ error: { code, message } }` answers of the governance routes. */
export const GOVERNANCE_ERROR_CODES = ['INVALID_ARGUMENT', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'FAILED'] as const;
export type GovernanceErrorCode = (typeof GOVERNANCE_ERROR_CODES)[number];

/** Longest life of a customer's invitation: a week. The server's `maxTokenLifetimeSeconds` may cap it lower. */
export const MAX_INVITATION_TTL_SECONDS = 7 * 24 * 3600;

function seconds(name: string, min: number, max: number) {
  const message = expecting(name, `an integer of seconds in ${min}..${max}`);
  return v.pipe(v.number(message), v.safeInteger(message), v.minValue(min, message), v.maxValue(max, message));
}

/** The body of `POST /v1/calls`. */
export const StartCallSchema = strict('body', {
  /**
   * The customer's pseudonymous subject id (`pseudonymousSubjectId`), under which their pictures
   * and recordings are filed. Default: a new random one, returned in the answer.
   */
  subjectId: v.optional(text('subjectId')),
  /** How long the customer's link may be used to join. Default 86400 (24 hours). */
  invitationTtlSeconds: v.optional(seconds('invitationTtlSeconds', 60, MAX_INVITATION_TTL_SECONDS)),
});
export type StartCall = v.InferOutput<typeof StartCallSchema>;

/** The body of `POST /v1/calls/:id/security-code`: whether the agent and the customer read the same security code. */
export const RecordSecurityCodeSchema = strict('body', {
  matches: v.boolean('"matches" expected true or false'),
});
export type RecordSecurityCode = v.InferOutput<typeof RecordSecurityCodeSchema>;

export function parseRecordSecurityCode(value: unknown): Parsed<RecordSecurityCode> {
  return parseWith(RecordSecurityCodeSchema, value);
}

/** The answer to `POST /v1/calls`. */
export const StartedCallSchema = v.object({
  /** The room id: the call's id everywhere else (artifacts' `callId`). */
  callId: text('callId', 64),
  subjectId: text('subjectId'),
  /** The agent's room token: joins this call as its agent. */
  agentToken: text('agentToken', 2048),
  /** The customer's room token: joins this call once, as its customer, and does nothing else. */
  invitationToken: text('invitationToken', 2048),
  /** When the invitation stops working, ms since the epoch. */
  invitationExpiresAt: time('invitationExpiresAt'),
  /**
   * The agent's storage token for this call (role `agent`, `dsub` the call's `subjectId`), as
   * long-lived as `agentToken`: where the server keeps artifacts (its `storage` option), else absent.
   */
  storageToken: v.optional(text('storageToken', 2048)),
}, expecting('answer', 'an object'));
export type StartedCall = v.InferOutput<typeof StartedCallSchema>;

/** The answer to `GET /v1/me`: the signed-in member as the server reads their token, and what their roles allow by the server's table. */
export const StaffIdentitySchema = v.object({
  /** The token's `sub`. */
  subject: text('subject'),
  tenant: text('tenant', 64),
  roles: v.array(v.picklist(StaffRoleSchema.options, expecting('roles[]', StaffRoleSchema.options.join(', '))), expecting('roles', 'an array')),
  teams: v.array(text('teams[]', 64), expecting('teams', 'an array')),
  /** Every permission of `STAFF_PERMISSIONS` that one of `roles` holds. */
  permissions: v.array(v.picklist(StaffPermissionSchema.options, expecting('permissions[]', StaffPermissionSchema.options.join(', '))), expecting('permissions', 'an array')),
}, expecting('identity', 'an object'));
export type StaffIdentity = v.InferOutput<typeof StaffIdentitySchema>;

/** Flat details of an audit entry: pseudonymous ids, codes and counts, never free text. */
const DETAILS = 'an object of strings, numbers and booleans';
const AuditDetailsSchema = v.record(v.string(), v.union([v.string(), v.number(), v.boolean()], expecting('details', DETAILS)), expecting('details', DETAILS));

/** One entry of the audit log, with what `sealcall-server audit verify` checks it by. */
export const AuditEntrySchema = v.object({
  seq: count('seq'),
  at: time('at'),
  action: text('action', 64),
  actor: v.nullable(v.object({ role: text('actor.role', 64), id: text('actor.id') }, expecting('actor', 'an object or null'))),
  subjectId: v.nullable(text('subjectId')),
  target: v.nullable(text('target')),
  details: AuditDetailsSchema,
  previousHash: text('previousHash', 128),
  hash: text('hash', 128),
  keyId: text('keyId', 128),
  signature: text('signature', 256),
}, expecting('entry', 'an object'));
export type AuditEntryRecord = v.InferOutput<typeof AuditEntrySchema>;

export const AUDIT_PAGE_LIMIT = { default: 100, max: 500 } as const;

/** The filter of `GET /v1/audit`, besides `after` and `limit`. */
export const AuditFilterSchema = v.object({
  /** Only the entries about this call: the call's own (`target`) and its artifacts' (`details.call`). */
  call: v.optional(text('call', 64)),
}, expecting('filter', 'an object'));
export type AuditFilter = v.InferOutput<typeof AuditFilterSchema>;

export function parseAuditFilter(value: unknown): Parsed<AuditFilter> {
  return parseWith(AuditFilterSchema, value);
}

/** The answer to `GET /v1/audit?after=<seq>&limit=<n>`: entries after `after`, oldest first. */
export const AuditPageSchema = v.object({
  entries: v.array(AuditEntrySchema, expecting('entries', 'an array')),
  /** The `after` of the next page, or null if this page reaches the newest entry. */
  next: v.nullable(count('next')),
}, expecting('page', 'an object'));
export type AuditPage = v.InferOutput<typeof AuditPageSchema>;

/** Why a legal hold is placed: a code, never free text (the audit log records it). */
export const LEGAL_HOLD_REASONS = ['litigation', 'regulator-request', 'internal-investigation', 'other'] as const;
export type LegalHoldReason = (typeof LEGAL_HOLD_REASONS)[number];
const ReasonSchema = v.picklist(LEGAL_HOLD_REASONS, expecting('reason', LEGAL_HOLD_REASONS.join(', ')));

/** The body of `POST /v1/holds`: a hold on everything of one data subject, or of one call. */
export const PlaceHoldSchema = v.pipe(
  strict('body', { subjectId: v.optional(text('subjectId')), callId: v.optional(text('callId', 64)), reason: ReasonSchema }),
  v.check((body) => (body.subjectId === undefined) !== (body.callId === undefined), '"body" expected exactly one of subjectId and callId'),
);
export type PlaceHold = v.InferOutput<typeof PlaceHoldSchema>;

/** A legal hold as the server answers it. While it holds, nothing it covers is erased. */
export const LegalHoldSchema = v.object({
  id: text('id', 64),
  subjectId: v.nullable(text('subjectId')),
  callId: v.nullable(text('callId', 64)),
  reason: ReasonSchema,
  placedAt: time('placedAt'),
  placedBy: text('placedBy'),
}, expecting('hold', 'an object'));
export type LegalHold = v.InferOutput<typeof LegalHoldSchema>;

export const LegalHoldListSchema = v.object({ holds: v.array(LegalHoldSchema, expecting('holds', 'an array')) }, expecting('listing', 'an object'));

/** An error answer of a governance route. */
export const GovernanceErrorSchema = v.object({
  error: v.object({ code: v.string(), message: v.string() }),
});

export function parseStartCall(value: unknown): Parsed<StartCall> {
  return parseWith(StartCallSchema, value);
}

export function parseStartedCall(value: unknown): Parsed<StartedCall> {
  return parseWith(StartedCallSchema, value);
}

export function parseStaffIdentity(value: unknown): Parsed<StaffIdentity> {
  return parseWith(StaffIdentitySchema, value);
}

export function parseAuditPage(value: unknown): Parsed<AuditPage> {
  return parseWith(AuditPageSchema, value);
}

export function parsePlaceHold(value: unknown): Parsed<PlaceHold> {
  return parseWith(PlaceHoldSchema, value);
}

export function parseLegalHold(value: unknown): Parsed<LegalHold> {
  return parseWith(LegalHoldSchema, value);
}

export function parseLegalHoldList(value: unknown): Parsed<LegalHold[]> {
  const parsed = parseWith(LegalHoldListSchema, value);
  return parsed.ok ? { ok: true, value: parsed.value.holds } : parsed;
}
