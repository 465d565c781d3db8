/**
 * The tokens the server issued itself for a call (`POST /v1/calls`), by `jti`, in
 * `issued_room_tokens`: the agent's and the customer's room tokens, and the agent's storage token
 * (their `aud` keeps them apart). Where the integrator's tokens must be signed by its key pairs
 * (`publicKeys`), an HS256 room or storage token counts only if it is listed here.
 */

import type { Queryable } from '../db/database.js';

/** Records that the tokens `jtis` were issued for `room`; the row goes once they expire (`SignalingRecords.prune`). */
export async function recordIssued(tx: Queryable, tenant: string, room: string, jtis: readonly string[], expiresAt: Date): Promise<void> {
  const rows = jtis.map((_, i) => `($1, $2, $3, $${i + 4})`).join(', ');
  await tx.query(`INSERT INTO issued_room_tokens (tenant_id, room_id, expires_at, jti) VALUES ${rows}`, [tenant, room, expiresAt, ...jtis]);
}

/** Whether the server issued token `jti` for `room` itself. */
export async function issuedHere(db: Queryable, tenant: string, room: string, jti: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM issued_room_tokens WHERE tenant_id = $1 AND jti = $2 AND room_id = $3`, [tenant, jti, room]);
  return rows.length > 0;
}
