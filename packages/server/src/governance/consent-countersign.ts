/**
 * `POST /v1/consent/countersignatures`: a participant's browser sends the hash of a consent
 * record it is about to keep; the server signs it with its audit key and its own time, and logs
 * it (`consent.recorded`, or `consent.withdrawn`) in the tenant's audit log. The call and the
 * data subject are the storage token's; the server never sees the record's text.
 */

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { countersignedMessage, parseCountersignRequest, type Countersignature } from '@sealcall/protocol';
import { readJson } from '../body.js';
import { SealcallServerError } from '../errors.js';
import type { LogLevel } from '../logger.js';
import { answeredPreflight, corsHeaders, errorHeaders, refuseForeignOrigin, sendJson } from '../reply.js';
import { authenticate } from '../storage/access.js';
import type { StorageTokenClaims } from '../storage/storage-token.js';
import type { AuditKey } from './audit-key.js';
import { auditRefusal } from './audit-refusal.js';
import type { StorageContext } from '../storage/handler.js';
import { refuseOrigin } from './tenant-settings.js';
import { GOVERNANCE_WIRE } from './wire.js';

export interface CountersignContext extends StorageContext {
  readonly auditKey: AuditKey;
}

const BODY_LIMIT = 4096;

export function createCountersignHandler(o: CountersignContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void handle(o, req, res);
}

async function handle(o: CountersignContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cors = corsHeaders(req, o.allowedOrigins);
  let claim: StorageTokenClaims | undefined;
  try {
    refuseForeignOrigin(cors);
    if (answeredPreflight(req, res, cors)) return;
    if (req.method !== 'POST') {
      reply(o, res, 405, { error: { code: 'INVALID_ARGUMENT', message: 'this path takes POST' } }, { ...cors, allow: 'POST' });
      return;
    }
    claim = await authenticate(req, o, o.now());
    if (claim.role === 'office') throw new SealcallServerError('FORBIDDEN', 'a consent record is countersigned for a participant of a call: use the storage token of the call\'s agent or customer');
    if (claim.dsub === undefined) throw new SealcallServerError('FORBIDDEN', 'this storage token names no data subject ("dsub"): ask your back end for a token with the call\'s subject');
    refuseOrigin(await o.settings.current(claim.tid, o.now()), req.headers.origin);
    const parsed = parseCountersignRequest(await readJson(req, BODY_LIMIT));
    if (!parsed.ok) throw new SealcallServerError('INVALID_ARGUMENT', parsed.reason);
    reply(o, res, 201, await countersign(o, claim, claim.dsub, parsed.value), cors, claim);
  } catch (error) {
    const wire = error instanceof SealcallServerError ? GOVERNANCE_WIRE[error.code] : undefined;
    const status = wire?.status ?? 500;
    const code = error instanceof SealcallServerError ? error.code : error instanceof Error ? error.name : typeof error;
    if (status === 403 && claim !== undefined) {
      const event = { action: 'access.denied', actor: { role: claim.role, id: claim.sub }, target: claim.room, details: { op: 'countersign', code } } as const;
      await auditRefusal(o, claim.tid, event, o.now(), { tenant: claim.tid });
    }
    const message = wire === undefined ? 'the server could not complete the request' : (error as Error).message;
    if (!res.destroyed) reply(o, res, status, { error: { code: wire?.code ?? 'FAILED', message } }, { ...(cors ?? {}), ...errorHeaders(req, status) }, claim, code);
  }
}

async function countersign(o: CountersignContext, claim: StorageTokenClaims, subjectId: string, request: { recordHash: string; kind: string; purposes: readonly string[] }): Promise<Countersignature> {
  const now = o.now();
  const signed = createHash('sha256').update(countersignedMessage(request.recordHash, now)).digest('hex');
  const countersignature = { recordHash: request.recordHash, countersignedAt: now, keyId: o.auditKey.id, signature: o.auditKey.sign(signed) };
  await o.database.transaction((tx) =>
    o.audit.append(tx, claim.tid, {
      action: request.kind === 'withdrawal' ? 'consent.withdrawn' : 'consent.recorded',
      actor: { role: claim.role, id: claim.sub },
      subjectId,
      target: claim.room,
      details: { record: request.recordHash, kind: request.kind, purposes: request.purposes.join(',') },
    }, now),
  );
  return countersignature;
}

function reply(o: CountersignContext, res: ServerResponse, status: number, json: unknown, headers: Readonly<Record<string, string>>, claim?: StorageTokenClaims, code?: string): void {
  sendJson(res, status, json, headers);
  const level: LogLevel = status >= 500 ? 'error' : status === 401 || status === 403 ? 'warn' : 'info';
  o.log(level, 'countersign', { status, ...(claim ? { tenant: claim.tid, role: claim.role } : {}), ...(code === undefined ? {} : { code }) });
}
