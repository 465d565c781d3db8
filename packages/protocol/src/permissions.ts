/**
 * Who on the insurer's staff may do what: one table, enforced by the server on every governance
 * route and exported so that elements can hide what a role cannot do.
 */

import * as v from 'valibot';

/** The roles a member of staff holds, from the identity provider's token (docs/governance.md). */
export const STAFF_ROLES = ['agent', 'supervisor', 'dpo', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const StaffRoleSchema = v.picklist(STAFF_ROLES);

export function isStaffRole(value: unknown): value is StaffRole {
  return (STAFF_ROLES as readonly unknown[]).includes(value);
}

/**
 * Each permission and the roles that hold it.
 * - `call.start`: start a call (`POST /v1/calls`), and so join it, capture in it, and put on record
 *   whether its security codes matched.
 * - `audit.read`: page through the tenant's audit log (`GET /v1/audit`).
 * - `legal-hold.manage`: place, list and release legal holds (`/v1/holds`).
 * - `subject.export`: start a data subject's access export and read its bundle (GDPR Art. 15).
 * - `subject.erase`: erase everything of a data subject (GDPR Art. 17).
 * - `settings.read`: read the tenant's settings, and one's own roles and permissions (`GET /v1/me`):
 *   every member, since elements follow them.
 * - `settings.manage`: change them.
 * - `retention.event`: record an event that retention periods count from (a claim closed).
 */
export const STAFF_PERMISSIONS = {
  'call.start': ['agent'],
  'audit.read': ['dpo'],
  'legal-hold.manage': ['dpo'],
  'subject.export': ['dpo'],
  'subject.erase': ['dpo'],
  'settings.read': ['agent', 'supervisor', 'dpo', 'admin'],
  'settings.manage': ['admin'],
  'retention.event': ['agent', 'supervisor'],
  'records.read': ['agent', 'supervisor', 'dpo'],
  'records.download': ['agent', 'supervisor', 'dpo'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

const PERMISSIONS = Object.keys(STAFF_PERMISSIONS) as [StaffPermission, ...StaffPermission[]];

export const StaffPermissionSchema = v.picklist(PERMISSIONS);

/** Whether any of `roles` holds `permission`. */
export function hasPermission(roles: readonly StaffRole[], permission: StaffPermission): boolean {
  const holders: readonly StaffRole[] = STAFF_PERMISSIONS[permission];
  return roles.some((role) => holders.includes(role));
}

/** Every permission any of `roles` holds, in the order of `STAFF_PERMISSIONS`. */
export function permissionsOf(roles: readonly StaffRole[]): StaffPermission[] {
  return PERMISSIONS.filter((permission) => hasPermission(roles, permission));
}

/**
 * Every governance route, with the one permission it needs. Paths are under the server's base
 * URL; `:id` stands for one path segment (`governancePath` fills it in).
 */
export const GOVERNANCE_ROUTES = {
  startCall: { method: 'POST', path: '/v1/calls', permission: 'call.start' },
  recordSecurityCode: { method: 'POST', path: '/v1/calls/:id/security-code', permission: 'call.start' },
  readAudit: { method: 'GET', path: '/v1/audit', permission: 'audit.read' },
  placeHold: { method: 'POST', path: '/v1/holds', permission: 'legal-hold.manage' },
  listHolds: { method: 'GET', path: '/v1/holds', permission: 'legal-hold.manage' },
  releaseHold: { method: 'DELETE', path: '/v1/holds/:id', permission: 'legal-hold.manage' },
  requestExport: { method: 'POST', path: '/v1/subjects/:id/exports', permission: 'subject.export' },
  listExports: { method: 'GET', path: '/v1/exports', permission: 'subject.export' },
  readExport: { method: 'GET', path: '/v1/exports/:id/bundle', permission: 'subject.export' },
  eraseSubject: { method: 'POST', path: '/v1/subjects/:id/erasure', permission: 'subject.erase' },
  readSettings: { method: 'GET', path: '/v1/settings', permission: 'settings.read' },
  changeSettings: { method: 'PUT', path: '/v1/settings', permission: 'settings.manage' },
  recordRetentionEvent: { method: 'POST', path: '/v1/retention-events', permission: 'retention.event' },
  listCalls: { method: 'GET', path: '/v1/calls', permission: 'records.read' },
  listCallArtifacts: { method: 'GET', path: '/v1/calls/:id/artifacts', permission: 'records.read' },
  viewArtifact: { method: 'GET', path: '/v1/records/:id/content', permission: 'records.read' },
  downloadArtifact: { method: 'GET', path: '/v1/records/:id/download', permission: 'records.download' },
  whoAmI: { method: 'GET', path: '/v1/me', permission: 'settings.read' },
} as const satisfies Record<string, { method: string; path: string; permission: StaffPermission }>;

export type GovernanceRoute = (typeof GOVERNANCE_ROUTES)[keyof typeof GOVERNANCE_ROUTES];

/** `route`'s path with `:id` replaced by `id`, percent-encoded. */
export function governancePath(route: GovernanceRoute, id?: string): string {
  return id === undefined ? route.path : route.path.replace(':id', encodeURIComponent(id));
}

/** The route `path` is an instance of, for `method`; or the methods the path takes (none: not ours). */
export function matchGovernanceRoute(method: string, path: string): { route: GovernanceRoute; id?: string } | { allow: string[] } {
  const allow: string[] = [];
  const segments = path.split('/');
  for (const route of Object.values(GOVERNANCE_ROUTES) as GovernanceRoute[]) {
    const template = route.path.split('/');
    if (template.length !== segments.length) continue;
    let id: string | undefined;
    const matches = template.every((part, i) => {
      const segment = segments[i]!;
      if (part !== ':id') return part === segment;
      id = segment;
      return segment !== '';
    });
    if (!matches) continue;
    if (route.method === method) return { route, ...(id === undefined ? {} : { id }) };
    allow.push(route.method);
  }
  return { allow };
}
