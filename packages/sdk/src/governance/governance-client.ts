import {
  GOVERNANCE_ROUTES,
  governancePath,
  parseAuditPage,
  parseLegalHold,
  parseLegalHoldList,
  parseStartedCall,
  type AuditEntryRecord,
  type AuditPage,
  type GovernanceRoute,
  type LegalHold,
  type Parsed,
  type PlaceHold,
  type StartCall,
  type StartedCall,
} from '@sealcall/protocol';
import { SealcallError, type SealcallErrorCode } from '../errors.js';
import { isObject } from '../internal/validate.js';
import { serverBaseUrl } from '../internal/server-url.js';

export interface GovernanceClientOptions {
  /** The Sealcall server: https, or http on localhost. Requests go to `<baseUrl>/v1/...`. */
  baseUrl: string | URL;
  /**
   * The signed-in member's access token from your identity provider, or a function called
   * before every request that returns a current one (your OIDC library's silent renew).
   */
  token: string | (() => string | Promise<string>);
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** How long one request may take, answer included. Default 15 000 ms. */
  timeoutMs?: number;
}

export interface AuditPageRequest {
  /** Entries after this sequence number. Default 0, the first entry. */
  after?: number;
  /** At most this many, 1..500. Default 100. */
  limit?: number;
}

const TOKEN = /^[\x21-\x7e]{1,16384}$/;
/** The parse of an answer without a body (204). */
const NOTHING = (): Parsed<undefined> => ({ ok: true, value: undefined });

/**
 * The governance API of a Sealcall server, for signed-in staff: start a call, read the audit
 * log, place and release legal holds (docs/governance.md). What a member may do is their roles' `STAFF_PERMISSIONS`.
 *
 * Failures are SealcallErrors: GOVERNANCE_UNAUTHORIZED (sign in again), GOVERNANCE_FORBIDDEN
 * (the member's roles do not allow it; the server has audited the attempt), INVALID_ARGUMENT,
 * GOVERNANCE_NOT_FOUND (the server has no staff sign-in set up) and GOVERNANCE_FAILED (the
 * server could not be reached or could not answer). Nothing is retried: starting a call twice
 * would start two calls.
 */
export class GovernanceClient {
  readonly #base: string;
  readonly #token: GovernanceClientOptions['token'];
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: GovernanceClientOptions) {
    if (!isObject(options)) throw invalid(`"options" expected an object, got ${String(options)}`);
    const { token, timeoutMs = 15_000 } = options;
    if (!(typeof token === 'string' && token.length > 0) && typeof token !== 'function') {
      throw invalid('"token" expected a non-empty string or a function that returns one');
    }
    if (options.fetch !== undefined && typeof options.fetch !== 'function') throw invalid('"fetch" expected a function');
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw invalid(`"timeoutMs" expected a whole number >= 1, got ${String(timeoutMs)}`);
    this.#base = serverBaseUrl(options.baseUrl);
    this.#token = token;
    const custom = options.fetch;
    this.#fetch = custom ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Starts a call as the signed-in agent: the answer has the call id, the agent's room token and
   * the customer's single-use invitation token (put it in the link with `createInvite`).
   */
  startCall(request: StartCall = {}): Promise<StartedCall> {
    return this.#send(GOVERNANCE_ROUTES.startCall, '', request, parseStartedCall);
  }

  /** One page of the tenant's audit log, oldest entry first; `next` is the `after` of the next page. */
  auditPage({ after, limit }: AuditPageRequest = {}): Promise<AuditPage> {
    const query = new URLSearchParams();
    if (after !== undefined) query.set('after', String(after));
    if (limit !== undefined) query.set('limit', String(limit));
    return this.#send(GOVERNANCE_ROUTES.readAudit, query.size > 0 ? `?${query}` : '', undefined, parseAuditPage);
  }

  /** Every entry after `after`, page by page, as they are read. */
  async *auditEntries({ after = 0, limit }: AuditPageRequest = {}): AsyncGenerator<AuditEntryRecord> {
    let next: number | null = after;
    while (next !== null) {
      const page: AuditPage = await this.auditPage({ after: next, ...(limit === undefined ? {} : { limit }) });
      yield* page.entries;
      next = page.next;
    }
  }

  /** A DPO suspends erasure of everything of one data subject or one call, for a coded reason. */
  placeHold(hold: PlaceHold): Promise<LegalHold> {
    return this.#send(GOVERNANCE_ROUTES.placeHold, '', hold, parseLegalHold);
  }

  /** The legal holds in force in the member's tenant. */
  listHolds(): Promise<LegalHold[]> {
    return this.#send(GOVERNANCE_ROUTES.listHolds, '', undefined, parseLegalHoldList);
  }

  /** Releases a hold: what it kept is erased when its retention says so. GOVERNANCE_NOT_FOUND if it is not in force. */
  async releaseHold(id: string): Promise<void> {
    if (typeof id !== 'string' || id.length === 0) throw invalid(`"id" expected the id of a legal hold, got ${String(id)}`);
    await this.#send(GOVERNANCE_ROUTES.releaseHold, '', undefined, NOTHING, id);
  }

  async #send<T>(route: GovernanceRoute, query: string, json: unknown, parse: (value: unknown) => Parsed<T>, id?: string): Promise<T> {
    const what = `${route.method} ${route.path}`;
    const token = await this.#currentToken(what);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      let response: Response;
      try {
        response = await this.#fetch(`${this.#base}${governancePath(route, id)}${query}`, {
          method: route.method,
          headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
          signal: controller.signal,
          redirect: 'manual',
          cache: 'no-store',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        });
      } catch (cause) {
        const why = controller.signal.aborted ? `no answer within ${this.#timeoutMs} ms` : 'the server could not be reached';
        throw new SealcallError('GOVERNANCE_FAILED', `${what} failed: ${why}.`, { cause });
      }
      const body = response.status === 204 ? undefined : await readJson(response, what, controller.signal);
      if (!response.ok) throw refusal(response.status, body, what);
      const parsed = parse(body);
      if (!parsed.ok) throw new SealcallError('GOVERNANCE_FAILED', `The server's answer to ${what} is not what the protocol says: ${parsed.reason}.`);
      return parsed.value;
    } finally {
      clearTimeout(timer);
    }
  }

  async #currentToken(what: string): Promise<string> {
    let value: unknown = this.#token;
    if (typeof value === 'function') {
      try {
        value = await (this.#token as () => string | Promise<string>)();
      } catch (cause) {
        throw new SealcallError('GOVERNANCE_UNAUTHORIZED', `The token function failed for ${what}; nothing was sent.`, { cause });
      }
    }
    if (typeof value !== 'string' || !TOKEN.test(value)) {
      throw new SealcallError('GOVERNANCE_UNAUTHORIZED', `"token" expected an access token (printable ASCII, no spaces) for ${what}, got ${typeof value}`);
    }
    return value;
  }
}

const BY_STATUS: Readonly<Record<number, SealcallErrorCode>> = {
  400: 'INVALID_ARGUMENT',
  401: 'GOVERNANCE_UNAUTHORIZED',
  403: 'GOVERNANCE_FORBIDDEN',
  404: 'GOVERNANCE_NOT_FOUND',
  413: 'INVALID_ARGUMENT',
};

function refusal(status: number, body: unknown, what: string): SealcallError {
  const error = isObject(body) && isObject(body.error) ? body.error : {};
  const said = typeof error.message === 'string' ? `: ${error.message.slice(0, 300)}` : '';
  return new SealcallError(BY_STATUS[status] ?? 'GOVERNANCE_FAILED', `The server refused ${what} (${status})${said}.`);
}

async function readJson(response: Response, what: string, signal: AbortSignal): Promise<unknown> {
  try {
    return await response.json();
  } catch (cause) {
    const why = signal.aborted ? 'the answer did not arrive in time' : 'the answer is not JSON';
    throw new SealcallError('GOVERNANCE_FAILED', `${what} failed: ${why}.`, { cause });
  }
}

function invalid(message: string): SealcallError {
  return new SealcallError('INVALID_ARGUMENT', message);
}
