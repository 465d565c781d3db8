import { executeServerCommand } from '@web/test-runner-commands';
import type { Role, StaffRole } from '../../src/index.js';

/** The reference server that the test run starts as a child process (scripts/test-server-plugin.mjs). */
export async function serverUrl(): Promise<string> {
  const { url } = await command<{ url: string }>({ action: 'start' });
  return url;
}

export interface TokenOptions {
  ttlSeconds?: number;
  /** Mint it as if this many seconds ago (for expired tokens). */
  issuedSecondsAgo?: number;
  /** Sign with another secret (for forged tokens). */
  secret?: string;
}

export interface StorageTokenOptions extends TokenOptions {
  /** The `dsub` claim: artifacts begun with the token are stored under this subject. */
  dataSubject?: string;
}

export async function roomToken(room: string, role: Role, options: TokenOptions = {}): Promise<string> {
  const { token } = await command<{ token: string }>({ action: 'token', room, role, ...options });
  return token;
}

/** A storage token (`createStorageToken`) for the server's `/v1/artifacts`; `room` is the call id, `*` for the office. */
export async function storageToken(room: string, role: 'agent' | 'customer' | 'office', options: StorageTokenOptions = {}): Promise<string> {
  const { token } = await command<{ token: string }>({ action: 'storageToken', room, role, ...options });
  return token;
}

/** An access token of the test run's identity provider, which the server trusts for staff sign-in; `teams` in its team claim. */
export async function staffToken(subject: string, roles: readonly StaffRole[], teams: readonly string[] = []): Promise<string> {
  const { token } = await command<{ token: string }>({ action: 'staffToken', subject, roles, teams });
  return token;
}

/** The server's HTTP base URL, for HttpStorage's `baseUrl`. */
export async function storageBaseUrl(): Promise<string> {
  return (await serverUrl()).replace(/^ws:/, 'http:');
}

/** Every file under the server's storage directory, raw, as the disk holds it. */
export async function storedFiles(): Promise<Array<{ path: string; bytes: Uint8Array }>> {
  const { files } = await command<{ files: Array<{ path: string; base64: string }> }>({ action: 'storedFiles' });
  return files.map(({ path, base64 }) => ({ path, bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) }));
}

/** SIGKILLs the server and starts it again on the same port with the same secret. */
export async function restartServer(): Promise<void> {
  await command({ action: 'restart' });
}

async function command<T>(payload: Record<string, unknown>): Promise<T> {
  const result = await executeServerCommand<T, Record<string, unknown>>('sealcall-server', payload);
  if (result === undefined) throw new Error('The sealcall-server test command answered nothing.');
  return result;
}

export function randomRoom(prefix = 'test'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export interface TurnSetup {
  /** A second reference server, with the same secret, that hands out credentials for `urls`. */
  readonly url: string;
  /** coturn's static-auth-secret: for tests that mint credentials of their own. */
  readonly secret: string;
  /** coturn on loopback: `turn:127.0.0.1:<port>?transport=udp`, then `…?transport=tcp`. */
  readonly urls: readonly string[];
}

/** coturn on loopback and a reference server with `--turn-url` for it (started on first use). */
export async function turnSetup(): Promise<TurnSetup> {
  return command<TurnSetup>({ action: 'turn' });
}
