/**
 * Staff's reach into the records (docs/governance.md, "Records"): the calls a member may see,
 * their artifacts, and an artifact's content, streamed as lines.
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';
import { count, expecting, text, time } from './schema-pieces.js';
import { ArtifactRecordSchema } from './storage.js';
import { ChunkLineSchema } from './subjects.js';

export const CALL_PAGE_LIMIT = { default: 50, max: 200 } as const;

/** A call as staff see it in the records. */
export const CallRecordSchema = v.object({
  callId: text('callId', 64),
  /** The customer's pseudonymous subject id; null once erased, or for a room opened without `POST /v1/calls`. */
  subjectId: v.nullable(text('subjectId')),
  /** The `sub` of the agent who started it, and their teams (the staff token's team claim) then. */
  startedBy: v.nullable(text('startedBy')),
  teams: v.array(text('teams[]', 64), expecting('teams', 'an array')),
  startedAt: time('startedAt'),
}, expecting('call', 'an object'));
export type CallRecord = v.InferOutput<typeof CallRecordSchema>;

export const CallPageSchema = v.object({
  calls: v.array(CallRecordSchema, expecting('calls', 'an array')),
  /** The `after` of the next page, or null. */
  next: v.nullable(count('next')),
}, expecting('page', 'an object'));
export type CallPage = v.InferOutput<typeof CallPageSchema>;

/**
 * The lines of an artifact's content (`GET /v1/records/:id/content` and `/download`), in this
 * order: its `artifact` metadata with the wrapped key, its `chunk`s as stored, and `end`. An
 * answer without its `end` line was cut short.
 */
export const RecordLineSchema = v.variant('type', [
  v.object({ type: v.literal('artifact'), artifact: ArtifactRecordSchema }),
  ChunkLineSchema,
  v.object({ type: v.literal('end'), chunks: count('chunks'), bytes: count('bytes') }),
], expecting('type', 'artifact, chunk or end'));
export type RecordLine = v.InferOutput<typeof RecordLineSchema>;

export function parseCallPage(value: unknown): Parsed<CallPage> {
  return parseWith(CallPageSchema, value);
}

export function parseRecordLine(value: unknown): Parsed<RecordLine> {
  return parseWith(RecordLineSchema, value);
}
