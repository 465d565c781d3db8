import { SealcallError } from '../errors.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A Sealcall server's base URL, checked and without a trailing slash: https, or http on a
 * loopback address; never with credentials, a query or a fragment (tokens go in headers).
 */
export function serverBaseUrl(baseUrl: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl, globalThis.location?.href);
  } catch {
    throw invalid('"baseUrl" expected an absolute URL (or, in a page, a relative one)');
  }
  if (!(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)))) {
    throw invalid(`"baseUrl" expected an https URL (http only for localhost), got ${parsed.protocol}//${parsed.host}`);
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw invalid('"baseUrl" expected no user name, password, query or fragment: the token goes in "token"');
  }
  return parsed.href.replace(/\/$/, '');
}

function invalid(message: string): SealcallError {
  return new SealcallError('INVALID_ARGUMENT', message);
}
