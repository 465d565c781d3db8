import type { Parsed } from './parsed.js';

/**
 * Several consecutive chunks of one artifact in one request:
 * `POST /v1/artifacts/:id/chunks?from=N&sizes=a,b,c`, the body their bytes one after the other.
 * The server stores them all or none; each counts as it would alone (a chunk it holds already
 * with the same bytes is a replay).
 */
export interface ChunkBatch {
  /** The index of the first chunk. */
  readonly from: number;
  /** Each chunk's length in bytes, in order: they add up to the body's length. */
  readonly sizes: readonly number[];
}

/** At most this many chunks in one batch. */
export const MAX_CHUNK_BATCH = 64;

/**
 * At most this many bytes in one batch (64 of the vault's segments, each 64 KiB and its tag),
 * unless one chunk alone is larger: a server holds no more than this, or one chunk, per request.
 */
export const MAX_CHUNK_BATCH_BYTES = 64 * (64 * 1024 + 16);

const INDEX = /^(0|[1-9][0-9]{0,15})$/;

/** The query string of a batch, without `?`. */
export function chunkBatchQuery(batch: ChunkBatch): string {
  return `from=${batch.from}&sizes=${batch.sizes.join(',')}`;
}

/** The batch a query names: 1..MAX_CHUNK_BATCH sizes, each a non-negative integer (a chunk may be empty). */
export function parseChunkBatchQuery(query: string): Parsed<ChunkBatch> {
  const params = new URLSearchParams(query);
  const keys = [...params.keys()].sort().join(',');
  if (keys !== 'from,sizes') return { ok: false, reason: `a chunk batch expected exactly the query parameters from and sizes, got ${keys || 'none'}` };
  const from = number(params.get('from') ?? '');
  if (from === undefined) return { ok: false, reason: '"from" expected a chunk index (a non-negative integer)' };
  const sizes = (params.get('sizes') ?? '').split(',').map(number);
  if (sizes.length > MAX_CHUNK_BATCH) return { ok: false, reason: `"sizes" expected at most ${MAX_CHUNK_BATCH} chunks, got ${sizes.length}` };
  if (!sizes.every((size): size is number => size !== undefined)) return { ok: false, reason: '"sizes" expected comma-separated chunk lengths in bytes' };
  if (!Number.isSafeInteger(from + sizes.length)) return { ok: false, reason: '"from" expected a chunk index (a non-negative integer)' };
  return { ok: true, value: { from, sizes } };
}

function number(text: string): number | undefined {
  if (!INDEX.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
