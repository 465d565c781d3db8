import {
  GOVERNANCE_ROUTES,
  governancePath,
  parseArtifactList,
  parseAuditFilter,
  parseAuditPage,
  parseCallFilter,
  parseCallPage,
  parseExportLine,
  parseRecordLine,
  parseLegalHold,
  parseLegalHoldList,
  parseRetentionEvent,
  parseSettingsDocument,
  parseStaffIdentity,
  parseStartedCall,
  parseSubjectErasure,
  parseSubjectExport,
  parseSubjectExportPage,
  type ArtifactRecord,
  type AuditEntryRecord,
  type AuditFilter,
  type CallFilter,
  type CallPage,
  type CallRecord,
  type AuditPage,
  type EraseSubject,
  type GovernanceRoute,
  type LegalHold,
  type Parsed,
  type PlaceHold,
  type PutSettings,
  type RecordRetentionEvent,
  type RetentionEvent,
  type SettingsDocument,
  type StaffIdentity,
  type StartCall,
  type StartedCall,
  type SubjectErasure,
  type SubjectExport,
  type SubjectExportPage,
} from '@sealcall/protocol';
import { SealcallError, type SealcallErrorCode } from '../errors.js';
import { isObject } from '../internal/validate.js';
import { contentLine, lines, type ArtifactContentLine, type ExportBundleLine, type WithBytes } from './content-lines.js';
import { idleTimer, type IdleTimer } from './idle-timer.js';
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

export interface PageRequest {
  /** What comes after this position (an entry's `seq`, a page's `next`). Default 0, the first. */
  after?: number;
  /** At most this many, 1..500. Default 100. */
  limit?: number;
}

/** A page of the calls, narrowed by `CallFilter`: `{ after, limit, subject, from, to, kind, order }`. */
export interface CallPageRequest extends PageRequest, CallFilter {}

/** A page of the audit log, narrowed by `AuditFilter`: `{ after, limit, call }`. */
export interface AuditPageRequest extends PageRequest, AuditFilter {}

const TOKEN = /^[\x21-\x7e]{1,16384}$/;
/** The parse of an answer without a body (204). */
const NOTHING = (): Parsed<undefined> => ({ ok: true, value: undefined });

/**
 * The governance API of a Sealcall server, for signed-in staff: start a call, read the audit
 * log, see the calls and artifacts of the records, place and release legal holds, export and
 * erase a data subject's data, read and change the tenant's settings, record retention events
 * (docs/governance.md). What a member may do is
 * their roles' `STAFF_PERMISSIONS`.
 *
 * Failures are SealcallErrors: GOVERNANCE_UNAUTHORIZED (sign in again), GOVERNANCE_FORBIDDEN
 * (the member's roles do not allow it; the server has audited the attempt), INVALID_ARGUMENT,
 * GOVERNANCE_NOT_FOUND (the server has no staff sign-in set up), GOVERNANCE_CONFLICT (the
 * settings changed meanwhile) and GOVERNANCE_FAILED (the server could not be reached or could
 * not answer). Nothing is retried: starting a call twice would start two calls.
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

  /**
   * The agent who started `callId` puts on record whether the participants read the same security
   * code (`seal-security-code` of `<seal-call>`): it goes to the call's audit trail.
   */
  async recordSecurityCode(callId: string, matches: boolean): Promise<void> {
    await this.#send(GOVERNANCE_ROUTES.recordSecurityCode, '', { matches }, NOTHING, checkedId(callId, 'callId'));
  }

  /**
   * One page of the tenant's audit log, oldest entry first; `next` is the `after` of the next
   * page. `call` narrows it to one call's trail: its own entries and its artifacts'.
   */
  async auditPage(page: AuditPageRequest = {}): Promise<AuditPage> {
    return this.#send(GOVERNANCE_ROUTES.readAudit, pageQuery(page, checkedFilter(page, parseAuditFilter)), undefined, parseAuditPage);
  }

  /** Every entry after `after` (of `call`, if given), page by page, as they are read. */
  auditEntries(request: AuditPageRequest = {}): AsyncGenerator<AuditEntryRecord> {
    checkedFilter(request, parseAuditFilter);
    return everyPage(request, (page) => this.auditPage(page), (page) => page.entries);
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
    await this.#send(GOVERNANCE_ROUTES.releaseHold, '', undefined, NOTHING, checkedId(id, 'id'));
  }

  /** A DPO starts a data subject's access export (GDPR Art. 15); the server tracks it against its deadline, 30 days. */
  requestExport(subjectId: string): Promise<SubjectExport> {
    return this.#send(GOVERNANCE_ROUTES.requestExport, '', {}, parseSubjectExport, checkedId(subjectId, 'subjectId'));
  }

  /** One page of the tenant's export requests, oldest first, each with its due date and completion. */
  exportPage(page: PageRequest = {}): Promise<SubjectExportPage> {
    return this.#send(GOVERNANCE_ROUTES.listExports, pageQuery(page), undefined, parseSubjectExportPage);
  }

  /**
   * Reads export `id`'s bundle as it arrives, a line at a time, each checked against the
   * protocol: the server streams it, and so does this, so a bundle of gigabytes never sits in
   * memory. The content stays ciphertext: decrypt it with the key provider that holds the key.
   * The last line is `end`; a bundle cut short, or silent for `timeoutMs`, is GOVERNANCE_FAILED.
   * Read to the end, the server records the export as complete.
   */
  readExport(id: string): AsyncGenerator<ExportBundleLine> {
    return this.#lines(GOVERNANCE_ROUTES.readExport, checkedId(id, 'id'), parseExportLine);
  }

  /**
   * One page of the calls the member sees in the records, oldest first: an agent their own, a
   * supervisor their teams', a DPO every call. The filters narrow that further: `subject` (the
   * call's `subjectId`), started in `from` (inclusive) to `to` (exclusive, ms since the epoch),
   * and `kind` (at least one artifact of that kind not past its retention). INVALID_ARGUMENT for
   * a filter the protocol does not take, before anything is sent.
   */
  async callPage(page: CallPageRequest = {}): Promise<CallPage> {
    return this.#send(GOVERNANCE_ROUTES.listCalls, pageQuery(page, checkedFilter(page, parseCallFilter)), undefined, parseCallPage);
  }

  /** Every call the member sees that matches the filters, page by page. */
  calls(request: CallPageRequest = {}): AsyncGenerator<CallRecord> {
    checkedFilter(request, parseCallFilter);
    return everyPage(request, (page) => this.callPage(page), (page) => page.calls);
  }

  /** The artifacts of a call the member sees, with their wrapped keys; GOVERNANCE_FORBIDDEN for another's call. */
  callArtifacts(callId: string): Promise<ArtifactRecord[]> {
    return this.#send(GOVERNANCE_ROUTES.listCallArtifacts, '', undefined, parseArtifactList, checkedId(callId, 'callId'));
  }

  /**
   * Opens an artifact's content, streamed: its `artifact` metadata, its `chunk`s of ciphertext
   * as stored, then `end`. The server audits the opening; `download: true` is for saving it,
   * audited as a download and GOVERNANCE_FORBIDDEN where the tenant's settings allow none.
   */
  openArtifact(id: string, { download = false }: { download?: boolean } = {}): AsyncGenerator<ArtifactContentLine> {
    const route = download ? GOVERNANCE_ROUTES.downloadArtifact : GOVERNANCE_ROUTES.viewArtifact;
    return this.#lines(route, checkedId(id, 'id'), parseRecordLine);
  }

  /**
   * A DPO erases everything of a data subject (GDPR Art. 17): from now on nothing is stored for
   * them. `retain` keeps named artifacts on another lawful basis; a legal hold keeps what it
   * covers. Running it again is harmless.
   */
  eraseSubject(subjectId: string, request: EraseSubject = {}): Promise<SubjectErasure> {
    return this.#send(GOVERNANCE_ROUTES.eraseSubject, '', request, parseSubjectErasure, checkedId(subjectId, 'subjectId'));
  }

  /**
   * Who the signed-in member is to the server: their `subject`, tenant, roles and teams as it
   * reads their token, and the `permissions` those roles hold by the server's table. Every member
   * may ask; elements show what `permissions` allows.
   */
  whoAmI(): Promise<StaffIdentity> {
    return this.#send(GOVERNANCE_ROUTES.whoAmI, '', undefined, parseStaffIdentity);
  }

  /** The tenant's settings, which every member of staff may read: version 0 is the defaults. */
  settings(): Promise<SettingsDocument> {
    return this.#send(GOVERNANCE_ROUTES.readSettings, '', undefined, parseSettingsDocument);
  }

  /**
   * An admin replaces the tenant's settings, all of them, naming the `version` they read:
   * GOVERNANCE_CONFLICT if someone changed them meanwhile (read them again and reapply the change).
   */
  changeSettings(change: PutSettings): Promise<SettingsDocument> {
    return this.#send(GOVERNANCE_ROUTES.changeSettings, '', change, parseSettingsDocument);
  }

  /**
   * Records that `event` (e.g. `claim-closed`) happened now for a data subject or a call: the
   * retention policies that count from it bring their artifacts' deadlines forward, never back.
   */
  recordRetentionEvent(event: RecordRetentionEvent): Promise<RetentionEvent> {
    return this.#send(GOVERNANCE_ROUTES.recordRetentionEvent, '', event, parseRetentionEvent);
  }

  /** The lines of a streamed answer as they arrive; GOVERNANCE_FAILED if it is cut short before its `end` line, or silent for `timeoutMs`. */
  async *#lines<L extends { type: string }>(route: GovernanceRoute, id: string, parse: (value: unknown) => Parsed<L>): AsyncGenerator<WithBytes<L>> {
    const { response, what, idle } = await this.#open(route, '', undefined, id);
    const body = response.body;
    if (body === null) throw new SealcallError('GOVERNANCE_FAILED', `${what} failed: the answer has no body.`);
    let ended = false;
    try {
      for await (const text of lines(body, idle)) {
        if (ended) throw new SealcallError('GOVERNANCE_FAILED', `${what}: the answer goes on after its "end" line.`);
        const line = contentLine(text, what, parse);
        ended = line.type === 'end';
        yield line;
      }
    } catch (cause) {
      if (cause instanceof SealcallError) throw cause;
      throw new SealcallError('GOVERNANCE_FAILED', `${what} failed: ${idle.signal.aborted ? `nothing arrived for ${this.#timeoutMs} ms` : 'the connection broke'}.`, { cause });
    } finally {
      idle.stop();
    }
    if (!ended) throw new SealcallError('GOVERNANCE_FAILED', `${what}: the answer was cut short (no "end" line); read it again.`);
  }

  async #send<T>(route: GovernanceRoute, query: string, json: unknown, parse: (value: unknown) => Parsed<T>, id?: string): Promise<T> {
    const { response, what, idle } = await this.#open(route, query, json, id);
    try {
      const body = response.status === 204 ? undefined : await readJson(response, what, idle.signal);
      const parsed = parse(body);
      if (!parsed.ok) throw new SealcallError('GOVERNANCE_FAILED', `The server's answer to ${what} is not what the protocol says: ${parsed.reason}.`);
      return parsed.value;
    } finally {
      idle.stop();
    }
  }

  /**
   * Sends the request and answers its response once it is a success; refusals throw. `idle`
   * aborts the request `timeoutMs` after it was started or last `touch`ed: stop it when done.
   */
  async #open(route: GovernanceRoute, query: string, json: unknown, id?: string): Promise<{ response: Response; what: string; idle: IdleTimer }> {
    const what = `${route.method} ${route.path}`;
    const token = await this.#currentToken(what);
    const idle = idleTimer(this.#timeoutMs);
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}${governancePath(route, id)}${query}`, {
        method: route.method,
        headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        signal: idle.signal,
        redirect: 'manual',
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch (cause) {
      idle.stop();
      const why = idle.signal.aborted ? `no answer within ${this.#timeoutMs} ms` : 'the server could not be reached';
      throw new SealcallError('GOVERNANCE_FAILED', `${what} failed: ${why}.`, { cause });
    }
    if (!response.ok) {
      try {
        throw refusal(response.status, await readJson(response, what, idle.signal), what);
      } finally {
        idle.stop();
      }
    }
    return { response, what, idle };
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

/** The items of every page from `after` on, reading the next page once these are taken; the rest of `request` goes with each. */
async function* everyPage<R extends PageRequest, P extends { readonly next: number | null }, T>(
  request: R,
  read: (page: R) => Promise<P>,
  items: (page: P) => readonly T[],
): AsyncGenerator<T> {
  for (let next: number | null = request.after ?? 0; next !== null;) {
    const page: P = await read({ ...request, after: next });
    yield* items(page);
    next = page.next;
  }
}

/** The query string of a page, and of the filters of its listing. */
function pageQuery({ after, limit }: PageRequest, filter: Readonly<Record<string, string | number | undefined>> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ after, limit, ...filter })) {
    if (value !== undefined) query.set(name, String(value));
  }
  return query.size > 0 ? `?${query}` : '';
}

/** The filters of `request` as the protocol takes them (`CallFilterSchema`), or INVALID_ARGUMENT. */
function checkedFilter<F>(request: PageRequest & F, parse: (value: unknown) => Parsed<F>): F {
  const parsed = parse(request);
  if (!parsed.ok) throw invalid(parsed.reason);
  return parsed.value;
}

function checkedId(id: string, name: string): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) throw invalid(`"${name}" expected 1..256 characters, got ${typeof id === 'string' ? `length=${id.length}` : typeof id}`);
  return id;
}

const BY_STATUS: Readonly<Record<number, SealcallErrorCode>> = {
  400: 'INVALID_ARGUMENT',
  401: 'GOVERNANCE_UNAUTHORIZED',
  403: 'GOVERNANCE_FORBIDDEN',
  404: 'GOVERNANCE_NOT_FOUND',
  409: 'GOVERNANCE_CONFLICT',
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
