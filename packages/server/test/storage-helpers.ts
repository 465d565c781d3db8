import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { request } from 'node:http';
import type { TestContext } from 'node:test';
import { createStorageToken, type ServerOptions, type StorageOptions, type StorageRole, type StorageTokenOptions } from '../src/index.js';
import type { ArtifactRecord, NewArtifact } from '../src/storage/types.js';
import { SECRET, startServer, type Harness } from './helpers.js';

export interface StorageHarness extends Harness {
  readonly dir: string;
  /** A storage token of the test secret, for `${role}-1` about `SUBJECT` unless `claims` says otherwise. */
  storageToken(room: string, role: StorageRole, ttlSeconds?: number, claims?: Partial<StorageTokenOptions>): string;
  call(method: string, path: string, init?: CallInit): Promise<Answer>;
  /** The path exactly as given, without the URL normalization fetch applies (`/a/../b`). */
  rawStatus(method: string, path: string, token: string): Promise<number>;
}

export interface CallInit {
  readonly token?: string;
  readonly json?: unknown;
  readonly body?: Uint8Array | string;
  readonly headers?: Record<string, string>;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON for JSON answers. */
  readonly json: unknown;
  readonly bytes: Uint8Array;
}

/** A fresh temporary directory, removed when the test ends. */
export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sealcall-storage-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A server with storage in `dir` (a fresh temporary directory unless given). */
export async function startStorageServer(
  t: TestContext,
  options: Omit<Partial<ServerOptions>, 'storage'> & { dir?: string; storage?: Omit<StorageOptions, 'directory'> } = {},
): Promise<StorageHarness> {
  const { dir = await tempDir(t), storage, ...rest } = options;
  const h = await startServer(t, { ...rest, storage: { ...storage, directory: dir } });
  const base = `http://127.0.0.1:${h.port}`;
  return {
    ...h,
    dir,
    storageToken: (room, role, ttlSeconds, claims) =>
      createStorageToken({ secret: SECRET, subject: `${role}-1`, ...(role === 'office' ? {} : { dataSubject: SUBJECT }), room, role, ttlSeconds, now: rest.now, ...claims }),
    call: (method, path, init = {}) => call(`${base}${path}`, method, init),
    rawStatus: (method, path, token) =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: h.port, method, path, headers: { authorization: `Bearer ${token}` } });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      }),
  };
}

export async function call(url: string, method: string, init: CallInit = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  let body: Uint8Array | string | undefined = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const json = res.headers.get('content-type') === 'application/json' ? (JSON.parse(new TextDecoder().decode(bytes)) as unknown) : undefined;
  return { status: res.status, headers: res.headers, json, bytes };
}

/** The data subject of the harness's agent and customer tokens, and of `newArtifact()`. */
export const SUBJECT = 'subject-AbC123';
export const DAY = 24 * 60 * 60 * 1000;

/** A recording of call-1 about SUBJECT, asking to be kept a day (the server's clock decides from when). */
export function newArtifact(fields: Partial<NewArtifact> = {}): NewArtifact {
  const createdAt = Date.now();
  return {
    id: `art-${crypto.randomUUID()}`,
    callId: 'call-1',
    subjectId: SUBJECT,
    kind: 'recording',
    mimeType: 'video/webm',
    createdAt,
    expiresAt: createdAt + DAY,
    consentRef: 'consent-7',
    encryption: { algorithm: 'sealcall-stream-v1/aes-256-gcm/64k', keyProviderId: 'device:default', wrappedKey: 'AQIDBA', noncePrefix: 'AAAAAAAAAA' },
    ...fields,
  };
}

/** `input` as the server stores it when begun at `now`: created then, not when the client said, and still empty unless `fields` say otherwise. */
export function stamped(input: NewArtifact, now: number, fields: Partial<ArtifactRecord> = {}): ArtifactRecord {
  return { ...input, createdAt: now, size: 0, status: 'incomplete', chunkCount: 0, ...fields };
}

export function bytes(length: number, seed = 1): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7) & 0xff);
}

/** Where the blob store keeps the chunks of artifact `id` of `tenant`. */
export function artifactDir(dir: string, id: string, tenant = 'default'): string {
  return join(dir, 'artifacts', createHash('sha256').update(`${tenant}/${id}`).digest('hex'));
}

/** Every file under `dir`, relative, sorted: to show that a request left the disk as it was. */
export async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      found.push(`${relative(dir, path)}${entry.isDirectory() ? '/' : `:${(await stat(path)).size}`}`);
      if (entry.isDirectory()) await walk(path);
    }
  };
  await walk(dir);
  return found.sort();
}

export const path = (id: string, rest = ''): string => `/v1/artifacts/${encodeURIComponent(id)}${rest}`;
