import { templateError } from './errors.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An https URL, or http on this machine for demos. Anything else (javascript:, data:, a
 * user:password@ prefix that makes "https://bank.example@evil.example" look like the bank) is
 * refused. Returns the serialised URL, which has no spaces, quotes or line breaks.
 */
export function safeUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw templateError('TEMPLATE_UNSAFE_LINK', `"${name}" expected an absolute https URL, got something that is not a URL.`);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure) {
    throw templateError('TEMPLATE_UNSAFE_LINK', `"${name}" expected an https URL (http only for localhost), got a ${url.protocol} URL.`);
  }
  if (url.username || url.password) {
    throw templateError('TEMPLATE_UNSAFE_LINK', `"${name}" expected a URL without user name or password.`);
  }
  return url.href;
}
