/** Responses of the HTTP routes: JSON, bytes or nothing, never cached, CORS as allowed. */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { SealcallServerError } from './errors.js';

const COMMON = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export type Headers = Readonly<Record<string, string>>;

/**
 * The CORS headers for this request, or null if its `Origin` is not allowed. Without
 * `allowedOrigins` any origin may call: access is by bearer token, never by cookie.
 */
export function corsHeaders(req: IncomingMessage, allowedOrigins: ReadonlySet<string> | null): Headers | null {
  const origin = req.headers.origin;
  if (origin === undefined) return {};
  if (allowedOrigins !== null && !allowedOrigins.has(origin)) return null;
  return { 'access-control-allow-origin': allowedOrigins === null ? '*' : origin, vary: 'Origin' };
}

export const PREFLIGHT: Headers = {
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};

/** Throws FORBIDDEN if the request's origin is not allowed (`corsHeaders` gave null). */
export function refuseForeignOrigin(cors: Headers | null): asserts cors is Headers {
  if (cors === null) throw new SealcallServerError('FORBIDDEN', 'requests from this origin are not allowed');
}

/** Answers a CORS preflight (`OPTIONS`), and says whether the request was one: then the route has nothing more to do. */
export function answeredPreflight(req: IncomingMessage, res: ServerResponse, cors: Headers): boolean {
  if (req.method !== 'OPTIONS') return false;
  sendEmpty(res, 204, { ...cors, ...PREFLIGHT });
  return true;
}

/**
 * The headers of an error answer besides CORS: the bearer challenge on 401, and closing the
 * connection when the request's body was not read (it may still be arriving).
 */
export function errorHeaders(req: IncomingMessage, status: number): Headers {
  return { ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}), ...(req.complete ? {} : { connection: 'close' }) };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...COMMON, ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export function sendBytes(res: ServerResponse, bytes: Uint8Array, headers: Headers = {}): void {
  res.writeHead(200, { ...COMMON, ...headers, 'content-type': 'application/octet-stream', 'content-length': bytes.length });
  res.end(bytes);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Headers = {}): void {
  res.writeHead(status, { ...COMMON, ...headers });
  res.end();
}
