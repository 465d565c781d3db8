/**
 * A tenant's settings (docs/governance.md, "Settings"): what only an admin may change, each
 * change audited. Every member of staff may read them, so that elements and the SDK follow them.
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';
import { count, expecting, strict, text, time } from './schema-pieces.js';
import { ARTIFACT_KINDS, PurposeSchema } from './storage.js';

/** What a retention policy governs: an artifact kind, or the audit log's own entries. */
export const RETENTION_KINDS = [...ARTIFACT_KINDS, 'audit'] as const;
export type RetentionTarget = (typeof RETENTION_KINDS)[number];

/** An admin cannot make the audit log forget sooner than this: the log is the evidence of what admins did. */
export const AUDIT_RETENTION_MIN_DAYS = 180;
export const MAX_RETENTION_DAYS = 100 * 365;

/** An event a retention period may count from, e.g. `claim-closed`: a code. */
export const RETENTION_EVENT_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const RetentionEventNameSchema = v.pipe(
  v.string(expecting('event', 'a code of [a-z0-9-], at most 64 characters')),
  v.regex(RETENTION_EVENT_PATTERN, expecting('event', 'a code of [a-z0-9-], at most 64 characters')),
);

const days = (name: string) => {
  const message = expecting(name, `an integer of days in 1..${MAX_RETENTION_DAYS}`);
  return v.pipe(v.number(message), v.safeInteger(message), v.minValue(1, message), v.maxValue(MAX_RETENTION_DAYS, message));
};

/**
 * How long one kind (and, with `purpose`, one purpose of it) is kept: `days` after its creation,
 * or, with `after`, `days` after that event is recorded for its subject or call. Until the event,
 * the server's longest retention for the kind applies.
 */
export const RetentionPolicySchema = v.pipe(
  strict('policy', {
    kind: v.picklist(RETENTION_KINDS, expecting('kind', RETENTION_KINDS.join(', '))),
    purpose: v.optional(PurposeSchema),
    days: days('days'),
    after: v.optional(RetentionEventNameSchema),
  }),
  v.check((policy) => policy.kind !== 'audit' || (policy.purpose === undefined && policy.after === undefined), '"policy" for audit entries expected only "days"'),
  v.check((policy) => policy.kind !== 'audit' || policy.days >= AUDIT_RETENTION_MIN_DAYS, `"days" for audit entries expected at least ${AUDIT_RETENTION_MIN_DAYS}`),
);
export type RetentionPolicy = v.InferOutput<typeof RetentionPolicySchema>;

/** The names of an invitation's strings, which a tenant may reword (the SDK's TemplateStrings). */
export const INVITATION_STRING_KEYS = [
  'emailSubject', 'greeting', 'greetingNoName', 'invitation', 'joinButton', 'joinText', 'linkFallback', 'linkPersonal',
  'privacyHeading', 'privacyEncryption', 'privacyConsent', 'privacyRetention', 'rightsHeading', 'rightsIntro', 'rightAccess',
  'rightRectification', 'rightErasure', 'rightObjection', 'rightComplaint', 'dpoContact', 'privacyNotice', 'privacyNoticeText',
  'signOff', 'footer', 'sms', 'smsShort',
] as const;
export type InvitationStringKey = (typeof INVITATION_STRING_KEYS)[number];

const StringsSchema = strict('strings', Object.fromEntries(INVITATION_STRING_KEYS.map((key) => [key, v.optional(text(`strings.${key}`, 2000))])) as Record<InvitationStringKey, v.OptionalSchema<ReturnType<typeof text>, undefined>>);

/** A tenant's own wording of invitations in one locale: single strings, or whole bodies. */
export const InvitationTemplateSchema = strict('invitationTemplates[]', {
  /** A BCP 47 tag: `nl`, or `nl-BE` for Belgium only. */
  locale: v.pipe(text('locale', 35), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, expecting('locale', 'a BCP 47 tag such as nl or nl-BE'))),
  strings: v.optional(StringsSchema),
  templates: v.optional(strict('templates', {
    emailHtml: v.optional(text('templates.emailHtml', 100_000)),
    emailText: v.optional(text('templates.emailText', 20_000)),
    whatsapp: v.optional(text('templates.whatsapp', 4000)),
  })),
});
export type InvitationTemplate = v.InferOutput<typeof InvitationTemplateSchema>;

const AGENT_DAYS = expecting('agentRecordsDays', 'an integer of days in 0..3650');
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

const settingsEntries = {
  /** At most one policy per kind and purpose (and one per kind without). */
  retention: v.pipe(
    v.array(RetentionPolicySchema, expecting('retention', 'an array of policies')),
    v.maxLength(100, expecting('retention', 'at most 100 policies')),
    v.check((policies) => new Set(policies.map((p) => `${p.kind}/${p.purpose ?? ''}`)).size === policies.length, '"retention" expected at most one policy per kind and purpose'),
  ),
  invitationTemplates: v.pipe(
    v.array(InvitationTemplateSchema, expecting('invitationTemplates', 'an array')),
    v.maxLength(50, expecting('invitationTemplates', 'at most 50 locales')),
    v.check((list) => new Set(list.map((t) => t.locale.toLowerCase())).size === list.length, '"invitationTemplates" expected one entry per locale'),
  ),
  /** The storage regions artifacts may be kept in (`storage.region` of the server); null: any. */
  storageRegions: v.nullable(v.pipe(v.array(text('storageRegions[]', 64), expecting('storageRegions', 'an array or null')), v.maxLength(50, expecting('storageRegions', 'at most 50 regions')))),
  /** The browser origins of your portals; a request from another is refused. null: any. */
  allowedOrigins: v.nullable(v.pipe(
    v.array(v.pipe(v.string(expecting('allowedOrigins[]', 'an origin such as https://portal.insurer.example')), v.regex(ORIGIN, expecting('allowedOrigins[]', 'an origin such as https://portal.insurer.example'))), expecting('allowedOrigins', 'an array or null')),
    v.maxLength(50, expecting('allowedOrigins', 'at most 50 origins')),
  )),
  /** Whether staff may download artifacts at all (viewing is always audited; so is a download). */
  downloads: v.boolean(expecting('downloads', 'true or false')),
  /** How long an agent sees the artifacts of the calls they started, in days after each call. */
  agentRecordsDays: v.pipe(v.number(AGENT_DAYS), v.safeInteger(AGENT_DAYS), v.minValue(0, AGENT_DAYS), v.maxValue(3650, AGENT_DAYS)),
};

/** Everything an admin sets for their tenant. */
export const TenantSettingsSchema = strict('settings', settingsEntries);
export type TenantSettings = v.InferOutput<typeof TenantSettingsSchema>;

/** A tenant's settings until its admin changes them. */
export const DEFAULT_SETTINGS: TenantSettings = {
  retention: [],
  invitationTemplates: [],
  storageRegions: null,
  allowedOrigins: null,
  downloads: false,
  agentRecordsDays: 30,
};

/** The body of `PUT /v1/settings`: all of them, and the version they replace (409 if it is not the current one). */
export const PutSettingsSchema = strict('body', { version: count('version'), settings: TenantSettingsSchema });
export type PutSettings = v.InferOutput<typeof PutSettingsSchema>;

/** The answer of `GET` and `PUT /v1/settings`. Version 0 is the defaults, never changed. */
export const SettingsDocumentSchema = v.object({
  version: count('version'),
  settings: v.object(settingsEntries, expecting('settings', 'an object')),
  updatedAt: v.nullable(time('updatedAt')),
  updatedBy: v.nullable(text('updatedBy')),
}, expecting('answer', 'an object'));
export type SettingsDocument = v.InferOutput<typeof SettingsDocumentSchema>;

/** The body of `POST /v1/retention-events`: `event` happened, now, for one subject or one call. */
export const RecordRetentionEventSchema = v.pipe(
  strict('body', { event: RetentionEventNameSchema, subjectId: v.optional(text('subjectId')), callId: v.optional(text('callId', 64)) }),
  v.check((body) => (body.subjectId === undefined) !== (body.callId === undefined), '"body" expected exactly one of subjectId and callId'),
);
export type RecordRetentionEvent = v.InferOutput<typeof RecordRetentionEventSchema>;

/** The answer: when the server recorded it, and how many artifacts' deadlines it brought forward. */
export const RetentionEventSchema = v.object({
  event: RetentionEventNameSchema,
  occurredAt: time('occurredAt'),
  artifactsUpdated: count('artifactsUpdated'),
}, expecting('answer', 'an object'));
export type RetentionEvent = v.InferOutput<typeof RetentionEventSchema>;

export function parsePutSettings(value: unknown): Parsed<PutSettings> {
  return parseWith(PutSettingsSchema, value);
}

export function parseSettingsDocument(value: unknown): Parsed<SettingsDocument> {
  return parseWith(SettingsDocumentSchema, value);
}

export function parseRecordRetentionEvent(value: unknown): Parsed<RecordRetentionEvent> {
  return parseWith(RecordRetentionEventSchema, value);
}

export function parseRetentionEvent(value: unknown): Parsed<RetentionEvent> {
  return parseWith(RetentionEventSchema, value);
}
