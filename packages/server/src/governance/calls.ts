/**
 * `POST /v1/calls`: a signed-in agent starts a call. The server opens the room, files it under
 * the agent and the customer's subject id, and issues the agent's room token and the customer's
 * single-use invitation, both bound to this one room; where it keeps artifacts, also the agent's
 * storage token for this call and subject. And what the agent puts on record of the call.
 */

import { TOKEN_AUDIENCES, type RecordSecurityCode, type StartCall, type StartedCall } from '@sealcall/protocol';
import type { Database } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import { recordIssued } from '../tokens/issued-tokens.js';
import { randomId, signHs256, type TokenKeys } from '../tokens/jwt.js';
import { registered } from '../tokens/room-token.js';
import type { StaffMember } from '../tokens/staff-token.js';
import type { AuditLog } from './audit-log.js';

export const DEFAULT_INVITATION_TTL_SECONDS = 24 * 3600;

export interface CallStarter {
  readonly database: Database;
  readonly audit: AuditLog;
  readonly tokens: TokenKeys;
  /** The artifact storage, if the server has one: the agent then gets a storage token too. */
  readonly store: ArtifactStore | undefined;
}

/** Throws INVALID_ARGUMENT if the invitation would outlive what the server accepts. @param now ms */
export async function startCall(o: CallStarter, agent: StaffMember, request: StartCall, now: number): Promise<StartedCall> {
  const ttlSeconds = request.invitationTtlSeconds ?? Math.min(DEFAULT_INVITATION_TTL_SECONDS, o.tokens.maxLifetimeSeconds);
  if (ttlSeconds > o.tokens.maxLifetimeSeconds) {
    throw new SealcallServerError('INVALID_ARGUMENT', `"invitationTtlSeconds" expected at most ${o.tokens.maxLifetimeSeconds}, the longest token this server accepts; got ${ttlSeconds}`);
  }
  const { tenant } = agent;
  const callId = randomId();
  const subjectId = request.subjectId ?? randomId();
  // The agent's tokens live as long as the invitation: the agent may join after the customer.
  const agentClaims = { ...registered(agent.subject, tenant, o.tokens.issuer, ttlSeconds, () => now), aud: TOKEN_AUDIENCES.room, room: callId, role: 'agent' };
  const customerClaims = { ...registered(subjectId, tenant, o.tokens.issuer, ttlSeconds, () => now), aud: TOKEN_AUDIENCES.room, room: callId, role: 'customer' };
  // What `createStorageToken` signs for the call's agent, with the call's data subject as `dsub`.
  const storageClaims = o.store === undefined
    ? undefined
    : { ...registered(agent.subject, tenant, o.tokens.issuer, ttlSeconds, () => now), aud: TOKEN_AUDIENCES.storage, room: callId, role: 'agent', dsub: subjectId };
  const expiresAt = new Date(customerClaims.exp * 1000);
  await o.database.transaction(async (tx) => {
    await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenant, new Date(now)]);
    await tx.query(
      `INSERT INTO rooms (tenant_id, id, created_at, started_by, started_teams, subject_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenant, callId, new Date(now), agent.subject, agent.teams, subjectId],
    );
    const jtis = [agentClaims.jti, customerClaims.jti, ...(storageClaims === undefined ? [] : [storageClaims.jti])];
    await recordIssued(tx, tenant, callId, jtis, expiresAt);
    await o.audit.append(tx, tenant, {
      action: 'call.created',
      actor: { role: 'agent', id: agent.subject },
      subjectId,
      target: callId,
      details: { invitationTtlSeconds: ttlSeconds, storage: storageClaims !== undefined },
    }, now);
  });
  return {
    callId,
    subjectId,
    agentToken: signHs256(o.tokens.secret, agentClaims),
    invitationToken: signHs256(o.tokens.secret, customerClaims),
    invitationExpiresAt: expiresAt.getTime(),
    ...(storageClaims === undefined ? {} : { storageToken: signHs256(o.tokens.secret, storageClaims) }),
  };
}

/**
 * `POST /v1/calls/:id/security-code`: the agent who started the call puts on record whether the
 * participants read the same security code. Throws NOT_FOUND for a call of another tenant or
 * none, FORBIDDEN for a call another agent started. @param now ms
 */
export async function recordSecurityCode(o: CallStarter, agent: StaffMember, callId: string, request: RecordSecurityCode, now: number): Promise<void> {
  await o.database.transaction(async (tx) => {
    const rows = await tx.query<{ subject_id: string | null; started_by: string | null }>(`SELECT subject_id, started_by FROM rooms WHERE tenant_id = $1 AND id = $2`, [agent.tenant, callId]);
    const room = rows[0];
    if (room === undefined) throw new SealcallServerError('NOT_FOUND', `no call "${callId}" in your organisation`);
    if (room.started_by !== agent.subject) throw new SealcallServerError('FORBIDDEN', 'only the agent who started this call can put its security code on record');
    await o.audit.append(tx, agent.tenant, {
      action: request.matches ? 'call.code-matched' : 'call.code-differed',
      actor: { role: 'agent', id: agent.subject },
      ...(room.subject_id === null ? {} : { subjectId: room.subject_id }),
      target: callId,
    }, now);
  });
}
