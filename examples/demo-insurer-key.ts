import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

export interface DemoInsurerKey {
  /** X25519, base64url: the agent's page encrypts every capture to it. */
  readonly publicKey: string;
  /** Base64url: only the back office holds it, to decrypt what it shows. */
  readonly privateKey: string;
}

/**
 * The insurer's records key, made on the demo's first start and kept in `file` so that what was
 * stored stays readable after a restart. In production the private key stays in the back
 * office's key management (an HSM or KMS behind a KeyProvider) and never sits in a file.
 */
export async function demoInsurerKey(file: string): Promise<DemoInsurerKey> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DemoInsurerKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // An X25519 key pair, as RecipientKeyProvider.generateKeyPair() makes one: the JWK's x and d are the raw keys.
  const { x, d } = generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' });
  if (x === undefined || d === undefined) throw new Error('Node.js exported an X25519 key without its raw parts.');
  const key = { publicKey: x, privateKey: d };
  await writeFile(file, JSON.stringify(key), { mode: 0o600, flag: 'wx' });
  return key;
}
