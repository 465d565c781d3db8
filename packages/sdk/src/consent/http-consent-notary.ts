import { COUNTERSIGN_PATH, CONSENT_PURPOSE_PATTERN, parseCountersignature, type Countersignature } from '@sealcall/protocol';
import { SealcallError } from '../errors.js';
import { serverBaseUrl } from '../internal/server-url.js';
import { isObject } from '../internal/validate.js';
import type { ConsentRecord } from './types.js';

/** Who countersigns consent records before the ledger keeps them. */
export interface ConsentNotary {
  countersign(record: ConsentRecord): Promise<Countersignature>;
}

export interface HttpConsentNotaryOptions {
  /** The Sealcall server: https, or http on localhost. */
  baseUrl: string | URL;
  /** The call's storage token of this participant (agent or customer, naming the data subject), or a function that returns a current one. */
  token: string | (() => string | Promise<string>);
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

/**
 * Has the reference server countersign each record (`POST /v1/consent/countersignatures`): it
 * receives the record's hash, kind and purposes, never its text, signs the hash with its audit
 * key and its own time, and logs it. Failures are CONSENT_NOT_COUNTERSIGNED, and the ledger then
 * keeps nothing: ask again once the server is reachable.
 */
export class HttpConsentNotary implements ConsentNotary {
  readonly #url: string;
  readonly #token: HttpConsentNotaryOptions['token'];
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: HttpConsentNotaryOptions) {
    if (!isObject(options)) throw new SealcallError('INVALID_ARGUMENT', '"options" expected an object');
    const { token, timeoutMs = 10_000 } = options;
    if (!(typeof token === 'string' && token.length > 0) && typeof token !== 'function') throw new SealcallError('INVALID_ARGUMENT', '"token" expected a storage token or a function that returns one');
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw new SealcallError('INVALID_ARGUMENT', `"timeoutMs" expected a whole number >= 1, got ${String(timeoutMs)}`);
    this.#url = `${serverBaseUrl(options.baseUrl)}${COUNTERSIGN_PATH}`;
    this.#token = token;
    const custom = options.fetch;
    this.#fetch = custom ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = timeoutMs;
  }

  async countersign(record: ConsentRecord): Promise<Countersignature> {
    const unfit = record.purposes.find((purpose) => !CONSENT_PURPOSE_PATTERN.test(purpose));
    if (unfit !== undefined) throw failed(`purpose ${JSON.stringify(unfit)} is not a code of [a-z0-9-], which the audit log can name`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      const token = typeof this.#token === 'function' ? await this.#token() : this.#token;
      const response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recordHash: record.hash, kind: record.kind, purposes: record.purposes }),
        signal: controller.signal,
        redirect: 'manual',
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const said = isObject(body) && isObject(body.error) && typeof body.error.message === 'string' ? `: ${body.error.message.slice(0, 300)}` : '';
        throw failed(`the server answered ${response.status}${said}`);
      }
      const parsed = parseCountersignature(body);
      if (!parsed.ok) throw failed(`the answer is not what the protocol says: ${parsed.reason}`);
      if (parsed.value.recordHash !== record.hash) throw failed('the server signed another record');
      return parsed.value;
    } catch (cause) {
      if (cause instanceof SealcallError) throw cause;
      throw failed(controller.signal.aborted ? `no answer within ${this.#timeoutMs} ms` : 'the server could not be reached', cause);
    } finally {
      clearTimeout(timer);
    }
  }
}

function failed(why: string, cause?: unknown): SealcallError {
  return new SealcallError('CONSENT_NOT_COUNTERSIGNED', `The consent record was not countersigned (${why}); nothing was recorded: ask again.`, cause === undefined ? undefined : { cause });
}
