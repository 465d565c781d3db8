import { invalid } from './jwt.js';

/** Every row belongs to a tenant; single-tenant set-ups use this one. */
export const DEFAULT_TENANT = 'default';

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

/** The `tid` of a verified token: DEFAULT_TENANT when absent, TOKEN_INVALID when malformed. */
export function tenantClaim(value: unknown): string {
  if (value === undefined) return DEFAULT_TENANT;
  if (!isTenantId(value)) throw invalid('"tid" expected 1..64 characters of [A-Za-z0-9_-]');
  return value;
}
