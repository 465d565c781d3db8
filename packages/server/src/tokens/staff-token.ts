/**
 * Staff sign-in: the insurer's identity provider (OpenID Connect) issues access tokens to its
 * agents, supervisors, DPOs and admins; the server checks them against the provider's key set,
 * issuer and audience, and reads the member's roles and tenant from configured claims. Sealcall
 * keeps no passwords and no staff accounts.
 */

import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_TENANT, isStaffRole, isTenantId, STAFF_ROLES, type StaffRole } from '@sealcall/protocol';
import { SealcallServerError } from '../errors.js';
import { CLOCK_SKEW_SECONDS } from './jwt.js';

export interface StaffSignInOptions {
  /**
   * The identity provider's keys: its `jwks_uri` (https, or http on a loopback address), fetched
   * and cached as the provider rotates them, or the key set itself.
   */
  readonly jwks: string | JSONWebKeySet;
  /** The `iss` of the provider's tokens, exactly. */
  readonly issuer: string;
  /** The `aud` they must carry: the client or API id the provider knows Sealcall by. */
  readonly audience: string;
  /**
   * The claim that holds the member's roles: a name, or a dotted path such as
   * `realm_access.roles`. Its value is an array of strings or one space-separated string.
   * Default `'roles'`.
   */
  readonly rolesClaim?: string;
  /**
   * The provider's role names and the Sealcall roles they stand for, e.g.
   * `{ 'claims-handler': 'agent' }`. Default: the provider uses Sealcall's names. Names that are
   * neither are ignored.
   */
  readonly roleNames?: Readonly<Record<string, StaffRole>>;
  /**
   * The claim (a name or a dotted path) that names the member's tenant. Default: none, and every
   * member is of `tenant`.
   */
  readonly tenantClaim?: string;
  /** The tenant of every member when `tenantClaim` is not set. Default `'default'`. */
  readonly tenant?: string;
  /**
   * The claim (a name or a dotted path) that names the member's teams: one string or an array of
   * them. A call is filed under its agent's teams; a supervisor sees the calls of their teams.
   * Default: none, and supervisors see no calls.
   */
  readonly teamClaim?: string;
}

/** A member of staff, as their verified token says. */
export interface StaffMember {
  readonly tenant: string;
  /** The token's `sub`: the provider's pseudonymous id of the member. */
  readonly subject: string;
  readonly roles: readonly StaffRole[];
  /** Their teams (`teamClaim`), each 1..64 characters; none without the claim. */
  readonly teams: readonly string[];
}

export interface StaffVerifier {
  /** Throws TOKEN_INVALID or TOKEN_EXPIRED with what was wrong. @param now ms since the epoch */
  verify(token: unknown, now: number): Promise<StaffMember>;
}

/** Identity providers sign with RSA or elliptic curves; never with a secret shared with us. */
const STAFF_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
/** Providers put groups and more into access tokens: they are larger than ours. */
const MAX_STAFF_TOKEN_LENGTH = 16 * 1024;
const JWKS_TIMEOUT_MS = 5000;

/** Checks the options once, at start: a bad configuration is a start-up error. */
export function createStaffVerifier(options: StaffSignInOptions): StaffVerifier {
  if (typeof options !== 'object' || options === null) throw invalid('"staff" expected an object');
  const { issuer, audience, rolesClaim = 'roles', roleNames, tenantClaim, teamClaim, tenant = DEFAULT_TENANT } = options;
  if (typeof issuer !== 'string' || issuer === '') throw invalid('"staff.issuer" expected the identity provider\'s issuer URL');
  if (typeof audience !== 'string' || audience === '') throw invalid('"staff.audience" expected the audience of its access tokens');
  if (typeof rolesClaim !== 'string' || rolesClaim === '') throw invalid('"staff.rolesClaim" expected a claim name');
  if (tenantClaim !== undefined && (typeof tenantClaim !== 'string' || tenantClaim === '')) throw invalid('"staff.tenantClaim" expected a claim name');
  if (teamClaim !== undefined && (typeof teamClaim !== 'string' || teamClaim === '')) throw invalid('"staff.teamClaim" expected a claim name');
  if (!isTenantId(tenant)) throw invalid('"staff.tenant" expected 1..64 characters of [A-Za-z0-9_-]');
  const names = new Map<string, StaffRole>(Object.entries(roleNames ?? Object.fromEntries(STAFF_ROLES.map((role) => [role, role]))));
  for (const [name, role] of names) {
    if (!isStaffRole(role)) throw invalid(`"staff.roleNames.${name}" expected agent, supervisor, dpo or admin, got ${String(role)}`);
  }
  const keys = keySet(options.jwks);

  return {
    async verify(token, now) {
      if (typeof token !== 'string' || token.length > MAX_STAFF_TOKEN_LENGTH) {
        throw refused(`expected a JWT of at most ${MAX_STAFF_TOKEN_LENGTH} characters`);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms: STAFF_ALGORITHMS,
          clockTolerance: CLOCK_SKEW_SECONDS,
          currentDate: new Date(now),
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        throw fromJose(error);
      }
      const member = tenantClaim === undefined ? tenant : claimAt(payload, tenantClaim);
      if (!isTenantId(member)) throw refused(`"${tenantClaim}" expected the tenant: 1..64 characters of [A-Za-z0-9_-]`);
      const roles = rolesIn(claimAt(payload, rolesClaim)).flatMap((name) => names.get(name) ?? []);
      if (typeof payload.sub !== 'string' || payload.sub.length > 256) throw refused('"sub" expected 1..256 characters');
      const teams = teamClaim === undefined ? [] : teamsIn(claimAt(payload, teamClaim));
      if (teams === undefined) throw refused(`"${teamClaim}" expected a team or an array of teams, each 1..64 characters`);
      return { tenant: member, subject: payload.sub, roles: [...new Set(roles)], teams };
    },
  };
}

function keySet(jwks: string | JSONWebKeySet): JWTVerifyGetKey {
  if (typeof jwks === 'string') {
    let url: URL;
    try {
      url = new URL(jwks);
    } catch {
      throw invalid(`"staff.jwks" expected the provider's jwks_uri or a key set, got ${JSON.stringify(jwks.slice(0, 80))}`);
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw invalid('"staff.jwks" expected an https URL (http only on a loopback address)');
    }
    return createRemoteJWKSet(url, { timeoutDuration: JWKS_TIMEOUT_MS });
  }
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray(jwks.keys) || jwks.keys.length === 0) {
    throw invalid('"staff.jwks" expected a URL or a JWKS: { "keys": [ ...public JWKs ] }');
  }
  for (const [i, key] of jwks.keys.entries()) {
    if ('d' in key || key.kty === 'oct') throw invalid(`"staff.jwks.keys[${i}]" is a private or symmetric key; give the server the provider's public keys`);
  }
  return createLocalJWKSet(jwks);
}

/** The value at a claim name, or at a dotted path into nested claims. */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function rolesIn(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter((name) => name !== '');
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
}

/** The teams of a team claim (absent: none), or undefined if it is not one or more names. */
function teamsIn(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (names === undefined || names.length > 50) return undefined;
  const valid = names.every((name): name is string => typeof name === 'string' && name.length >= 1 && name.length <= 64);
  return valid ? [...new Set(names)] : undefined;
}

function fromJose(error: unknown): SealcallServerError {
  if (!(error instanceof errors.JOSEError)) {
    // The key set could not be fetched or read: the provider is unreachable, not the token bad.
    return new SealcallServerError('STAFF_KEYS_UNAVAILABLE', 'the identity provider\'s keys could not be fetched; try again shortly', { cause: error });
  }
  if (error instanceof errors.JWTExpired) return new SealcallServerError('TOKEN_EXPIRED', 'the sign-in has expired; sign in again', { cause: error });
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new SealcallServerError('STAFF_KEYS_UNAVAILABLE', 'the identity provider\'s keys could not be fetched; try again shortly', { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return refused(`"${error.claim}" ${error.reason === 'missing' ? 'is missing' : 'is not what this server expects'}`, error);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refused(`its "alg" is not one of ${STAFF_ALGORITHMS.join(', ')}`, error);
  if (error instanceof errors.JWKSNoMatchingKey) return refused('no key of the identity provider matches its "kid" and "alg"', error);
  return refused('it is malformed or its signature does not match', error);
}

function refused(why: string, cause?: unknown): SealcallServerError {
  return new SealcallServerError('TOKEN_INVALID', `the sign-in token was refused: ${why}`, cause === undefined ? undefined : { cause });
}

function invalid(message: string): SealcallServerError {
  return new SealcallServerError('OPTION_INVALID', message);
}
