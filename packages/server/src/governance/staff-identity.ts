/**
 * `GET /v1/me`: the signed-in member as the server reads their token, and what their roles allow
 * by the server's own `STAFF_PERMISSIONS`, for elements to show only what the member may do. It
 * reveals nothing the token does not say, so it is not audited.
 */

import { permissionsOf, type StaffIdentity } from '@sealcall/protocol';
import type { StaffMember } from '../tokens/staff-token.js';

export function staffIdentity(member: StaffMember): StaffIdentity {
  const { subject, tenant, roles, teams } = member;
  return { subject, tenant, roles: [...roles], teams: [...teams], permissions: permissionsOf(roles) };
}
