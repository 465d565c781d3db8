/**
 * What an audit entry's hash covers, exactly: the entry's canonical JSON (keys sorted, no
 * spaces) after the previous entry's hash. Changing, removing, reordering or inserting an entry
 * breaks the chain from there on; the signature over each hash means only the audit key can
 * write a chain that verifies.
 */

import { createHash } from 'node:crypto';

export type AuditDetails = Readonly<Record<string, string | number | boolean>>;

/** An entry as hashed and stored. Ids are pseudonymous: never a name, an email or free text. */
export interface AuditEntry {
  readonly tenant: string;
  readonly seq: number;
  /** ms since the epoch, by the server's clock. */
  readonly at: number;
  readonly action: string;
  readonly actorRole: string | null;
  readonly actorId: string | null;
  /** The data subject the entry is about, if any: a pseudonymous subject id. */
  readonly subjectId: string | null;
  /** A room or artifact id. */
  readonly target: string | null;
  readonly details: AuditDetails;
}

const VERSION = 1;

/** The `previous_hash` of a tenant's first entry. */
export function genesisHash(tenant: string): string {
  return sha256Hex(`sealcall-audit-v${VERSION}/${tenant}`);
}

/**
 * What a checkpoint's signature covers: where a tenant's chain begins after its oldest entries,
 * up to and including `seq` whose hash was `hash`, were pruned.
 */
export function checkpointHash(tenant: string, seq: number, hash: string): string {
  return sha256Hex(`sealcall-audit-checkpoint-v${VERSION}/${tenant}/${seq}/${hash}`);
}

export function entryHash(previousHash: string, entry: AuditEntry): string {
  return sha256Hex(`${previousHash}\n${canonicalJson({ v: VERSION, ...entry })}`);
}

/** JSON with object keys in code-point order, for values of strings, integers, booleans, null and objects. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`audit values are integers, got ${value}`);
    return String(value);
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`audit values are strings, integers, booleans, null or objects, got ${Array.isArray(value) ? 'an array' : typeof value}`);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
