import type { HttpStorageOptions, StorageTokenRequest } from '../../src/storage/http-options.js';
import { HttpStorage } from '../../src/storage/http-storage.js';
import { storageBaseUrl, storageToken } from './server.js';

const tokens = new Map<string, Promise<string>>();

/** One storage token per role and call (or `*` for the office), minted by the test server once. */
export function cachedToken(room: string, role: 'agent' | 'customer' | 'office'): Promise<string> {
  const key = `${role} ${room}`;
  if (!tokens.has(key)) tokens.set(key, storageToken(room, role));
  return tokens.get(key) as Promise<string>;
}

/** Agent tokens of the call for what writes or lists by call, the office's for the rest: what a back end might hand out. */
export function tokenFor({ operation, callId }: StorageTokenRequest): Promise<string> {
  const byCall = ['begin', 'append', 'finish', 'list-by-call'].includes(operation);
  return byCall && callId ? cachedToken(callId, 'agent') : cachedToken('*', 'office');
}

/** HttpStorage on the reference server that the test run started. */
export async function httpStorage(options: Partial<HttpStorageOptions> = {}): Promise<HttpStorage> {
  return new HttpStorage({ baseUrl: await storageBaseUrl(), token: tokenFor, region: 'eu-central', ...options });
}
