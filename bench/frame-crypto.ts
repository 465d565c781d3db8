import { SFrameContext, type CipherSuiteId } from '@sealcall/sframe';

export interface FrameCryptoResult {
  suite: CipherSuiteId;
  backend: 'webcrypto' | 'reference';
  bytes: number;
  /** Median time for one encrypt and one decrypt of a frame of this size, in microseconds. */
  medianUs: number;
}

async function measure(suite: CipherSuiteId, backend: 'webcrypto' | 'reference', bytes: number, runs: number): Promise<FrameCryptoResult> {
  const sender = new SFrameContext({ suite, backend });
  const receiver = new SFrameContext({ suite, backend, replayWindow: 65536 });
  const key = crypto.getRandomValues(new Uint8Array(32));
  await sender.setSendKey(1, key);
  await receiver.addReceiveKey(1, key);
  const frame = crypto.getRandomValues(new Uint8Array(Math.min(bytes, 65536)));
  const payload = bytes > 65536 ? new Uint8Array(bytes).map((_, i) => frame[i % frame.length]!) : frame;
  for (let i = 0; i < 5; i++) await receiver.decrypt(await sender.encrypt(payload));
  // Timers in a page are coarse (100 us without cross-origin isolation): time batches of 10.
  const batch = 10;
  const times: number[] = [];
  for (let i = 0; i < runs / batch; i++) {
    const start = performance.now();
    for (let j = 0; j < batch; j++) await receiver.decrypt(await sender.encrypt(payload));
    times.push(((performance.now() - start) * 1000) / batch);
  }
  times.sort((a, b) => a - b);
  return { suite, backend, bytes, medianUs: Math.round(times[times.length >> 1]!) };
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
