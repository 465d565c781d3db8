import type { StorageOperation } from '@sealcall/protocol';
import { serverBaseUrl } from '../internal/server-url.js';
import { invalidArgument } from './errors.js';
import type { StorageLocation, StorageRegion } from './types.js';
import { DeviceOutbox } from './device-outbox.js';

export type { StorageOperation };

/** What a token is asked for: a token function may answer each request with the token it needs. */
export interface StorageTokenRequest {
  readonly operation: StorageOperation;
  /** The artifact, where the request names one. */
  readonly id?: string;
  /** The call, where the SDK knows it: when beginning, writing, finishing, or listing by call. */
  readonly callId?: string;
  /**
   * The data subject, where the SDK knows it: when beginning, writing or finishing (the reference
   * server stores the artifact under the token's `dataSubject`, and refuses a body that names
   * another), or listing by subject. `'withheld'` from HybridStorage: mint without `dataSubject`.
   */
  readonly subjectId?: string;
}

export interface HttpStorageOptions {
  /** The storage server: https, or http on localhost. Requests go to `<baseUrl>/v1/artifacts`. */
  baseUrl: string | URL;
  /**
   * A storage token from your back end (`createStorageToken` of @sealcall/server), sent as
   * `Authorization: Bearer`, or a function called before every request that returns one.
   */
  token: string | ((request: StorageTokenRequest) => string | Promise<string>);
  /** Where the server keeps the bytes, e.g. `eu-central`, for `StoragePolicy`. Required. */
  region: StorageRegion;
  /** Default `own-servers`; `vendor` for a service someone else runs. */
  location?: StorageLocation;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  retry?: HttpRetryOptions;
  /** How long one attempt may take, answer included. Default 15 000 ms. */
  timeoutMs?: number;
  /**
   * What the device still owes the server, kept across page loads: each chunk until the server
   * acknowledges it, each failed delete until the server confirms it; `flushOutbox()` sends them.
   * Default none: a chunk in flight when the page closes is lost (the artifact stays `incomplete`
   * on the server), and a failed delete is only reported.
   */
  outbox?: DeviceOutbox;
}

/**
 * Network errors, timeouts, 408, 429 and 5xx are retried with exponential backoff and full
 * jitter: before retry n, a random delay up to min(maxDelayMs, baseDelayMs * 2^n).
 */
export interface HttpRetryOptions {
  /** Attempts in all, the first included. Default 5. */
  attempts?: number;
  /** Default 200 ms. */
  baseDelayMs?: number;
  /** Default 5000 ms. */
  maxDelayMs?: number;
}

export interface ResolvedHttpOptions {
  /** `<baseUrl>/v1/artifacts`, without a trailing slash. */
  readonly endpoint: string;
  readonly token: HttpStorageOptions['token'];
  readonly fetch: typeof fetch;
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly timeoutMs: number;
}

export function resolveHttpOptions(options: HttpStorageOptions): ResolvedHttpOptions {
  if (typeof options !== 'object' || options === null) throw invalidArgument(`"options" expected an object, got ${String(options)}`);
  const { token, retry = {} } = options;
  if (!(typeof token === 'string' && token.length > 0) && typeof token !== 'function') {
    throw invalidArgument('"token" expected a non-empty string or a function that returns one');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw invalidArgument('"fetch" expected a function');
  if (options.outbox !== undefined && !(options.outbox instanceof DeviceOutbox)) throw invalidArgument('"outbox" expected a DeviceOutbox');
  const custom = options.fetch;
  return {
    endpoint: `${serverBaseUrl(options.baseUrl)}/v1/artifacts`,
    token,
    fetch: custom ?? ((input, init) => fetch(input, init)),
    attempts: whole('retry.attempts', retry.attempts ?? 5, 1),
    baseDelayMs: whole('retry.baseDelayMs', retry.baseDelayMs ?? 200, 0),
    maxDelayMs: whole('retry.maxDelayMs', retry.maxDelayMs ?? 5000, 0),
    timeoutMs: whole('timeoutMs', options.timeoutMs ?? 15_000, 1),
  };
}

/** The declared placement: an HTTP server is never the device. */
export function checkPlacement(region: unknown, location: unknown): void {
  if (typeof region !== 'string' || region.length === 0 || region === 'device') {
    throw invalidArgument(`"region" expected the server's region, e.g. "eu-central" (not "device"), got ${String(region)}`);
  }
  if (location !== 'own-servers' && location !== 'vendor') {
    throw invalidArgument(`"location" expected "own-servers" or "vendor", got ${String(location)}`);
  }
}

function whole(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw invalidArgument(`"${name}" expected a whole number >= ${min}, got ${String(value)}`);
  return value;
}
