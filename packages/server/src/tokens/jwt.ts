/**
 * JSON Web Tokens (RFC 7519) as the server makes and checks them. The server picks the
 * algorithm and the key from its own configuration, never from the token: HS256 with the
 * shared secret, or EdDSA/ES256 with the configured public keys. A token's `alg`, `kid` and
 * `jku` choose nothing (a `kid` only picks among the configured public keys), except where the
 * server also takes room tokens it issued itself: there `alg` picks the secret or the key pairs.
 */

import { createHmac, randomBytes } from 'node:crypto';
import type { TokenAudience } from '@sealcall/protocol';
import { errors, jwtVerify, type JWTHeaderParameters, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { SealcallServerError } from '../errors.js';

/** How far the server's clock and a token issuer's may disagree. */
export const CLOCK_SKEW_SECONDS = 60;
const MAX_TOKEN_LENGTH = 2048;

export interface TokenKeys {
  /** HS256: signs and checks resume tokens, and room and storage tokens unless `publicKeys` is set. */
  readonly secret: Uint8Array;
  /** EdDSA or ES256: when set, room and storage tokens must be signed by one of these keys. */
  readonly publicKeys: JWTVerifyGetKey | null;
  /** The `iss` every token must carry. */
  readonly issuer: string;
  /** Longest `exp - iat` accepted, seconds. */
  readonly maxLifetimeSeconds: number;
}

/** Signs `claims` as a compact HS256 JWS, synchronously (jose signs only asynchronously). */
export function signHs256(secret: Uint8Array, claims: object): string {
  const header = base64url({ alg: 'HS256', typ: 'JWT' });
  const body = `${header}.${base64url(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export interface VerifiedJwt {
  readonly payload: JWTPayload;
  /**
   * Signed with the server's secret (HS256) where tokens must be signed by the configured key
   * pairs (`alsoBySecret`): it counts only if the server issued it itself, which the caller checks.
   */
  readonly mustBeIssuedHere: boolean;
}

/**
 * Checks signature, `iss`, `aud`, `exp`, `nbf` and `iat` (±CLOCK_SKEW_SECONDS), and that the
 * token lives no longer than `maxLifetimeSeconds`. Throws TOKEN_INVALID or TOKEN_EXPIRED with
 * what was wrong; the claims it returns still need their shape checked (@sealcall/protocol).
 *
 * @param alsoBySecret with key pairs configured, take HS256 tokens from the secret too: the
 *   caller then checks that the server issued them itself.
 * @param now milliseconds since the epoch
 */
export async function verifyJwt(keys: TokenKeys, token: unknown, audience: TokenAudience, now: number, alsoBySecret = false): Promise<VerifiedJwt> {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) {
    throw invalid(`expected a JWT of at most ${MAX_TOKEN_LENGTH} characters`);
  }
  const asymmetric = keys.publicKeys !== null && audience !== 'sealcall-resume';
  const options = {
    issuer: keys.issuer,
    audience,
    clockTolerance: CLOCK_SKEW_SECONDS,
    currentDate: new Date(now),
    maxTokenAge: keys.maxLifetimeSeconds,
    requiredClaims: ['iat', 'exp', 'sub', 'jti'],
  };
  let verified: { payload: JWTPayload; protectedHeader: JWTHeaderParameters };
  try {
    if (!asymmetric) {
      verified = await jwtVerify(token, keys.secret, { ...options, algorithms: ['HS256'] });
    } else {
      const publicKeys = keys.publicKeys!;
      const key: JWTVerifyGetKey = (header, jws) => (header.alg === 'HS256' ? keys.secret : publicKeys(header, jws));
      verified = await jwtVerify(token, key, { ...options, algorithms: alsoBySecret ? ['EdDSA', 'ES256', 'HS256'] : ['EdDSA', 'ES256'] });
    }
  } catch (error) {
    if (!(error instanceof errors.JOSEError)) throw error;
    throw fromJose(error, asymmetric);
  }
  const { iat, exp } = verified.payload as Required<JWTPayload>;
  if (exp - iat > keys.maxLifetimeSeconds) {
    throw invalid(`the token lives ${exp - iat} s (exp - iat); the most this server accepts is ${keys.maxLifetimeSeconds} s`);
  }
  return { payload: verified.payload, mustBeIssuedHere: asymmetric && verified.protectedHeader.alg === 'HS256' };
}

/** 16 random bytes, base64url: participant ids and jtis. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

export function invalid(why: string, cause?: unknown): SealcallServerError {
  return new SealcallServerError('TOKEN_INVALID', `the token was refused: ${why}`, cause === undefined ? undefined : { cause });
}

function fromJose(error: errors.JOSEError, asymmetric: boolean): SealcallServerError {
  if (error instanceof errors.JWTExpired) {
    return new SealcallServerError('TOKEN_EXPIRED', `the token has expired (${error.claim === 'iat' ? 'issued too long ago' : '"exp" has passed'}); ask for a new one`, { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const why = error.claim === 'nbf' ? '"nbf" is in the future' : `"${error.claim}" ${error.reason === 'missing' ? 'is missing' : 'is not what this server expects'}`;
    return invalid(why, error);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return invalid(`its "alg" is not ${asymmetric ? 'EdDSA or ES256 (this server checks tokens with public keys)' : 'HS256 (this server checks tokens with its secret)'}`, error);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return invalid('no configured public key matches its "kid" and "alg"', error);
  }
  return invalid('it is malformed or its signature does not match', error);
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
