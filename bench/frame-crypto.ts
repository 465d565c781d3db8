import { SFrameContext, type CipherSuiteId } from '@sealcall/sframe';

export interface FrameCryptoResult {
  suite: CipherSuiteId;
  backend: 'webcrypto' | 'reference';
  bytes: number;
  /** Median time for one encrypt and one decrypt of a frame of this size, in microseconds. */
  medianUs: number;
  /**
   * The anchor, for AES_128_GCM_SHA256_128 on WebCrypto: one bare WebCrypto AES-128-GCM
   * encrypt and decrypt of the same bytes, timed in batches interleaved with SFrame's.
   */
  anchorUs?: number;
}

// Timers in a page are coarse (100 us without cross-origin isolation): time batches of 10.
const BATCH = 10;

async function timeBatch(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let j = 0; j < BATCH; j++) await run();
  return ((performance.now() - start) * 1000) / BATCH;
}

const median = (times: number[]) => Math.round([...times].sort((a, b) => a - b)[times.length >> 1]!);

/** One bare WebCrypto AES-128-GCM encrypt and decrypt, with a fresh IV each time. */
async function bareAesGcm(): Promise<(payload: Uint8Array<ArrayBuffer>) => Promise<unknown>> {
  const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(16)), 'AES-GCM', false, ['encrypt', 'decrypt']);
  let counter = 0;
  return async (payload) => {
    const iv = new Uint8Array(12);
    new DataView(iv.buffer).setUint32(8, ++counter);
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, payload);
    return crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed);
  };
}

async function measure(suite: CipherSuiteId, backend: 'webcrypto' | 'reference', bytes: number, runs: number): Promise<FrameCryptoResult> {
  const sender = new SFrameContext({ suite, backend });
  const receiver = new SFrameContext({ suite, backend, replayWindow: 65536 });
  const key = crypto.getRandomValues(new Uint8Array(32));
  await sender.setSendKey(1, key);
  await receiver.addReceiveKey(1, key);
  const frame = crypto.getRandomValues(new Uint8Array(Math.min(bytes, 65536)));
  const payload = bytes > 65536 ? new Uint8Array(bytes).map((_, i) => frame[i % frame.length]!) : frame;
  const sframe = async () => receiver.decrypt(await sender.encrypt(payload));
  const anchored = suite === 4 && backend === 'webcrypto';
  const bare = anchored ? await bareAesGcm() : undefined;
  for (let i = 0; i < 5; i++) await sframe();
  const times: number[] = [];
  const anchors: number[] = [];
  for (let i = 0; i < runs / BATCH; i++) {
    times.push(await timeBatch(sframe));
    if (bare) anchors.push(await timeBatch(() => bare(payload)));
  }
  return { suite, backend, bytes, medianUs: median(times), ...(bare ? { anchorUs: median(anchors) } : {}) };
}

/** Per-frame SFrame cost, as the E2EE worker pays it, for typical audio and video frame sizes. */
async function frameCrypto(): Promise<FrameCryptoResult[]> {
  const results: FrameCryptoResult[] = [];
  for (const [suite, backend] of [[4, 'webcrypto'], [1, 'webcrypto'], [4, 'reference']] as const) {
    for (const bytes of [100, 1024, 10 * 1024, 50 * 1024, 200 * 1024]) {
      results.push(await measure(suite, backend, bytes, bytes > 20_000 && backend === 'reference' ? 30 : 200));
    }
  }
  return results;
}

declare global {
  interface Window {
    sealcallFrameCrypto: typeof frameCrypto;
  }
}
window.sealcallFrameCrypto = frameCrypto;
