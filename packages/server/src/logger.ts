/**
 * Structured logs, one JSON object per event. Entries carry ids, roles and codes only: never
 * tokens, signal data, message bodies, IP addresses or Origin headers.
 */

import type { AbsenceReason, Role, StaffPermission } from '@sealcall/protocol';
import type { StorageOperation, StorageRole } from './storage/types.js';

export type LogLevel = 'info' | 'warn' | 'error';

export type LogEvent =
  | 'listening'
  | 'shutdown'
  | 'join'
  | 'resume'
  | 'resume-reused'
  | 'knock'
  | 'absent'
  | 'admit'
  | 'reject'
  | 'leave'
  | 'timeout'
  | 'refused'
  | 'denied'
  | 'bad-message'
  | 'rate-limited'
  | 'join-timeout'
  | 'heartbeat-timeout'
  | 'socket-error'
  | 'internal-error'
  | 'database-error'
  | 'redis-error'
  | 'audit-failed'
  | 'closed'
  | 'storage'
  | 'governance'
  | 'countersign'
  | 'retention'
  | 'retention-failed';

export interface LogEntry {
  /** ISO 8601. */
  readonly ts: string;
  readonly level: LogLevel;
  readonly event: LogEvent;
  readonly tenant?: string;
  readonly room?: string;
  readonly participantId?: string;
  readonly role?: Role | StorageRole;
  readonly admitted?: boolean;
  /** What a `storage` request did. */
  readonly op?: StorageOperation;
  /** What a `governance` request was for: the permission of its route. */
  readonly permission?: StaffPermission;
  /** The artifact of a `storage` request, where it names one. */
  readonly artifactId?: string;
  /** A `SealcallServerErrorCode`, a `ws` error code for `socket-error`, or a file system code for a failed `storage` request. */
  readonly code?: string;
  /** How many artifacts a `retention` sweep erased. */
  readonly count?: number;
  /** How many audit entries a `retention` sweep pruned. */
  readonly auditEntries?: number;
  /** Why a customer is not coming, for `absent`. */
  readonly reason?: AbsenceReason;
  /** WebSocket close code, for `closed`. */
  readonly closeCode?: number;
  /** HTTP status of a refused upgrade, or of a `storage` or `governance` request's answer. */
  readonly status?: number;
  /** The server's own address, for `listening`. */
  readonly url?: string;
}

export type LogFields = Omit<LogEntry, 'ts' | 'level' | 'event'>;

export type Log = (level: LogLevel, event: LogEvent, fields?: LogFields) => void;

export function jsonLinesLogger(entry: LogEntry): void {
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}

export function createLog(sink: (entry: LogEntry) => void, now: () => number): Log {
  return (level, event, fields) => {
    try {
      sink({ ts: new Date(now()).toISOString(), level, event, ...fields });
    } catch {
      // A failing logger must not take connections down with it.
    }
  };
}
