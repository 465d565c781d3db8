import { ArtifactVault, HttpStorage, IndexedDBStorage, type StorageAdapter } from '@sealcall/sdk';

export interface ArtifactStoreTarget {
  readonly kind: 'indexeddb' | 'http';
  /** For `http`: the reference server and a storage token for the call. */
  readonly baseUrl?: string;
  readonly token?: string;
  readonly callId: string;
}

export interface ArtifactStoreResult {
  readonly bytes: number;
  readonly ms: number;
}

/** MediaRecorder-sized pieces: a 2-second chunk of a ~1 Mbit/s recording. */
const PIECE_BYTES = 256 * 1024;
/** Every this many bytes the page waits for Node to sample its heap. */
const SAMPLE_EVERY = 10 * 1024 * 1024;

/** The raw anchor's requests: large, so that the floor is the loopback and the disk, not the requests. */
const RAW_REQUEST_BYTES = 4 * 1024 * 1024;

declare global {
  interface Window {
    sealcallArtifactStore: typeof storeRecording;
    sealcallRawHttp: typeof rawHttp;
    /** Exposed by scripts/bench.mjs: samples the page's JS heap (CDP) at this many bytes written. */
    benchHeapSample(bytesWritten: number): Promise<void>;
  }
}

function storage(target: ArtifactStoreTarget): StorageAdapter {
  if (target.kind === 'indexeddb') return new IndexedDBStorage({ name: `bench-${target.callId}` });
  return new HttpStorage({ baseUrl: target.baseUrl!, token: target.token!, region: 'eu-west' });
}

/** Pieces handed over before the first of them is stored: 8 MiB, the vault writer's own limit. */
const PIECES_IN_FLIGHT = 32;

/**
 * Encrypts and stores `totalBytes` of a "recording" through ArtifactVault, piece by piece as a
 * MediaRecorder would hand them over, without waiting for each to be stored (up to 32 pieces
 * ahead, each in a buffer of its own until its write settles), and reads nothing back. The
 * pieces are generated as they go, so the page never holds more than those 32.
 */
async function storeRecording(target: ArtifactStoreTarget, totalBytes: number): Promise<ArtifactStoreResult> {
  const vault = new ArtifactVault({ storage: storage(target) });
  const pieces = Array.from({ length: PIECES_IN_FLIGHT }, () => new Uint8Array(PIECE_BYTES));
  const writes: Promise<void>[] = [];
  const start = performance.now();
  const writer = await vault.write({
    meta: { callId: target.callId, subjectId: 'bench-subject', kind: 'recording', mimeType: 'video/webm', expiresAt: Date.now() + 86_400_000, consentRef: 'bench-consent' },
  });
  let written = 0;
  let nextSample = SAMPLE_EVERY;
  let sampling = 0;
  while (written < totalBytes) {
    const size = Math.min(PIECE_BYTES, totalBytes - written);
    // The piece this one reuses must be stored first.
    if (writes.length >= PIECES_IN_FLIGHT) await writes[writes.length - PIECES_IN_FLIGHT];
    const piece = pieces[writes.length % PIECES_IN_FLIGHT] as Uint8Array;
    crypto.getRandomValues(piece.subarray(0, Math.min(size, 65536)));
    writes.push(writer.write(piece.subarray(0, size)));
    written += size;
    if (written >= nextSample) {
      const before = performance.now();
      await window.benchHeapSample(written);
      sampling += performance.now() - before;
      nextSample += SAMPLE_EVERY;
    }
  }
  await Promise.all(writes);
  await writer.close();
  const ms = performance.now() - start - sampling;
  await vault.erase(writer.id);
  return { bytes: written, ms };
}

/**
 * The anchor of HTTP storage: the same number of bytes PUT in 4 MiB requests, one after the
 * other, to `url` (scripts/bench.mjs's bare sink, which answers once a request is on disk).
 * No encryption, no vault, no storage protocol. As Blobs: Chromium 156 uploads a typed array
 * about five times slower.
 */
async function rawHttp(url: string, totalBytes: number): Promise<ArtifactStoreResult> {
  const body = new Uint8Array(RAW_REQUEST_BYTES);
  crypto.getRandomValues(body.subarray(0, 65536));
  const start = performance.now();
  let written = 0;
  for (let request = 0; written < totalBytes; request++) {
    const size = Math.min(RAW_REQUEST_BYTES, totalBytes - written);
    const response = await fetch(`${url}/${request}`, { method: 'PUT', body: new Blob([body.subarray(0, size)]) });
    if (!response.ok) throw new Error(`The raw sink answered ${response.status}.`);
    written += size;
  }
  return { bytes: written, ms: performance.now() - start };
}

window.sealcallArtifactStore = storeRecording;
window.sealcallRawHttp = rawHttp;
