import { isStaffRole, type StaffRole } from '@sealcall/protocol';
import { readPublicKeys } from './cli-environment.js';
import type { StaffSignInOptions } from './tokens/staff-token.js';

export interface StaffFlags {
  readonly 'staff-issuer'?: string | undefined;
  readonly 'staff-audience'?: string | undefined;
  readonly 'staff-jwks'?: string | undefined;
  readonly 'staff-roles-claim'?: string | undefined;
  readonly 'staff-role'?: readonly string[] | undefined;
  readonly 'staff-tenant-claim'?: string | undefined;
  readonly 'staff-team-claim'?: string | undefined;
}

/** The `staff` option from the --staff-* flags, undefined without them; a string is what is wrong. */
export async function staffSignIn(flags: StaffFlags): Promise<StaffSignInOptions | undefined | string> {
  const { 'staff-issuer': issuer, 'staff-audience': audience, 'staff-jwks': jwks } = flags;
  const given = Object.entries(flags).filter(([name, value]) => name.startsWith('staff-') && value !== undefined).map(([name]) => `--${name}`);
  if (given.length === 0) return undefined;
  if (issuer === undefined || audience === undefined || jwks === undefined) {
    return `staff sign-in needs --staff-issuer, --staff-audience and --staff-jwks together; got only ${given.join(', ')}`;
  }
  let keys: StaffSignInOptions['jwks'] = jwks;
  if (!/^https?:\/\//.test(jwks)) {
    const read = await readPublicKeys(jwks, '--staff-jwks');
    if (typeof read === 'string') return read;
    keys = read;
  }
  const roleNames: Record<string, StaffRole> = {};
  for (const mapping of flags['staff-role'] ?? []) {
    const [name, role] = mapping.split('=');
    if (!name || !isStaffRole(role)) return `--staff-role expected NAME=ROLE with ROLE one of agent, supervisor, dpo, admin, got "${mapping}"`;
    roleNames[name] = role;
  }
  return {
    jwks: keys,
    issuer,
    audience,
    ...(flags['staff-roles-claim'] === undefined ? {} : { rolesClaim: flags['staff-roles-claim'] }),
    ...(Object.keys(roleNames).length === 0 ? {} : { roleNames }),
    ...(flags['staff-tenant-claim'] === undefined ? {} : { tenantClaim: flags['staff-tenant-claim'] }),
    ...(flags['staff-team-claim'] === undefined ? {} : { teamClaim: flags['staff-team-claim'] }),
  };
}
