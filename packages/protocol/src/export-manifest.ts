/**
 * The `manifest.json` of the ZIP a DPO hands a data subject (GDPR Art. 15): what each file is,
 * when and why it was made, under which consent, and who else it shows. Versioned; whoever reads
 * an export (the subject's adviser, a regulator) can check it against this schema.
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';
import { count, expecting, text, time } from './schema-pieces.js';
import { ARTIFACT_END_REASONS, ARTIFACT_KINDS } from './storage.js';
import { OTHER_PEOPLE, RETENTION_BASES } from './subjects.js';

export const EXPORT_MANIFEST_FORMAT = 'sealcall-subject-export';
export const EXPORT_MANIFEST_VERSION = 1;

/** A path inside the ZIP: relative, `/`-separated, no `..`. */
const PathSchema = v.pipe(text('path', 512), v.regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\]+$/, expecting('path', 'a relative path inside the archive')));

export const ExportManifestFileSchema = v.object({
  /** Null when the content no longer exists (its key was destroyed): the file is listed, not included. */
  path: v.nullable(PathSchema),
  artifactId: text('artifactId', 128),
  callId: text('callId', 64),
  kind: v.picklist(ARTIFACT_KINDS, expecting('kind', ARTIFACT_KINDS.join(', '))),
  mimeType: text('mimeType', 255),
  /** When it was made, by the server's clock; when its retention ends. */
  createdAt: time('createdAt'),
  expiresAt: time('expiresAt'),
  /** Why it was made, as the integrator's code (`claim-evidence`), or null. */
  purpose: v.nullable(text('purpose', 64)),
  /** The consent record it was taken under (an `id` in consent-receipt.json), or null where none was needed. */
  consentRef: v.nullable(text('consentRef')),
  /** Bytes of the decrypted file. */
  bytes: count('bytes'),
  /** False for a recording that was never finished: it ends where it was cut off. */
  complete: v.boolean(expecting('complete', 'a boolean')),
  endReason: v.nullable(v.picklist(ARTIFACT_END_REASONS, expecting('endReason', ARTIFACT_END_REASONS.join(', ')))),
  /** Who else it shows besides the data subject (docs/gdpr.md, "Several people"). */
  alsoShows: v.array(v.picklist(OTHER_PEOPLE, expecting('alsoShows[]', OTHER_PEOPLE.join(', '))), expecting('alsoShows', 'an array')),
  /** Set when an erasure kept it on another lawful basis. */
  retainedFor: v.nullable(v.picklist(RETENTION_BASES, expecting('retainedFor', RETENTION_BASES.join(', ')))),
}, expecting('file', 'an object'));
export type ExportManifestFile = v.InferOutput<typeof ExportManifestFileSchema>;

export const ExportManifestSchema = v.object({
  format: v.literal(EXPORT_MANIFEST_FORMAT, expecting('format', EXPORT_MANIFEST_FORMAT)),
  version: v.literal(EXPORT_MANIFEST_VERSION, expecting('version', String(EXPORT_MANIFEST_VERSION))),
  exportId: text('exportId', 64),
  subjectId: text('subjectId'),
  /** The request, its deadline and the bundle, by the server's clock. */
  requestedAt: time('requestedAt'),
  dueAt: time('dueAt'),
  generatedAt: time('generatedAt'),
  /** The language of index.html. */
  locale: text('locale', 35),
  calls: v.array(v.object({ callId: text('callId', 64), startedAt: time('startedAt') }, expecting('call', 'an object')), expecting('calls', 'an array')),
  files: v.array(ExportManifestFileSchema, expecting('files', 'an array')),
  /** The subject's consent records as a verifiable receipt, or null when the export holds none. */
  consentReceipt: v.nullable(PathSchema),
  /** The audit log's entries about the subject, one JSON object a line. */
  auditLog: v.object({ path: PathSchema, entries: count('entries') }, expecting('auditLog', 'an object')),
}, expecting('manifest', 'an object'));
export type ExportManifest = v.InferOutput<typeof ExportManifestSchema>;

export function parseExportManifest(value: unknown): Parsed<ExportManifest> {
  return parseWith(ExportManifestSchema, value);
}
