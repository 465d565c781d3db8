/**
 * A data subject's rights on the governance API (docs/governance.md): the access export (GDPR
 * Art. 15), streamed as a versioned NDJSON bundle, and erasure (Art. 17).
 */

import * as v from 'valibot';
import { AuditEntrySchema } from './governance.js';
import { parseWith, type Parsed } from './parsed.js';
import { base64url, count, expecting, strict, text, time } from './schema-pieces.js';
import { ArtifactIdSchema, ArtifactRecordSchema } from './storage.js';

/** An export is due this many days after it was requested (Art. 12(3): one month). */
export const EXPORT_DEADLINE_DAYS = 30;
/** The version of the bundle's format: its first line says it. */
export const EXPORT_BUNDLE_VERSION = 1;
/** The media type of the bundle: one JSON object a line, `\n` after each. */
export const EXPORT_BUNDLE_MEDIA_TYPE = 'application/x-ndjson';
export const EXPORT_PAGE_LIMIT = { default: 100, max: 500 } as const;

/**
 * The lawful bases on which an artifact may be kept when its subject is erased (Art. 17(3)): a
 * legal obligation (b), a task in the public interest (b, c), archiving or research (d), legal
 * claims (e). A code, never free text.
 */
export const RETENTION_BASES = ['legal-obligation', 'public-interest', 'archiving', 'legal-claims'] as const;
export type RetentionBasis = (typeof RETENTION_BASES)[number];
/** Why an erasure kept an artifact: a basis the DPO named, or a legal hold in force. */
export const RETAINED_REASONS = [...RETENTION_BASES, 'legal-hold'] as const;
export type RetainedReason = (typeof RETAINED_REASONS)[number];

/** Who else an artifact shows besides its data subject: a recording shows the call's agent too. */
export const OTHER_PEOPLE = ['agent'] as const;

const BasisSchema = v.picklist(RETENTION_BASES, expecting('basis', RETENTION_BASES.join(', ')));
const RetainedReasonSchema = v.picklist(RETAINED_REASONS, expecting('reason', RETAINED_REASONS.join(', ')));

/** The body of `POST /v1/subjects/:id/exports`: nothing yet, `{}`. */
export const RequestExportSchema = strict('body', {});

/** The body of `POST /v1/subjects/:id/erasure`: artifacts to keep on another lawful basis, if any. */
export const EraseSubjectSchema = strict('body', {
  retain: v.optional(v.pipe(
    v.array(strict('retain[]', { artifactId: ArtifactIdSchema, basis: BasisSchema }), expecting('retain', 'an array')),
    v.maxLength(1000, expecting('retain', 'at most 1000 artifacts')),
  )),
});
export type EraseSubject = v.InferOutput<typeof EraseSubjectSchema>;

/** The answer to an erasure: what this request erased, and what it kept and why. */
export const SubjectErasureSchema = v.object({
  subjectId: text('subjectId'),
  /** When the subject was first erased: since then nothing new is stored for them. */
  erasedAt: time('erasedAt'),
  /** Artifacts erased by this request (a repeated erasure finds none). */
  artifactsErased: count('artifactsErased'),
  retained: v.array(v.object({ artifactId: ArtifactIdSchema, reason: RetainedReasonSchema }), expecting('retained', 'an array')),
}, expecting('erasure', 'an object'));
export type SubjectErasure = v.InferOutput<typeof SubjectErasureSchema>;

/** An access request, as the server tracks it against its deadline. */
export const SubjectExportSchema = v.object({
  id: text('id', 64),
  /** null once the subject has been erased. */
  subjectId: v.nullable(text('subjectId')),
  requestedAt: time('requestedAt'),
  requestedBy: text('requestedBy'),
  /** `requestedAt` plus EXPORT_DEADLINE_DAYS. */
  dueAt: time('dueAt'),
  /** When its bundle was first read to the end; null until then. */
  completedAt: v.nullable(time('completedAt')),
}, expecting('export', 'an object'));
export type SubjectExport = v.InferOutput<typeof SubjectExportSchema>;

/** The answer to `GET /v1/exports?after=<n>&limit=<n>`: oldest request first. */
export const SubjectExportPageSchema = v.object({
  exports: v.array(SubjectExportSchema, expecting('exports', 'an array')),
  /** The `after` of the next page, or null. */
  next: v.nullable(count('next')),
}, expecting('page', 'an object'));
export type SubjectExportPage = v.InferOutput<typeof SubjectExportPageSchema>;

/** A chunk of an artifact's content in a stream of lines: the ciphertext as stored, base64url. */
export const ChunkLineSchema = v.object({ type: v.literal('chunk'), artifactId: ArtifactIdSchema, index: count('index'), data: base64url('data', 3 * 2 ** 30) });

/**
 * The lines of an export bundle (`GET /v1/exports/:id/bundle`), in this order: one `bundle`;
 * the subject's `call`s; each `artifact` followed by its `chunk`s (the ciphertext as stored, to
 * be decrypted where the key lives); the `audit` entries about the subject; one `end`. A bundle
 * without its `end` line was cut short.
 */
export const ExportLineSchema = v.variant('type', [
  v.object({
    type: v.literal('bundle'),
    version: count('version'),
    exportId: text('exportId', 64),
    subjectId: text('subjectId'),
    requestedAt: time('requestedAt'),
    dueAt: time('dueAt'),
    generatedAt: time('generatedAt'),
  }),
  v.object({ type: v.literal('call'), callId: text('callId', 64), createdAt: time('createdAt') }),
  v.object({
    type: v.literal('artifact'),
    artifact: ArtifactRecordSchema,
    /** Who else it shows: the call's agent in a recording (docs/gdpr.md, "Several people"). */
    alsoShows: v.array(v.picklist(OTHER_PEOPLE, expecting('alsoShows[]', OTHER_PEOPLE.join(', '))), expecting('alsoShows', 'an array')),
    /** Set when an erasure kept it on another lawful basis. */
    retainedFor: v.nullable(BasisSchema),
  }),
  ChunkLineSchema,
  v.object({ type: v.literal('audit'), entry: AuditEntrySchema }),
  v.object({
    type: v.literal('end'),
    calls: count('calls'),
    artifacts: count('artifacts'),
    chunks: count('chunks'),
    bytes: count('bytes'),
    auditEntries: count('auditEntries'),
  }),
], expecting('type', 'bundle, call, artifact, chunk, audit or end'));
export type ExportLine = v.InferOutput<typeof ExportLineSchema>;

export function parseEraseSubject(value: unknown): Parsed<EraseSubject> {
  return parseWith(EraseSubjectSchema, value);
}

export function parseRequestExport(value: unknown): Parsed<Record<string, never>> {
  return parseWith(RequestExportSchema, value) as Parsed<Record<string, never>>;
}

export function parseSubjectErasure(value: unknown): Parsed<SubjectErasure> {
  return parseWith(SubjectErasureSchema, value);
}

export function parseSubjectExport(value: unknown): Parsed<SubjectExport> {
  return parseWith(SubjectExportSchema, value);
}

export function parseSubjectExportPage(value: unknown): Parsed<SubjectExportPage> {
  return parseWith(SubjectExportPageSchema, value);
}

export function parseExportLine(value: unknown): Parsed<ExportLine> {
  return parseWith(ExportLineSchema, value);
}
