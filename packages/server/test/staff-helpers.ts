import { createServer } from 'node:http';
import type { TestContext } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { StaffSignInOptions } from '../src/index.js';

export const ISSUER = 'https://idp.insurer.test/realms/staff';
export const AUDIENCE = 'sealcall';

export interface TestIdentityProvider {
  readonly jwks: JSONWebKeySet;
  /** The `staff` option of a server that trusts this provider. */
  readonly staff: StaffSignInOptions;
  /** An access token of this provider: `sub`, `roles` and any claims; `header` and `ttlSeconds` override. */
  sign(claims: JWTPayload & { sub: string; roles?: readonly string[] | string }, options?: { ttlSeconds?: number; issuedAt?: number; header?: Record<string, unknown> }): Promise<string>;
}

/** An identity provider with one key pair (RS256 as most providers sign, unless `alg` says otherwise). */
export async function identityProvider(alg: 'RS256' | 'ES256' | 'EdDSA' = 'RS256', kid = `key-${alg}`): Promise<TestIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }] };
  return {
    jwks,
    staff: { jwks, issuer: ISSUER, audience: AUDIENCE },
    sign: (claims, options = {}) => {
      const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: ISSUER, aud: AUDIENCE, iat, exp: iat + (options.ttlSeconds ?? 300), ...claims })
        .setProtectedHeader({ alg, kid, typ: 'at+jwt', ...options.header })
        .sign(privateKey);
    },
  };
}

/** Serves `jwks` at `http://127.0.0.1:<port>/jwks.json` until the test ends; counts the fetches. */
export async function serveJwks(t: TestContext, jwks: JSONWebKeySet): Promise<{ url: string; fetches: () => number }> {
  let fetches = 0;
  const http = createServer((req, res) => {
    fetches++;
    res.writeHead(req.url === '/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url === '/jwks.json' ? JSON.stringify(jwks) : '{}');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => http.close(() => resolve())));
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/jwks.json`, fetches: () => fetches };
}
