import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { SealcallServerError } from '../errors.js';
import type { TokenKeys } from './jwt.js';
import { DEFAULT_ISSUER, secretKey } from './room-token.js';

export interface TokenKeyOptions {
  readonly secret: string | Uint8Array;
  readonly publicKeys?: JSONWebKeySet;
  readonly tokenIssuer?: string;
  readonly maxTokenLifetimeSeconds?: number;
}

const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;

/** Checks the key options once, at start: a bad key is a start-up error, never a refused join. */
export function resolveTokenKeys(options: TokenKeyOptions): TokenKeys {
  const issuer = options.tokenIssuer ?? DEFAULT_ISSUER;
  if (typeof issuer !== 'string' || issuer === '') throw invalid('"tokenIssuer" expected a non-empty string');
  const maxLifetimeSeconds = options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  if (!Number.isSafeInteger(maxLifetimeSeconds) || maxLifetimeSeconds < 60) {
    throw invalid(`"maxTokenLifetimeSeconds" expected an integer >= 60, got ${String(maxLifetimeSeconds)}`);
  }
  return {
    secret: secretKey(options.secret),
    publicKeys: options.publicKeys === undefined ? null : createLocalJWKSet(publicKeySet(options.publicKeys)),
    issuer,
    maxLifetimeSeconds,
  };
}

/** Ed25519 and P-256 public keys only: a private key or a symmetric one here is a mistake. */
function publicKeySet(set: JSONWebKeySet): JSONWebKeySet {
  if (typeof set !== 'object' || set === null || !Array.isArray(set.keys) || set.keys.length === 0) {
    throw invalid('"publicKeys" expected a JWKS: { "keys": [ ...public JWKs ] } with at least one key');
  }
  for (const [i, key] of set.keys.entries()) {
    const ed25519 = key.kty === 'OKP' && key.crv === 'Ed25519';
    const p256 = key.kty === 'EC' && key.crv === 'P-256';
    if (!ed25519 && !p256) throw invalid(`"publicKeys.keys[${i}]" expected an Ed25519 (OKP) or P-256 (EC) key, got kty "${String(key.kty)}"`);
    if ('d' in key) throw invalid(`"publicKeys.keys[${i}]" holds a private key ("d"); give the server the public part only`);
  }
  return set;
}

function invalid(message: string): SealcallServerError {
  return new SealcallServerError('OPTION_INVALID', message);
}
