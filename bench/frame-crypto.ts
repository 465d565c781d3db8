import { SFrameContext, type CipherSuiteId } from '@sealcall/sframe';
import { FrameCryptor } from '../packages/sdk/src/e2ee/worker/frame-cryptor.js';

export interface FrameCryptoResult {
  suite: CipherSuiteId;
  /** `worker`: the E2EE worker's frame path (FrameCryptor), on a VP8 key frame whose 10-byte header stays clear. */
  backend: 'webcrypto' | 'reference' | 'worker';
  bytes: number;
  /** Median time for one encrypt and one decrypt of a frame of this size, in microseconds. */
  medianUs: number;
  /**
   * The anchor, for AES_128_GCM_SHA256_128 on WebCrypto: one bare WebCrypto AES-128-GCM
   * encrypt and decrypt of the same bytes, timed in batches interleaved with SFrame's.
   */
  anchorUs?: number;
  /**
   * For the worker's path: the anchor plus the two frame-sized copies the frame layout needs and
   * WebCrypto cannot spare (it returns a new buffer each time): the SFrame header in front of the
   * ciphertext on sending, the clear VP8 header in front of the plaintext on receiving. What the
   * path would cost with no code of its own, timed in the same batches' turns.
   */
  floorUs?: number;
  /** The anchor plus the sending copy alone: the least any RFC 9605 frame path on WebCrypto pays. */
  sendCopyFloorUs?: number;
}

// Timers in a page are coarse (100 us without cross-origin isolation): time batches, 20 of them
// per measurement, of up to 50 frames (a step of 2 us).
const BATCHES = 20;

async function timeBatch(run: () => Promise<unknown>, batch: number): Promise<number> {
  const start = performance.now();
  for (let j = 0; j < batch; j++) await run();
  return ((performance.now() - start) * 1000) / batch;
}

const median = (times: number[]) => Math.round([...times].sort((a, b) => a - b)[times.length >> 1]!);

/** A fresh AES-128-GCM key, and the parameters of its next encryption: a new IV each time. */
async function aesGcmKey(): Promise<{ key: CryptoKey; next: () => AesGcmParams }> {
  const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(16)), 'AES-GCM', false, ['encrypt', 'decrypt']);
  let counter = 0;
  return {
    key,
    next: () => {
      const iv = new Uint8Array(12);
      new DataView(iv.buffer).setUint32(8, ++counter);
      return { name: 'AES-GCM', iv };
    },
  };
}

/** One bare WebCrypto AES-128-GCM encrypt and decrypt, with a fresh IV each time. */
async function bareAesGcm(): Promise<(payload: Uint8Array<ArrayBuffer>) => Promise<unknown>> {
  const { key, next } = await aesGcmKey();
  return async (payload) => {
    const params = next();
    return crypto.subtle.decrypt(params, key, await crypto.subtle.encrypt(params, key, payload));
  };
}

/**
 * `bare`, plus the copies a frame layout needs: `header` bytes in front of the ciphertext, and,
 * unless `prefix` is 0, `prefix` bytes in front of the plaintext.
 */
async function bareAesGcmWithCopies(header: number, prefix: number): Promise<(payload: Uint8Array<ArrayBuffer>) => Promise<unknown>> {
  const { key, next } = await aesGcmKey();
  const behind = (bytes: ArrayBuffer, before: number) => {
    const out = new Uint8Array(before + bytes.byteLength);
    out.set(new Uint8Array(bytes), before);
    return out;
  };
  return async (payload) => {
    const params = next();
    const frame = behind(await crypto.subtle.encrypt(params, key, payload), header);
    const plaintext = await crypto.subtle.decrypt(params, key, frame.subarray(header));
    return prefix > 0 ? behind(plaintext, prefix) : plaintext;
  };
}

function randomPayload(bytes: number): Uint8Array<ArrayBuffer> {
  const frame = crypto.getRandomValues(new Uint8Array(Math.min(bytes, 65536)));
  return bytes > 65536 ? new Uint8Array(bytes).map((_, i) => frame[i % frame.length]!) : frame;
}

/** One frame encrypted and decrypted: through SFrameContext, or through two FrameCryptors as two workers would. */
async function roundTrip(suite: CipherSuiteId, backend: FrameCryptoResult['backend'], payload: Uint8Array<ArrayBuffer>): Promise<() => Promise<unknown>> {
  const key = crypto.getRandomValues(new Uint8Array(32));
  if (backend === 'worker') {
    const events = { drop: () => undefined, decrypted: () => undefined, keyFrameNeeded: () => undefined, keyInvalid: () => undefined };
    const options = { suite, graceMs: 1000, ratchetWindow: 8, failureTolerance: 10, probeIntervalMs: 500 };
    const [sender, receiver] = [new FrameCryptor(options, events), new FrameCryptor(options, events)];
    const other = crypto.getRandomValues(new Uint8Array(32));
    await sender.setKeys({ sendKid: 0, sendKey: key.slice(), receiveKid: 1, receiveKey: other.slice() });
    await receiver.setKeys({ sendKid: 1, sendKey: other.slice(), receiveKid: 0, receiveKey: key.slice() });
    payload[0] = payload[0]! & 0xfe;
    const kind = { media: 'video', codec: 'vp8' } as const;
    return async () => receiver.decrypt((await sender.encrypt(payload.buffer, kind))!, kind);
  }
  const sender = new SFrameContext({ suite, backend });
  const receiver = new SFrameContext({ suite, backend, replayWindow: 65536 });
  await sender.setSendKey(1, key);
  await receiver.addReceiveKey(1, key);
  return async () => receiver.decrypt(await sender.encrypt(payload));
}

async function measure(suite: CipherSuiteId, backend: FrameCryptoResult['backend'], bytes: number, runs: number): Promise<FrameCryptoResult> {
  const payload = randomPayload(bytes);
  const sframe = await roundTrip(suite, backend, payload);
  const anchored = suite === 4 && backend !== 'reference';
  const bare = anchored ? await bareAesGcm() : undefined;
  // A VP8 key frame keeps 10 bytes clear; the SFrame header of a small KID and CTR is 1 to 3 bytes.
  const floor = backend === 'worker' ? await bareAesGcmWithCopies(3, 10) : undefined;
  const sendCopyFloor = backend === 'worker' ? await bareAesGcmWithCopies(3, 0) : undefined;
  for (let i = 0; i < 5; i++) await sframe();
  const times: number[] = [];
  const anchors: number[] = [];
  const floors: number[] = [];
  const sendCopyFloors: number[] = [];
  const batch = Math.max(1, Math.round(runs / BATCHES));
  for (let i = 0; i < BATCHES; i++) {
    times.push(await timeBatch(sframe, batch));
    if (bare) anchors.push(await timeBatch(() => bare(payload), batch));
    if (floor) floors.push(await timeBatch(() => floor(payload), batch));
    if (sendCopyFloor) sendCopyFloors.push(await timeBatch(() => sendCopyFloor(payload), batch));
  }
  return { suite, backend, bytes, medianUs: median(times), ...(bare ? { anchorUs: median(anchors) } : {}), ...(floor ? { floorUs: median(floors), sendCopyFloorUs: median(sendCopyFloors) } : {}) };
}

/** Per-frame SFrame cost, as the E2EE worker pays it, for typical audio and video frame sizes. */
async function frameCrypto(): Promise<FrameCryptoResult[]> {
  const results: FrameCryptoResult[] = [];
  for (const [suite, backend] of [[4, 'webcrypto'], [4, 'worker'], [1, 'webcrypto'], [4, 'reference']] as const) {
    for (const bytes of [100, 1024, 10 * 1024, 50 * 1024, 200 * 1024]) {
      results.push(await measure(suite, backend, bytes, backend === 'reference' ? (bytes > 20_000 ? 40 : 200) : 1000));
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
