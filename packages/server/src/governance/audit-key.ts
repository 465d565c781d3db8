/**
 * The server's audit key: Ed25519, from `auditKey` (32 random bytes, base64url; the CLI's
 * `SEALCALL_AUDIT_KEY`), or else derived from the server's secret. Its public half is published as
 * a JWKS (`GET /v1/audit/keys`) so that anyone can check the log's signatures.
 */

import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { SealcallServerError } from '../errors.js';

export interface AuditKey {
  /** The key's RFC 7638 thumbprint: what each entry names as `key_id`. */
  readonly id: string;
  readonly publicJwk: PublicAuditJwk;
  sign(hash: string): string;
}

export interface PublicAuditJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
}

/** The DER prefix of a PKCS #8 Ed25519 private key, before its 32-byte seed (RFC 8410). */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SEED = /^[A-Za-z0-9_-]{43}$/;

export function auditKeyFromSeed(seed: Uint8Array): AuditKey {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  const id = thumbprint(x);
  return {
    id,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid: id, alg: 'EdDSA', use: 'sig' },
    sign: (hash) => sign(null, Buffer.from(hash, 'hex'), privateKey).toString('base64url'),
  };
}

/** `auditKey` if given (43 characters of base64url), else a key derived from `secret` with HKDF-SHA256. */
export function resolveAuditKey(auditKey: string | undefined, secret: Uint8Array): AuditKey {
  if (auditKey === undefined) return auditKeyFromSeed(new Uint8Array(hkdfSync('sha256', secret, 'sealcall', 'sealcall audit signing key v1', 32)));
  if (typeof auditKey !== 'string' || !SEED.test(auditKey)) {
    throw new SealcallServerError('OPTION_INVALID', '"auditKey" expected 32 random bytes as base64url (43 characters), e.g. from: openssl rand 32 | basenc --base64url | tr -d =');
  }
  return auditKeyFromSeed(Buffer.from(auditKey, 'base64url'));
}

/** The public keys a verifier trusts, by key id. */
export type TrustedAuditKeys = ReadonlyMap<string, KeyObject>;

export function trustedAuditKeys(jwks: readonly { readonly x: string }[]): TrustedAuditKeys {
  return new Map(
    jwks.map(({ x }) => [thumbprint(x), createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })]),
  );
}

export function verifySignature(key: KeyObject, hash: string, signature: string): boolean {
  return verify(null, Buffer.from(hash, 'hex'), key, Buffer.from(signature, 'base64url'));
}

/** RFC 7638: SHA-256 of the required members in order, base64url. */
function thumbprint(x: string): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}
