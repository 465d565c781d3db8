import { parseServerTime, SERVER_TIME_PATH } from '@sealcall/protocol';
import { serverBaseUrl } from '../internal/server-url.js';
import { storageError } from './errors.js';

export interface ServerTimeOptions {
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Default 5000 ms. */
  timeoutMs?: number;
}

/**
 * The Sealcall server's clock (`GET /v1/time`, public), in milliseconds since the epoch, taken
 * half way through the round trip: to judge retention on a device whose own clock may be set
 * wrong. Rejects with STORAGE_FAILED when the server cannot be asked; fall back to `Date.now()`.
 */
export async function serverTime(baseUrl: string | URL, options: ServerTimeOptions = {}): Promise<number> {
  const url = `${serverBaseUrl(baseUrl)}${SERVER_TIME_PATH}`;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const sent = performance.now();
  let body: unknown;
  try {
    const response = await send(url, { cache: 'no-store', signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (cause) {
    throw storageError('STORAGE_FAILED', `The server's time could not be read from ${url}; judge by this device's clock, or try again.`, { cause });
  }
  const parsed = parseServerTime(body);
  if (!parsed.ok) throw storageError('STORAGE_FAILED', `${url} answered something that is not a time: ${parsed.reason}.`);
  return Math.round(parsed.value.now + (performance.now() - sent) / 2);
}
