/**
 * The artifact storage endpoint's JSON (docs/protocol.md, "Artifact storage"): what clients send
 * (strict: a field the server does not know is refused, so nothing unchecked is ever stored) and
 * what the server answers (loose: a client drops what it does not know).
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';
import { base64url, count, expecting, strict, text, time } from './schema-pieces.js';

/**
 * `location`: a position the customer shared during a call (GeoJSON); `transcript`: a call's chat,
 * kept only when the customer agreed to it.
 */
export const ARTIFACT_KINDS = ['picture', 'recording', 'document', 'location', 'transcript', 'consent'] as const;
export const ARTIFACT_END_REASONS = ['stopped', 'consent-withdrawn', 'call-ended', 'failed'] as const;
/** Pictures, recordings, locations and transcripts are only kept with the person's consent: the server refuses them without a `consentRef`. */
export const KINDS_NEEDING_CONSENT: ReadonlySet<string> = new Set(['picture', 'recording', 'location', 'transcript']);
/**
 * What a client sends instead of a value it keeps from this server: the subject (a storage token
 * without `dsub`) or the consent reference (only that there is one). HybridStorage sends it.
 */
export const WITHHELD = 'withheld';
export const ARTIFACT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const ArtifactIdSchema = v.pipe(
  v.string(expecting('id', '1 to 128 characters of [A-Za-z0-9._:-]')),
  v.regex(ARTIFACT_ID_PATTERN, expecting('id', '1 to 128 characters of [A-Za-z0-9._:-]')),
);

/** Why an artifact was taken, as a code of the integrator's (`claim-evidence`): retention policies may differ by purpose. */
export const PURPOSE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const PurposeSchema = v.pipe(
  v.string(expecting('purpose', 'a code of [a-z0-9-], at most 64 characters')),
  v.regex(PURPOSE_PATTERN, expecting('purpose', 'a code of [a-z0-9-], at most 64 characters')),
);

const encryptionEntries = {
  algorithm: text('encryption.algorithm', 64),
  keyProviderId: text('encryption.keyProviderId'),
  /** null once the data key is destroyed (crypto-shredding). */
  wrappedKey: v.nullable(base64url('encryption.wrappedKey', 4096)),
  noncePrefix: base64url('encryption.noncePrefix', 64),
};

export const ArtifactKindSchema = v.picklist(ARTIFACT_KINDS, expecting('kind', `${ARTIFACT_KINDS.slice(0, -1).join(', ')} or ${ARTIFACT_KINDS.at(-1)}`));
const EndReasonSchema = v.picklist(ARTIFACT_END_REASONS, expecting('endReason', 'stopped, consent-withdrawn, call-ended or failed'));

const newArtifactEntries = <E extends v.GenericSchema>(encryption: E) => ({
  id: ArtifactIdSchema,
  callId: text('callId'),
  subjectId: text('subjectId'),
  kind: ArtifactKindSchema,
  mimeType: text('mimeType', 128),
  createdAt: time('createdAt'),
  expiresAt: time('expiresAt'),
  consentRef: v.nullable(text('consentRef')),
  purpose: v.optional(PurposeSchema),
  encryption,
});

function noEarlierThanCreated<T extends { createdAt: number; expiresAt: number }>() {
  return v.check<T, (issue: v.CheckIssue<T>) => string>(
    (a) => a.expiresAt >= a.createdAt,
    (issue) => `"expiresAt" expected no earlier than createdAt (${issue.input.createdAt}), got ${issue.input.expiresAt}`,
  );
}

export const ArtifactEncryptionSchema = strict('encryption', encryptionEntries);

/** The body of `POST /v1/artifacts`. */
export const NewArtifactSchema = v.pipe(
  strict('body', newArtifactEntries(ArtifactEncryptionSchema)),
  noEarlierThanCreated(),
);
export type NewArtifact = v.InferOutput<typeof NewArtifactSchema>;
export type ArtifactEncryption = NewArtifact['encryption'];
export type ArtifactKind = NewArtifact['kind'];
export type ArtifactEndReason = (typeof ARTIFACT_END_REASONS)[number];

const patchEntries = {
  expiresAt: v.optional(time('expiresAt')),
  encryption: v.optional(ArtifactEncryptionSchema),
  endReason: v.optional(EndReasonSchema),
};

/** The body of `PATCH /v1/artifacts/:id`. */
export const ArtifactPatchSchema = strict('body', patchEntries);
export type ArtifactPatch = v.InferOutput<typeof ArtifactPatchSchema>;

const finishEntries = { chunkCount: v.optional(count('chunkCount')) };

/** The body of `POST /v1/artifacts/:id/finish`: none, or `{ chunkCount }`. */
export const FinishSchema = v.optional(strict('body', finishEntries));

/** An artifact's metadata as the server answers it. */
export const ArtifactRecordSchema = v.pipe(
  v.object({
    ...newArtifactEntries(v.object(encryptionEntries, expecting('encryption', 'an object'))),
    size: count('size'),
    status: v.picklist(['incomplete', 'complete'], expecting('status', 'incomplete or complete')),
    chunkCount: count('chunkCount'),
    endReason: v.optional(EndReasonSchema),
  }, expecting('metadata', 'an object')),
  noEarlierThanCreated(),
);
export type ArtifactRecord = v.InferOutput<typeof ArtifactRecordSchema>;

export const ArtifactListSchema = v.object({ artifacts: v.array(ArtifactRecordSchema, expecting('artifacts', 'an array')) }, expecting('listing', 'an object'));

/** The answer to a chunk: how many chunks and bytes the server holds now. */
export const AppendedSchema = v.object({ chunkCount: count('chunkCount'), size: count('size') }, expecting('acknowledgement', 'an object'));

export function parseNewArtifact(value: unknown): Parsed<NewArtifact> {
  return parseWith(NewArtifactSchema, value);
}

export function parseArtifactPatch(value: unknown): Parsed<ArtifactPatch> {
  return parseWith(ArtifactPatchSchema, value);
}

export function parseFinish(value: unknown): Parsed<{ chunkCount?: number | undefined } | undefined> {
  return parseWith(FinishSchema, value);
}

export function parseArtifactRecord(value: unknown): Parsed<ArtifactRecord> {
  return parseWith(ArtifactRecordSchema, value);
}

export function parseArtifactList(value: unknown): Parsed<ArtifactRecord[]> {
  const parsed = parseWith(ArtifactListSchema, value);
  return parsed.ok ? { ok: true, value: parsed.value.artifacts } : parsed;
}

export function parseAppended(value: unknown): Parsed<{ chunkCount: number; size: number }> {
  return parseWith(AppendedSchema, value);
}
