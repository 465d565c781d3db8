import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SealcallServerError, type SealcallServerErrorCode } from '../src/index.js';
import { createStaffVerifier, type StaffSignInOptions } from '../src/tokens/staff-token.js';
import { identityProvider, serveJwks } from './staff-helpers.js';

async function refused(promise: Promise<unknown>, code: SealcallServerErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SealcallServerError, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

function badOption(options: unknown, message: RegExp): void {
  assert.throws(() => createStaffVerifier(options as StaffSignInOptions), (error: unknown) => {
    assert.ok(error instanceof SealcallServerError && error.code === 'OPTION_INVALID', String(error));
    assert.match(error.message, message);
    return true;
  });
}

describe('staff sign-in: access tokens of the identity provider', () => {
  it('reads roles and the tenant from the configured claims, and ignores names it does not know', async () => {
    for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
      const idp = await identityProvider(alg);
      const verifier = createStaffVerifier(idp.staff);
      const member = await verifier.verify(await idp.sign({ sub: 'staff-7', roles: ['agent', 'dpo', 'agent', 'offline_access'] }), Date.now());
      assert.deepEqual(member, { tenant: 'default', subject: 'staff-7', roles: ['agent', 'dpo'], teams: [] }, alg);
    }
    const idp = await identityProvider();
    const keycloak = createStaffVerifier({
      ...idp.staff,
      rolesClaim: 'realm_access.roles',
      roleNames: { 'claims-handler': 'agent', 'data-protection': 'dpo' },
      tenantClaim: 'org.id',
    });
    const token = await idp.sign({ sub: 'staff-8', realm_access: { roles: ['claims-handler', 'agent', 'data-protection'] }, org: { id: 'acme-insurance' } });
    assert.deepEqual(await keycloak.verify(token, Date.now()), { tenant: 'acme-insurance', subject: 'staff-8', roles: ['agent', 'dpo'], teams: [] }, 'only mapped names count once names are mapped');
    const spaced = createStaffVerifier({ ...idp.staff, rolesClaim: 'scp', tenant: 'bank-1' });
    assert.deepEqual(await spaced.verify(await idp.sign({ sub: 's', scp: 'supervisor  admin' }), Date.now()), { tenant: 'bank-1', subject: 's', roles: ['supervisor', 'admin'], teams: [] });
    assert.deepEqual((await spaced.verify(await idp.sign({ sub: 's' }), Date.now())).roles, [], 'no roles claim: signed in, allowed nothing');
    await refused(keycloak.verify(await idp.sign({ sub: 's', roles: ['agent'] }), Date.now()), 'TOKEN_INVALID', /"org.id" expected the tenant/);
    await refused(keycloak.verify(await idp.sign({ sub: 's', org: { id: 'no/slashes' } }), Date.now()), 'TOKEN_INVALID', /tenant/);
  });

  it('reads the member\'s teams from the team claim: one name or several, none without it', async () => {
    const idp = await identityProvider();
    const verifier = createStaffVerifier({ ...idp.staff, teamClaim: 'groups' });
    const teams = async (claims: Record<string, unknown>) => (await verifier.verify(await idp.sign({ sub: 's', roles: ['supervisor'], ...claims }), Date.now())).teams;
    assert.deepEqual(await teams({ groups: 'claims-north' }), ['claims-north']);
    assert.deepEqual(await teams({ groups: ['claims-north', 'motor', 'motor'] }), ['claims-north', 'motor']);
    assert.deepEqual(await teams({}), []);
    await refused(teams({ groups: [''] }), 'TOKEN_INVALID', /"groups" expected a team or an array of teams/);
    await refused(teams({ groups: { id: 1 } }), 'TOKEN_INVALID', /"groups" expected a team/);
    badOption({ ...idp.staff, teamClaim: '' }, /"staff.teamClaim" expected a claim name/);
  });

  it('refuses tokens of another issuer or audience, expired, unsigned, HMAC-signed or signed by another key', async () => {
    const idp = await identityProvider('RS256');
    const other = await identityProvider('RS256');
    const verifier = createStaffVerifier(idp.staff);
    const now = Date.now();
    const claims = { sub: 'staff-1', roles: ['admin'] as const };
    await refused(verifier.verify(await idp.sign({ ...claims, iss: 'https://elsewhere.test' }), now), 'TOKEN_INVALID', /"iss"/);
    await refused(verifier.verify(await idp.sign({ ...claims, aud: 'another-app' }), now), 'TOKEN_INVALID', /"aud"/);
    await refused(verifier.verify(await idp.sign(claims, { issuedAt: Math.floor(now / 1000) - 3600 }), now), 'TOKEN_EXPIRED', /sign in again/);
    await refused(verifier.verify(await other.sign(claims), now), 'TOKEN_INVALID', /signature/);
    await refused(verifier.verify(await other.sign(claims, { header: { kid: 'unknown' } }), now), 'TOKEN_INVALID', /no key of the identity provider/);
    await refused(verifier.verify(await other.sign(claims, { header: { jku: 'https://attacker.test/jwks.json' } }), now), 'TOKEN_INVALID');
    await refused(verifier.verify(await other.sign(claims, { header: { jwk: other.jwks.keys[0] } }), now), 'TOKEN_INVALID');
    const payload = (await idp.sign(claims)).split('.')[1];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    await refused(verifier.verify(none, now), 'TOKEN_INVALID');
    const hs = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'key-RS256' })).toString('base64url')}.${payload}.c2ln`;
    await refused(verifier.verify(hs, now), 'TOKEN_INVALID', /"alg" is not one of/);
    await refused(verifier.verify(await idp.sign({ roles: ['admin'] } as never), now), 'TOKEN_INVALID', /"sub"/);
    await refused(verifier.verify('x'.repeat(20_000), now), 'TOKEN_INVALID', /at most/);
    await refused(verifier.verify(undefined, now), 'TOKEN_INVALID');
  });

  it('fetches the key set from the provider\'s jwks_uri once, and says so when it cannot', async (t) => {
    const idp = await identityProvider('ES256');
    const served = await serveJwks(t, idp.jwks);
    const verifier = createStaffVerifier({ ...idp.staff, jwks: served.url });
    for (let i = 0; i < 3; i++) assert.equal((await verifier.verify(await idp.sign({ sub: `s-${i}`, roles: ['agent'] }), Date.now())).subject, `s-${i}`);
    assert.equal(served.fetches(), 1, 'cached');
    const gone = createStaffVerifier({ ...idp.staff, jwks: 'http://127.0.0.1:9/jwks.json' });
    await refused(gone.verify(await idp.sign({ sub: 's', roles: ['agent'] }), Date.now()), 'STAFF_KEYS_UNAVAILABLE', /try again/);
  });

  it('refuses a configuration it cannot check tokens with, at start', async () => {
    const idp = await identityProvider();
    badOption({ ...idp.staff, jwks: 'http://idp.insurer.test/jwks.json' }, /https/);
    badOption({ ...idp.staff, jwks: 'not a url' }, /jwks_uri/);
    badOption({ ...idp.staff, jwks: { keys: [] } }, /JWKS/);
    badOption({ ...idp.staff, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }, /symmetric/);
    badOption({ ...idp.staff, jwks: { keys: [{ ...idp.jwks.keys[0], d: 'private' }] } }, /private/);
    badOption({ ...idp.staff, issuer: '' }, /issuer/);
    badOption({ ...idp.staff, audience: undefined }, /audience/);
    badOption({ ...idp.staff, roleNames: { boss: 'owner' } }, /roleNames.boss/);
    badOption({ ...idp.staff, tenant: 'a/b' }, /tenant/);
  });
});
