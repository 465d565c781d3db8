import { SealcallError } from '../errors.js';
import { isObject } from '../internal/validate.js';
import { backoffDelay } from '../signaling/backoff.js';
import { storageError } from './errors.js';
import type { ResolvedHttpOptions, StorageOperation, StorageTokenRequest } from './http-options.js';

/** One request to the storage server, as HttpStorage describes it. */
export interface HttpCall extends StorageTokenRequest {
  readonly operation: StorageOperation;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to the endpoint: `''`, `/<id>`, `/<id>/chunks/<i>`, `?callId=…`. */
  readonly path: string;
  readonly json?: unknown;
  /** The body: bytes, or several pieces sent one after the other (a batch of chunks). */
  readonly bytes?: Uint8Array | readonly Uint8Array[];
  /** What a 2xx answer carries. */
  readonly expect: 'json' | 'bytes' | 'none';
}

export interface HttpResult {
  readonly status: number;
  readonly json: unknown;
  readonly bytes: Uint8Array;
  /**
   * An earlier attempt of this call may have reached the server: it timed out, lost its answer,
   * or was answered 5xx. A 2xx that says "already so" is then most likely that attempt's work.
   */
  readonly retried: boolean;
}

type Attempt = { readonly result: HttpResult } | { readonly retry: string; readonly cause: unknown; readonly landed: boolean; readonly waitMs: number };

const RETRY_STATUS = new Set([408, 429]);
const CODES_FROM_SERVER = new Set(['STORAGE_NOT_FOUND', 'STORAGE_CONFLICT', 'STORAGE_QUOTA_EXCEEDED', 'STORAGE_REGION_REFUSED', 'INVALID_ARGUMENT']);
const TOKEN = /^[\x21-\x7e]{1,4096}$/;

/**
 * Sends HttpCalls with a fresh token, a timeout per attempt and retries. Every call the storage
 * server takes is idempotent (a replayed begin, chunk, finish, patch or delete changes nothing),
 * so each may be retried, including after a timeout whose request may have landed.
 */
export class StorageHttpClient {
  readonly #o: ResolvedHttpOptions;

  constructor(options: ResolvedHttpOptions) {
    this.#o = options;
  }

  /**
   * The answer to `call`, or a SealcallError: the server's storage code for 4xx answers
   * (STORAGE_UNAUTHORIZED for 401 and 403), STORAGE_FAILED with the last cause once the
   * attempts are used up.
   */
  async send(call: HttpCall): Promise<HttpResult> {
    let landed = false;
    let last: Extract<Attempt, { retry: string }> | undefined;
    for (let attempt = 0; attempt < this.#o.attempts; attempt++) {
      if (last) await sleep(Math.min(this.#o.maxDelayMs, Math.max(last.waitMs, backoffDelay(attempt - 1, { initialDelayMs: this.#o.baseDelayMs, maxDelayMs: this.#o.maxDelayMs }))));
      const outcome = await this.#attempt(call, await this.#token(call), landed);
      if ('result' in outcome) return outcome.result;
      landed ||= outcome.landed;
      last = outcome;
    }
    const attempts = this.#o.attempts === 1 ? '1 attempt' : `${this.#o.attempts} attempts`;
    throw storageError('STORAGE_FAILED', `The storage server did not complete ${describe(call)} in ${attempts}: ${last?.retry}.`, { cause: last?.cause });
  }

  async #attempt(call: HttpCall, token: string, retried: boolean): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#o.timeoutMs);
    try {
      let response: Response;
      try {
        response = await this.#o.fetch(`${this.#o.endpoint}${call.path}`, request(call, token, controller.signal));
      } catch (cause) {
        const why = controller.signal.aborted ? `no answer within ${this.#o.timeoutMs} ms` : 'the server could not be reached';
        return { retry: why, cause, landed: true, waitMs: 0 };
      }
      const { status } = response;
      if (status >= 500 || RETRY_STATUS.has(status)) {
        await response.body?.cancel().catch(() => undefined);
        return { retry: `it answered ${status}`, cause: response, landed: status >= 500, waitMs: retryAfterMs(response) };
      }
      if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
        throw storageError('STORAGE_FAILED', `The storage server answered ${describe(call)} with a redirect; configure its final URL as "baseUrl".`, { cause: response });
      }
      if (status < 200 || status >= 300) throw await answeredError(call, response);
      try {
        const bytes = call.expect === 'none' ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
        const json = call.expect === 'json' ? parseJson(bytes, call) : undefined;
        return { result: { status, json, bytes, retried } };
      } catch (cause) {
        if (cause instanceof SealcallError) throw cause;
        return { retry: controller.signal.aborted ? `the answer did not arrive within ${this.#o.timeoutMs} ms` : 'the answer was cut off', cause, landed: true, waitMs: 0 };
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async #token(call: HttpCall): Promise<string> {
    const { token } = this.#o;
    let value: unknown = token;
    if (typeof token === 'function') {
      try {
        const { operation, id, callId, subjectId } = call;
        value = await token({ operation, ...(id ? { id } : {}), ...(callId ? { callId } : {}), ...(subjectId ? { subjectId } : {}) });
      } catch (cause) {
        if (cause instanceof SealcallError) throw cause;
        throw storageError('STORAGE_UNAUTHORIZED', `The token function failed for ${describe(call)}; nothing was sent.`, { cause });
      }
    }
    if (typeof value !== 'string' || !TOKEN.test(value)) {
      const got = typeof value === 'string' ? `a string of length=${value.length} with other characters` : typeof value;
      throw storageError('STORAGE_UNAUTHORIZED', `"token" expected a non-empty string of printable ASCII without spaces for ${describe(call)}, got ${got}`);
    }
    return value;
  }
}

function request(call: HttpCall, token: string, signal: AbortSignal): RequestInit {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: BodyInit | undefined;
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  } else if (call.bytes !== undefined) {
    headers['content-type'] = 'application/octet-stream';
    // As a Blob: Chromium 156 uploads a typed array several times slower (measured in docs/benchmarks.md).
    const parts = call.bytes instanceof Uint8Array ? [call.bytes] : call.bytes;
    body = new Blob(parts as Uint8Array<ArrayBuffer>[]);
  }
  return { method: call.method, headers, body, signal, redirect: 'manual', cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
}

/** The SealcallError for a final 4xx answer. */
async function answeredError(call: HttpCall, response: Response): Promise<SealcallError> {
  const { status } = response;
  const { code, message } = await errorBody(response);
  const said = message ? `: ${message}` : '';
  if (code !== undefined && CODES_FROM_SERVER.has(code)) {
    return new SealcallError(code as 'STORAGE_NOT_FOUND', `The storage server refused ${describe(call)} (${status})${said}.`);
  }
  if (status === 401 || status === 403) {
    return storageError('STORAGE_UNAUTHORIZED', `The storage server refused the token for ${describe(call)} (${status})${said}.`);
  }
  if (status === 409) return storageError('STORAGE_CONFLICT', `The storage server refused ${describe(call)} (409)${said}.`);
  if (status === 413) return new SealcallError('INVALID_ARGUMENT', `The storage server refused ${describe(call)} as too large (413)${said}.`);
  if (status === 507) return storageError('STORAGE_QUOTA_EXCEEDED', `The storage server is out of space for ${describe(call)} (507)${said}.`);
  const hint = status === 404 ? '; is "baseUrl" the storage server, with storage enabled?' : '';
  return storageError('STORAGE_FAILED', `The storage server answered ${status} to ${describe(call)}${said}${hint}.`, { cause: response });
}

/** `{ error: { code, message } }`, if the answer has it. */
async function errorBody(response: Response): Promise<{ code?: string; message?: string }> {
  try {
    const body: unknown = await response.json();
    const error = isObject(body) && isObject(body.error) ? body.error : {};
    return {
      ...(typeof error.code === 'string' ? { code: error.code } : {}),
      ...(typeof error.message === 'string' ? { message: error.message.slice(0, 300) } : {}),
    };
  } catch {
    return {};
  }
}

function parseJson(bytes: Uint8Array, call: HttpCall): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw storageError('STORAGE_FAILED', `The storage server answered ${describe(call)} with a body that is not JSON.`, { cause });
  }
}

/** `Retry-After` in seconds, as milliseconds; 0 if absent. */
function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function describe(call: HttpCall): string {
  return `${call.method} /v1/artifacts${call.path.replace(/\?.*$/, '?…')}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
