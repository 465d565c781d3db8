import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';
import { secretKey } from './tokens/room-token.js';

/** What the server and `sealcall-server token` both read, so that both sign and check alike. */
export interface TokenEnvironment {
  readonly secret: string;
  readonly tokenIssuer: string | undefined;
  /** SEALCALL_AUDIT_KEY, checked by the server (`auditKey`). */
  readonly auditKey: string | undefined;
}

/** SEALCALL_SECRET and SEALCALL_TOKEN_ISSUER, checked; a string is what is wrong with them. */
export function tokenEnvironment(env: NodeJS.ProcessEnv): TokenEnvironment | string {
  const secret = env.SEALCALL_SECRET;
  if (!secret) {
    return 'SEALCALL_SECRET is not set. Set it to a random string of at least 32 characters,\n' +
      'the same one your back end uses to create room tokens, e.g.:\n' +
      '  export SEALCALL_SECRET="$(openssl rand -base64 32)"';
  }
  try {
    secretKey(secret);
  } catch {
    return 'SEALCALL_SECRET is too short: use at least 32 characters, e.g. "$(openssl rand -base64 32)"';
  }
  const tokenIssuer = env.SEALCALL_TOKEN_ISSUER;
  if (tokenIssuer === '') return 'SEALCALL_TOKEN_ISSUER is empty: unset it (the issuer is then "sealcall") or give the "iss" your back end signs';
  return { secret, tokenIssuer, auditKey: env.SEALCALL_AUDIT_KEY || undefined };
}

/** The JWKS file of a flag (--public-keys, --staff-jwks); a string is what is wrong with it. */
export async function readPublicKeys(file: string, flag = '--public-keys'): Promise<JSONWebKeySet | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return `cannot read ${flag} ${file}: ${(error as Error).message}`;
  }
  try {
    return JSON.parse(text) as JSONWebKeySet;
  } catch {
    return `${flag} ${file} is not JSON; expected a JWKS: { "keys": [ ...public JWKs ] }`;
  }
}
