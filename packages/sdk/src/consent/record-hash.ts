import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../internal/bytes.js';
import type { ConsentRecord } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8(text)));
}

/** The hash of a record: SHA-256 over its fields in a fixed order, as canonical JSON. */
export function recordHash(record: Omit<ConsentRecord, 'hash'>): string {
  const canonical = JSON.stringify([
    record.id,
    record.kind,
    [...record.purposes],
    record.subjectId,
    record.callId ?? null,
    record.method,
    record.confirmedBy ?? null,
    record.textSha256,
    record.locale,
    record.noticeVersion,
    record.at,
    record.previousHash,
  ]);
  return sha256Hex(canonical);
}

/** Checks a subject's records: every text hash, every record hash, and the chain between them. */
export function verifyChain(records: readonly ConsentRecord[]): { valid: boolean; brokenAt?: string } {
  let previous = GENESIS_HASH;
  for (const record of records) {
    const { hash, ...rest } = record;
    if (record.previousHash !== previous || recordHash(rest) !== hash || sha256Hex(record.shownText) !== record.textSha256) {
      return { valid: false, brokenAt: record.id };
    }
    previous = hash;
  }
  return { valid: true };
}

/**
 * A subject's records in the order they were appended: following the hash chain from its start.
 * Records off the chain (a broken or partial chain) follow by time, so verifyChain reports them.
 */
export function inChainOrder(records: readonly ConsentRecord[]): ConsentRecord[] {
  const next = new Map<string, ConsentRecord>();
  for (const r of records) if (!next.has(r.previousHash)) next.set(r.previousHash, r);
  const ordered: ConsentRecord[] = [];
  const placed = new Set<ConsentRecord>();
  for (let r = next.get(GENESIS_HASH); r && !placed.has(r); r = next.get(r.hash)) {
    ordered.push(r);
    placed.add(r);
  }
  const rest = records.filter((r) => !placed.has(r)).sort((a, b) => a.at.localeCompare(b.at));
  return [...ordered, ...rest];
}
