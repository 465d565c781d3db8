import { WITHHELD } from '@sealcall/protocol';
import type { HttpStorageOptions, StorageTokenRequest } from '../../src/storage/http-options.js';
import { HttpStorage } from '../../src/storage/http-storage.js';
import { storageBaseUrl, storageToken } from './server.js';

const tokens = new Map<string, Promise<string>>();

/**
 * One storage token per role, call (or `*` for the office) and data subject, minted by the test
 * server once. Without a subject, or for HybridStorage's `withheld`, it names none.
 */
export function cachedToken(room: string, role: 'agent' | 'customer' | 'office', subjectId?: string): Promise<string> {
  const dataSubject = subjectId === WITHHELD ? undefined : subjectId;
  const key = `${role} ${room} ${dataSubject ?? ''}`;
  if (!tokens.has(key)) tokens.set(key, storageToken(room, role, dataSubject === undefined ? {} : { dataSubject }));
  return tokens.get(key) as Promise<string>;
}

/**
 * Agent tokens of the call (and its subject) for what writes or lists by call, the office's for
 * the rest: what a back end might hand out.
 */
export function tokenFor({ operation, callId, subjectId }: StorageTokenRequest): Promise<string> {
  const byCall = ['begin', 'append', 'finish', 'list-by-call'].includes(operation);
  return byCall && callId ? cachedToken(callId, 'agent', subjectId) : cachedToken('*', 'office');
}

/** HttpStorage on the reference server that the test run started. */
export async function httpStorage(options: Partial<HttpStorageOptions> = {}): Promise<HttpStorage> {
  return new HttpStorage({ baseUrl: await storageBaseUrl(), token: tokenFor, region: 'eu-central', ...options });
}
