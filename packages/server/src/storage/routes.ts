/** The routes of `/v1/artifacts`: method and path to an operation with checked parameters. */

import { parseChunkBatchQuery } from '@sealcall/protocol';
import { SealcallServerError } from '../errors.js';
import { parseId, parseIndex, parseText, parseTimeParameter } from './validate.js';

export const ARTIFACTS_PATH = '/v1/artifacts';

export type StorageRoute =
  | { readonly op: 'begin' }
  | { readonly op: 'list-by-call'; readonly callId: string }
  | { readonly op: 'list-by-subject'; readonly subjectId: string }
  | { readonly op: 'list-expired'; readonly before: number }
  | { readonly op: 'metadata' | 'update' | 'delete' | 'finish'; readonly id: string }
  | { readonly op: 'content'; readonly id: string; readonly index: number }
  /** One chunk at `index`, or with `sizes` (a batch) as many as it lists, from `index` on. */
  | { readonly op: 'append'; readonly id: string; readonly index: number; readonly sizes?: readonly number[] };

/** A route, or why there is none: 404 (no such path) or 405 (not this method; `allow` lists them). */
export type RouteMatch =
  | { readonly route: StorageRoute }
  | { readonly status: 404 | 405; readonly allow?: string; readonly message: string };

const LIST_PARAMETERS = ['callId', 'subjectId', 'expiredBefore'];
const ARTIFACT_METHODS = new Map<string, 'metadata' | 'update' | 'delete'>([['GET', 'metadata'], ['PATCH', 'update'], ['DELETE', 'delete']]);
const CHUNK_METHODS = new Map<string, 'append' | 'content'>([['PUT', 'append'], ['GET', 'content']]);

export function isStoragePath(path: string): boolean {
  return path === ARTIFACTS_PATH || path.startsWith(`${ARTIFACTS_PATH}/`);
}

/**
 * Throws INVALID_ARGUMENT for a malformed id, index or list query. Path segments are
 * percent-decoded before they are checked; a query string is ignored except when listing.
 */
export function matchRoute(method: string, path: string, query: string): RouteMatch {
  const rest = path.slice(ARTIFACTS_PATH.length).split('/').slice(1);
  const [id, action, index, ...more] = rest;
  if (id === undefined) {
    if (method === 'POST') return found({ op: 'begin' });
    if (method === 'GET') return found(listRoute(query));
    return notAllowed('GET, POST');
  }
  if (more.length > 0 || id === '') return notFound();
  if (action === undefined) {
    const op = ARTIFACT_METHODS.get(method);
    return op ? found({ op, id: parseId(decode(id)) }) : notAllowed('GET, PATCH, DELETE');
  }
  if (action === 'finish' && index === undefined) {
    return method === 'POST' ? found({ op: 'finish', id: parseId(decode(id)) }) : notAllowed('POST');
  }
  if (action === 'chunks' && index === undefined) {
    if (method !== 'POST') return notAllowed('POST');
    const batch = parseChunkBatchQuery(query);
    if (!batch.ok) throw new SealcallServerError('INVALID_ARGUMENT', batch.reason);
    return found({ op: 'append', id: parseId(decode(id)), index: batch.value.from, sizes: batch.value.sizes });
  }
  if (action === 'chunks' && index !== undefined) {
    const op = CHUNK_METHODS.get(method);
    return op ? found({ op, id: parseId(decode(id)), index: parseIndex(index) }) : notAllowed('GET, PUT');
  }
  return notFound();
}

function listRoute(query: string): StorageRoute {
  const params = new URLSearchParams(query);
  const keys = [...params.keys()];
  const [key] = keys;
  if (keys.length !== 1 || key === undefined || !LIST_PARAMETERS.includes(key)) {
    throw new SealcallServerError('INVALID_ARGUMENT', `listing expected exactly one of the query parameters ${LIST_PARAMETERS.join(', ')}, got ${keys.length === 0 ? 'none' : keys.join(', ')}`);
  }
  const value = params.get(key) ?? '';
  if (key === 'callId') return { op: 'list-by-call', callId: parseText(value, 'callId') };
  if (key === 'subjectId') return { op: 'list-by-subject', subjectId: parseText(value, 'subjectId') };
  return { op: 'list-expired', before: parseTimeParameter(value, 'expiredBefore') };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SealcallServerError('INVALID_ARGUMENT', '"id" expected a percent-encoded path segment, got malformed percent-encoding');
  }
}

function found(route: StorageRoute): RouteMatch {
  return { route };
}

function notFound(): RouteMatch {
  return { status: 404, message: `no such route; the storage routes are under ${ARTIFACTS_PATH} (docs/protocol.md)` };
}

function notAllowed(allow: string): RouteMatch {
  return { status: 405, allow, message: `method not allowed here; use ${allow}` };
}
