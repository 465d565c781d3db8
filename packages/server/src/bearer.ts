import type { IncomingMessage } from 'node:http';
import { SealcallServerError } from './errors.js';

/** The token of `Authorization: Bearer <token>`, or TOKEN_INVALID (HTTP 401) naming what was expected. */
export function bearerToken(req: IncomingMessage, what: string): string {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
  if (!match?.[1]) throw new SealcallServerError('TOKEN_INVALID', `expected the header "Authorization: Bearer <${what}>"`);
  return match[1];
}
