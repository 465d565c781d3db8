/**
 * A tenant's settings (`GET` and `PUT /v1/settings`): read by every member of staff, changed by
 * an admin only, whole, against the version they read (a change made meanwhile is 409), and
 * audited with the names of what changed.
 */

import { isDeepStrictEqual } from 'node:util';
import {
  DEFAULT_SETTINGS,
  type ArtifactKind,
  type PutSettings,
  type RetentionPolicy,
  type SettingsDocument,
  type TenantSettings,
} from '@sealcall/protocol';
import type { Database, Queryable } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import type { StaffMember } from '../tokens/staff-token.js';
import type { AuditLog } from './audit-log.js';
import { DAY_MS } from '../time.js';

/** How long a process goes by settings it read: a change made on another process counts within this. */
const CACHE_MS = 5000;

interface SettingsRow {
  version: number;
  settings: TenantSettings;
  updated_at: Date;
  updated_by: string;
}

export class TenantSettingsStore {
  readonly #db: Database;
  readonly #audit: AuditLog;
  readonly #retentionMs: Readonly<Record<ArtifactKind, number>> | null;
  readonly #cache = new Map<string, { readonly document: SettingsDocument; readonly until: number }>();

  /** @param retentionMs the server's longest retention per kind, which a policy may not pass; null without storage. */
  constructor(db: Database, audit: AuditLog, retentionMs: Readonly<Record<ArtifactKind, number>> | null) {
    this.#db = db;
    this.#audit = audit;
    this.#retentionMs = retentionMs;
  }

  /** The tenant's settings: version 0, the defaults, until an admin changes them. */
  async read(tenant: string, q: Queryable = this.#db): Promise<SettingsDocument> {
    const [row] = await q.query<SettingsRow>(`SELECT version, settings, updated_at, updated_by FROM tenant_settings WHERE tenant_id = $1`, [tenant]);
    if (!row) return { version: 0, settings: DEFAULT_SETTINGS, updatedAt: null, updatedBy: null };
    return { version: row.version, settings: { ...DEFAULT_SETTINGS, ...row.settings }, updatedAt: row.updated_at.getTime(), updatedBy: row.updated_by };
  }

  /**
   * The settings as read within the last 5 s, for what every request consults (origins, retention):
   * a change takes effect here at once, on other processes within 5 s.
   */
  async current(tenant: string, now: number): Promise<TenantSettings> {
    const cached = this.#cache.get(tenant);
    if (cached !== undefined && cached.until > now) return cached.document.settings;
    const document = await this.read(tenant);
    if (this.#cache.size >= 10_000) this.#cache.clear();
    this.#cache.set(tenant, { document, until: now + CACHE_MS });
    return document.settings;
  }

  /**
   * Replaces the settings if `request.version` is the current one (STORAGE_CONFLICT, HTTP 409,
   * otherwise: read them again). INVALID_ARGUMENT for a retention policy longer than the server keeps that kind.
   */
  change(admin: StaffMember, request: PutSettings, now: number): Promise<SettingsDocument> {
    this.#checkAgainstServer(request.settings.retention);
    return this.#db.transaction(async (tx) => {
      const { tenant } = admin;
      await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenant, new Date(now)]);
      await tx.query(`SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE`, [tenant]);
      const current = await this.read(tenant, tx);
      if (request.version !== current.version) {
        throw new SealcallServerError('STORAGE_CONFLICT', `the settings are at version ${current.version}, not ${request.version}: someone changed them meanwhile; read them again and reapply your change`);
      }
      const changed = (Object.keys(request.settings) as Array<keyof TenantSettings>).filter(
        (key) => !isDeepStrictEqual(request.settings[key], current.settings[key]),
      );
      if (changed.length === 0) return current;
      const version = current.version + 1;
      await tx.query(
        `INSERT INTO tenant_settings (tenant_id, version, settings, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id) DO UPDATE SET version = $2, settings = $3, updated_at = $4, updated_by = $5`,
        [tenant, version, JSON.stringify(request.settings), new Date(now), admin.subject],
      );
      await this.#audit.append(tx, tenant, { action: 'settings.changed', actor: { role: 'admin', id: admin.subject }, details: { version, changed: changed.join(',') } }, now);
      return { version, settings: request.settings, updatedAt: now, updatedBy: admin.subject };
    }).then((document) => {
      this.#cache.delete(admin.tenant);
      return document;
    });
  }

  #checkAgainstServer(policies: readonly RetentionPolicy[]): void {
    const caps = this.#retentionMs;
    if (caps === null) return;
    for (const policy of policies) {
      if (policy.kind === 'audit') continue;
      const most = caps[policy.kind] / DAY_MS;
      if (policy.days > most) {
        throw new SealcallServerError('INVALID_ARGUMENT', `the retention of ${policy.kind}s${policy.purpose ? ` for "${policy.purpose}"` : ''} expected at most ${most} days, the longest this server keeps them (storage.retentionDays); got ${policy.days}`);
      }
    }
  }
}

/** Whether the tenant's settings allow a browser's request from `origin`; one without (your back end's) always. */
export function originAllowed(settings: TenantSettings, origin: string | undefined): boolean {
  return origin === undefined || settings.allowedOrigins === null || settings.allowedOrigins.includes(origin);
}

/** Throws FORBIDDEN (HTTP 403) unless `originAllowed`. */
export function refuseOrigin(settings: TenantSettings, origin: string | undefined): void {
  if (originAllowed(settings, origin)) return;
  throw new SealcallServerError('FORBIDDEN', `your tenant's settings do not allow requests from ${origin}; an admin can add it to "allowedOrigins"`);
}

/** The policy for an artifact: the one for its kind and purpose, else the one for its kind alone. */
export function policyFor(settings: TenantSettings, kind: ArtifactKind, purpose: string | undefined): RetentionPolicy | undefined {
  const forKind = settings.retention.filter((policy) => policy.kind === kind);
  return (purpose === undefined ? undefined : forKind.find((policy) => policy.purpose === purpose)) ?? forKind.find((policy) => policy.purpose === undefined);
}
