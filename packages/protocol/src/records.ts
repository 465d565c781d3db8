/**
 * Staff's reach into the records (docs/governance.md, "Records"): the calls a member may see,
 * their artifacts, and an artifact's content, streamed as lines.
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';
import { count, expecting, text, time } from './schema-pieces.js';
import { ArtifactKindSchema, ArtifactRecordSchema } from './storage.js';
import { ChunkLineSchema } from './subjects.js';

export const CALL_PAGE_LIMIT = { default: 50, max: 200 } as const;
export const CALL_ORDERS = ['oldest', 'newest'] as const;

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

/**
 * The filters of `GET /v1/calls`, its query parameters besides `after` and `limit`. Each only
 * narrows the calls the member sees; together they all apply.
 */
export const CallFilterSchema = v.pipe(
  v.object({
    /** Only the calls of this data subject: their `subjectId`, exactly. */
    subject: v.optional(text('subject')),
    /** Only calls started at or after this, ms since the epoch. */
    from: v.optional(time('from')),
    /** Only calls started before this, ms since the epoch. */
    to: v.optional(time('to')),
    /** Only calls with at least one artifact of this kind not past its retention. */
    kind: v.optional(ArtifactKindSchema),
    /**
     * `oldest` first (the default) or `newest` first, as a back office lists them. Either way
     * `after` is a position in that order: the `next` of the page before, 0 for the first page.
     */
    order: v.optional(v.picklist(CALL_ORDERS, expecting('order', CALL_ORDERS.join(' or ')))),
  }, expecting('filter', 'an object')),
  v.check(
    ({ from, to }) => from === undefined || to === undefined || from < to,
    (issue) => `"to" expected later than "from" (${issue.input.from}), got ${issue.input.to}`,
  ),
);
export type CallFilter = v.InferOutput<typeof CallFilterSchema>;

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

export function parseCallFilter(value: unknown): Parsed<CallFilter> {
  return parseWith(CallFilterSchema, value);
}

export function parseCallPage(value: unknown): Parsed<CallPage> {
  return parseWith(CallPageSchema, value);
}

export function parseRecordLine(value: unknown): Parsed<RecordLine> {
  return parseWith(RecordLineSchema, value);
}
