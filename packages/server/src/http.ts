/**
 * The plain HTTP side: `GET /healthz`, `GET /v1/time`, the audit key set, the governance routes, the
 * countersigning of consent records, the artifact storage endpoint if the server has one, 404 for everything else, and refusing upgrades.
 */

import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { COUNTERSIGN_PATH, SERVER_TIME_PATH, type ServerTime } from '@sealcall/protocol';
import { isGovernancePath } from './governance/handler.js';
import { isStoragePath } from './storage/routes.js';

/** Answers requests of one family of routes; `path` is without, `query` the part after the `?`. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, path: string, query: string) => void;

export interface HttpRoutes {
  readonly storage: RouteHandler | undefined;
  readonly governance: RouteHandler;
  readonly countersign: (req: IncomingMessage, res: ServerResponse) => void;
  /** The public half of the audit key, as a JWKS: anyone may check the log's signatures. */
  readonly auditKeys: { readonly keys: readonly object[] };
}

/**
 * `/healthz` answers `{ "status": "ok" }` and nothing more, `/v1/time` the server's clock: they
 * are open to anyone who can reach the port, as the audit keys are.
 */
export function handleRequest(req: IncomingMessage, res: ServerResponse, routes: HttpRoutes, now: () => number): void {
  const path = pathOf(req);
  const query = (req.url ?? '').slice(path.length + 1);
  if (routes.storage && isStoragePath(path)) {
    routes.storage(req, res, path, query);
  } else if (isGovernancePath(path)) {
    routes.governance(req, res, path, query);
  } else if (path === COUNTERSIGN_PATH) {
    routes.countersign(req, res);
  } else if (path !== '/healthz' && path !== AUDIT_KEYS_PATH && path !== SERVER_TIME_PATH) {
    respond(res, 404, { error: 'not found' });
  } else if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    respond(res, 405, { error: 'method not allowed' });
  } else if (path === '/healthz') {
    respond(res, 200, { status: 'ok' });
  } else {
    // Public: a receipt is checked, and a device's retention judged, in any page on any origin.
    const body = path === AUDIT_KEYS_PATH ? routes.auditKeys : ({ now: now() } satisfies ServerTime);
    respond(res, 200, body, { 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
  }
}

export const AUDIT_KEYS_PATH = '/v1/audit/keys';

/** Answers an upgrade request with a bodyless HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: 403 | 404 | 429): void {
  socket.on('error', () => {});
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The path without the query string. Never throws, whatever the request line holds. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function respond(res: ServerResponse, status: number, body: object, headers: Readonly<Record<string, string>> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(res.req.method === 'HEAD' ? undefined : json);
}
