import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { StaffRole } from '@sealcall/server';

export interface DemoIdentityProvider {
  /** The `iss` of its tokens, and where its discovery document and keys are served. */
  readonly issuer: string;
  /** Its key set's URL (the discovery document's `jwks_uri`), on loopback. */
  readonly jwksUrl: string;
  readonly audience: string;
  /** An access token for `subject`, as your identity provider issues one after its login; `teams` in the `teams` claim. */
  signIn(subject: string, roles: readonly StaffRole[], teams?: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

const AUDIENCE = 'sealcall-demo';

/**
 * The demo's stand-in for the insurer's identity provider (Keycloak, Entra ID, Okta…): it signs
 * staff access tokens with an Ed25519 key made at start and serves the OpenID Connect discovery
 * document and key set on loopback, so that the server checks staff sign-in exactly as it would
 * against the real one. It has no login page: the demo back end asks it for a token directly.
 */
export async function startDemoIdentityProvider(host = '127.0.0.1'): Promise<DemoIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA');
  const kid = `demo-${Date.now().toString(36)}`;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] });
  let discovery = '';
  const http = createServer((req, res) => {
    const body = req.url === '/.well-known/jwks.json' ? jwks : req.url === '/.well-known/openid-configuration' ? discovery : undefined;
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' });
    res.end(body ?? '{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, host, resolve);
  });
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const issuer = `http://${host}:${port}`;
  const jwksUrl = `${issuer}/.well-known/jwks.json`;
  discovery = JSON.stringify({ issuer, jwks_uri: jwksUrl, id_token_signing_alg_values_supported: ['EdDSA'] });
  return {
    issuer,
    jwksUrl,
    audience: AUDIENCE,
    signIn: (subject, roles, teams = []) =>
      new SignJWT({ roles, ...(teams.length > 0 ? { teams } : {}) })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime('8h')
        .sign(privateKey),
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}
