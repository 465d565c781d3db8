import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { ArtifactVault } from '../src/at-rest/artifact-vault.js';
import { DeviceKeyProvider } from '../src/at-rest/device-key-provider.js';
import { ledgerConsent, type CaptureConsentSource } from '../src/capture/consent-source.js';
import { capturePicture } from '../src/capture/picture.js';
import { encodePicture } from '../src/capture/picture-encode.js';
import { keepImageChunks } from '../src/capture/png-chunks.js';
import { storePicture } from '../src/capture/picture-store.js';
import type { CapturedPicture, PictureType, RedactionRegion } from '../src/capture/picture-types.js';
import { redactPicture } from '../src/capture/redact.js';
import { ConsentLedger } from '../src/consent/consent-ledger.js';
import { MemoryConsentStore } from '../src/consent/memory-consent-store.js';
import { MemoryStorage } from '../src/storage/memory-storage.js';
import type { NewArtifact } from '../src/storage/types.js';
import { eventually } from './helpers/media.js';
import { expectCode, streamBytes } from './helpers/expect.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';

const DAY = 24 * 60 * 60 * 1000;
const run = crypto.randomUUID();
const shown = { noticeVersion: 'v1', locale: 'en', shownText: 'Pictures: the agent may take pictures of what you show.' };



function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Deterministic noise in 0..255. */
function noise(seed: number): () => number {
  let x = seed * 2654435761;
  return () => {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return x & 0xff;
  };
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const inside = (r: Rect, x: number, y: number) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;

/** Decoded RGBA pixels of a bitmap or an encoded file, without colour conversion. */
async function pixelsOf(source: ImageBitmap | Blob): Promise<ImageData> {
  const bitmap = source instanceof Blob ? await createImageBitmap(source, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' }) : source;
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  if (source instanceof Blob) bitmap.close();
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

function luma(data: ImageData, x: number, y: number): number {
  const p = (y * data.width + x) * 4;
  return 0.299 * (data.data[p] as number) + 0.587 * (data.data[p + 1] as number) + 0.114 * (data.data[p + 2] as number);
}

function lumaIn(data: ImageData, r: Rect): number[] {
  const values: number[] = [];
  for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) values.push(luma(data, x, y));
  return values;
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const variance = (v: readonly number[]) => {
  const m = mean(v);
  return mean(v.map((x) => (x - m) ** 2));
};
function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/**
 * A 320x240 test card: a smooth gradient, with random noise in NOISE, a 4-pixel black and white
 * checkerboard in CHECKER and fine random noise in FINE, the three regions the tests redact.
 */
const CARD = { width: 320, height: 240 };
const NOISE: Rect = { x: 32, y: 32, width: 96, height: 80 };
const CHECKER: Rect = { x: 160, y: 96, width: 120, height: 100 };
const FINE: Rect = { x: 16, y: 144, width: 112, height: 80 };
const checkerWhite = (x: number, y: number) => (Math.floor((x - CHECKER.x) / 4) + Math.floor((y - CHECKER.y) / 4)) % 2 === 0;

function testCard(): ImageData {
  const image = new ImageData(CARD.width, CARD.height);
  const random = noise(7);
  for (let y = 0; y < CARD.height; y++) {
    for (let x = 0; x < CARD.width; x++) {
      const p = (y * CARD.width + x) * 4;
      let rgb = [(x * 255) / CARD.width, (y * 255) / CARD.height, 128];
      if (inside(NOISE, x, y) || inside(FINE, x, y)) rgb = [random(), random(), random()];
      else if (inside(CHECKER, x, y)) rgb = checkerWhite(x, y) ? [255, 255, 255] : [0, 0, 0];
      image.data.set([...rgb.map(Math.round), 255], p);
    }
  }
  return image;
}

async function pictureOf(image: ImageData): Promise<CapturedPicture> {
  const bitmap = await createImageBitmap(image);
  return { width: bitmap.width, height: bitmap.height, bitmap };
}

async function camera(constraints: MediaTrackConstraints = { width: 1280, height: 720 }): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: constraints });
}

async function playing(stream: MediaStream | null): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.width = 160;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
  return video;
}

/** A vault over MemoryStorage, and a consent ledger in which `subjectId` granted pictures for `callId`. */
async function setup(grant = true) {
  const storage = new MemoryStorage();
  const vault = new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ databaseName: `sealcall-picture-keys-${run}` })] });
  const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
  const callId = `call-${crypto.randomUUID()}`;
  const subjectId = 'subject-1';
  const granted = grant ? (await ledger.recordDecision({ ...shown, accepted: ['call', 'pictures'], declined: [] }, { subjectId, callId })).grant : undefined;
  const meta = { callId, subjectId, expiresAt: Date.now() + 30 * DAY };
  return { storage, vault, ledger, consent: ledgerConsent(ledger, subjectId, callId), meta, consentRef: granted?.id };
}

describe('capturePicture', () => {
  const streams: MediaStream[] = [];
  afterEach(() => {
    for (const stream of streams.splice(0)) for (const track of stream.getTracks()) track.stop();
    for (const video of document.querySelectorAll('video')) video.remove();
    sinon.restore();
  });

  it('takes a still of a camera track at the resolution the track delivers', async () => {
    const stream = await camera();
    streams.push(stream);
    const track = stream.getVideoTracks()[0] as MediaStreamTrack;
    const { width, height } = track.getSettings();
    expect([width, height]).to.deep.equal([1280, 720]);
    const picture = await capturePicture(track);
    expect([picture.width, picture.height, picture.bitmap.width, picture.bitmap.height]).to.deep.equal([width, height, width, height]);
    // Chromium's fake camera draws a pattern, Firefox's a flat colour: either way not a black frame.
    const values = lumaIn(await pixelsOf(picture.bitmap), { x: 0, y: 0, width: 1280, height: 720 });
    expect(mean(values) > 16 || variance(values) > 10, 'a real camera frame, not a blank one').to.equal(true);
    picture.bitmap.close();
  });

  it('takes a still of a <video> at its videoWidth x videoHeight, whatever its size on screen', async () => {
    const stream = await camera();
    streams.push(stream);
    const video = await playing(stream);
    const { width, height } = (stream.getVideoTracks()[0] as MediaStreamTrack).getSettings();
    expect(video.clientWidth).to.equal(160);
    const picture = await capturePicture(video);
    expect([picture.width, picture.height]).to.deep.equal([width, height]);
    expect([video.videoWidth, video.videoHeight]).to.deep.equal([width, height]);
    picture.bitmap.close();
  });

  itWithInPageCalls('takes a still of a remote video at the resolution it is received in', async () => {
    const stream = await camera();
    streams.push(stream);
    const sender = new RTCPeerConnection();
    const receiver = new RTCPeerConnection();
    try {
      sender.onicecandidate = ({ candidate }) => void (candidate && receiver.addIceCandidate(candidate));
      receiver.onicecandidate = ({ candidate }) => void (candidate && sender.addIceCandidate(candidate));
      const remote = new Promise<MediaStreamTrack>((resolve) => (receiver.ontrack = ({ track }) => resolve(track)));
      // Without this the encoder starts small and takes seconds to ramp up to 1280x720.
      const rtpSender = sender.addTrack(stream.getVideoTracks()[0] as MediaStreamTrack, stream);
      await rtpSender.setParameters({ ...rtpSender.getParameters(), degradationPreference: 'maintain-resolution' });
      await sender.setLocalDescription();
      await receiver.setRemoteDescription(sender.localDescription as RTCSessionDescription);
      await receiver.setLocalDescription();
      await sender.setRemoteDescription(receiver.localDescription as RTCSessionDescription);
      const track = await remote;
      const video = await playing(new MediaStream([track]));
      await eventually(() => video.videoWidth === 1280, 'the received video to ramp up to 1280x720', 20_000);
      const fromVideo = await capturePicture(video);
      const fromTrack = await capturePicture(track);
      expect([fromVideo.width, fromVideo.height]).to.deep.equal([1280, 720]);
      expect([fromTrack.width, fromTrack.height]).to.deep.equal([1280, 720]);
      fromVideo.bitmap.close();
      fromTrack.bitmap.close();
    } finally {
      sender.close();
      receiver.close();
    }
  });

  it('takes a still of a track through a <video> where the browser has no ImageCapture', async () => {
    const stream = await camera({ width: 640, height: 480 });
    streams.push(stream);
    // Firefox has no ImageCapture at all; in Chromium it is hidden for the test.
    const original = Object.getOwnPropertyDescriptor(window, 'ImageCapture');
    const grab = original ? sinon.spy(ImageCapture.prototype as unknown as { grabFrame(): Promise<ImageBitmap> }, 'grabFrame') : undefined;
    if (original) Object.defineProperty(window, 'ImageCapture', { value: undefined, configurable: true, writable: true });
    try {
      const picture = await capturePicture(stream.getVideoTracks()[0] as MediaStreamTrack);
      expect([picture.width, picture.height]).to.deep.equal([640, 480]);
      picture.bitmap.close();
    } finally {
      if (original) Object.defineProperty(window, 'ImageCapture', original);
    }
    expect(grab?.called ?? false).to.equal(false);
  });

  it('refuses a <video> with no frame, an ended track, and a video showing an ended track (CAPTURE_UNAVAILABLE)', async () => {
    const empty = document.createElement('video');
    await expectCode(() => capturePicture(empty), 'CAPTURE_UNAVAILABLE');

    const stream = await camera({ width: 320, height: 240 });
    streams.push(stream);
    const video = await playing(stream);
    const track = stream.getVideoTracks()[0] as MediaStreamTrack;
    track.stop();
    await expectCode(() => capturePicture(track), 'CAPTURE_UNAVAILABLE');
    const error = await expectCode(() => capturePicture(video), 'CAPTURE_UNAVAILABLE');
    expect(error.message).to.match(/ended/);
  });

  it('refuses a disabled track (its frames are black) and anything that is not a video source', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: true });
    streams.push(stream);
    const video = stream.getVideoTracks()[0] as MediaStreamTrack;
    video.enabled = false;
    await expectCode(() => capturePicture(video), 'CAPTURE_UNAVAILABLE');
    await expectCode(() => capturePicture(stream.getAudioTracks()[0] as MediaStreamTrack), 'INVALID_ARGUMENT');
    await expectCode(() => capturePicture(document.createElement('canvas') as unknown as HTMLVideoElement), 'INVALID_ARGUMENT');
  });
});

/** Offset and marker byte of each segment before the image data (up to SOS). */
function jpegSegments(bytes: Uint8Array): Array<[number, number]> {
  expect([bytes[0], bytes[1]], 'SOI').to.deep.equal([0xff, 0xd8]);
  const segments: Array<[number, number]> = [];
  for (let i = 2; i + 4 <= bytes.length; ) {
    expect(bytes[i], `a marker at ${i}`).to.equal(0xff);
    const marker = bytes[i + 1] as number;
    segments.push([i, marker]);
    if (marker === 0xda) return segments;
    i += 2 + (((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number));
  }
  expect.fail('no SOS segment');
}

const jpegMarkers = (bytes: Uint8Array) => jpegSegments(bytes).map(([, marker]) => marker);

function pngChunks(bytes: Uint8Array): string[] {
  expect([...bytes.subarray(0, 8)], 'PNG signature').to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  for (let i = 8; i + 12 <= bytes.length; ) {
    const length = view.getUint32(i);
    chunks.push(String.fromCharCode(...bytes.subarray(i + 4, i + 8)));
    i += 12 + length;
  }
  expect(chunks.at(-1)).to.equal('IEND');
  return chunks;
}

describe('encodePicture', () => {
  let picture: CapturedPicture;
  let stream: MediaStream;
  before(async () => {
    stream = await camera();
    picture = await capturePicture(stream.getVideoTracks()[0] as MediaStreamTrack);
  });
  after(() => {
    picture.bitmap.close();
    for (const track of stream.getTracks()) track.stop();
  });

  it('writes a JPEG with no EXIF, XMP, comment or any APPn segment but JFIF', async () => {
    const blob = await encodePicture(picture, { type: 'image/jpeg', quality: 0.9 });
    expect(blob.type).to.equal('image/jpeg');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const markers = jpegMarkers(bytes);
    const appOrComment = markers.filter((m) => (m >= 0xe0 && m <= 0xef) || m === 0xfe);
    expect(appOrComment.filter((m) => m !== 0xe2).map((m) => m.toString(16)), 'APP0 (JFIF), and APP2 for a colour profile').to.deep.equal(['e0']);
    for (const [offset, marker] of jpegSegments(bytes)) {
      if (marker === 0xe2) expect(String.fromCharCode(...bytes.subarray(offset + 4, offset + 15)), 'the APP2 segment').to.equal('ICC_PROFILE');
    }
    for (const text of ['Exif', 'http://ns.adobe.com/xap', 'GPS']) expect(indexOf(bytes, new TextEncoder().encode(text)), text).to.equal(-1);
    const decoded = await createImageBitmap(blob);
    expect([decoded.width, decoded.height]).to.deep.equal([1280, 720]);
    decoded.close();
  });

  it('keeps only the image and colour chunks of a PNG, whatever the encoder added', async () => {
    const encoded = new Uint8Array(await (await encodePicture(picture, { type: 'image/png' })).arrayBuffer());
    // A tEXt chunk ("Author", a name) and a private one, spliced in after IHDR.
    const chunk = (type: string, data: Uint8Array) => {
      const out = new Uint8Array(12 + data.length);
      new DataView(out.buffer).setUint32(0, data.length);
      out.set(new TextEncoder().encode(type), 4);
      out.set(data, 8);
      return out;
    };
    const afterHeader = 8 + 25;
    const tampered = new Uint8Array([
      ...encoded.subarray(0, afterHeader),
      ...chunk('tEXt', new TextEncoder().encode('Author\0Jane Doe')),
      ...chunk('deBG', new TextEncoder().encode('5C17101E572FA8E9')),
      ...encoded.subarray(afterHeader),
    ]);
    const cleaned = keepImageChunks(tampered);
    expect(pngChunks(cleaned).filter((c) => c === 'tEXt' || c === 'deBG')).to.deep.equal([]);
    expect(cleaned).to.deep.equal(encoded);
    const decoded = await createImageBitmap(new Blob([cleaned], { type: 'image/png' }));
    expect([decoded.width, decoded.height]).to.deep.equal([1280, 720]);
    decoded.close();
  });

  it('writes a PNG with no eXIf, text or time chunk', async () => {
    const blob = await encodePicture(picture, { type: 'image/png' });
    expect(blob.type).to.equal('image/png');
    const chunks = pngChunks(new Uint8Array(await blob.arrayBuffer()));
    const ancillary = chunks.filter((c) => !['IHDR', 'IDAT', 'IEND'].includes(c));
    expect(ancillary.filter((c) => ['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME'].includes(c))).to.deep.equal([]);
    expect(ancillary.every((c) => ['sRGB', 'gAMA', 'cHRM', 'iCCP', 'pHYs'].includes(c)), `only colour chunks, got ${ancillary.join()}`).to.equal(true);
  });

  it('defaults to JPEG and refuses other types, bad qualities and closed bitmaps', async () => {
    expect((await encodePicture(picture)).type).to.equal('image/jpeg');
    await expectCode(() => encodePicture(picture, { type: 'image/webp' as PictureType }), 'INVALID_ARGUMENT');
    await expectCode(() => encodePicture(picture, { quality: 1.5 }), 'INVALID_ARGUMENT');
    await expectCode(() => encodePicture(picture, { quality: Number.NaN }), 'INVALID_ARGUMENT');
    const closed = await pictureOf(new ImageData(4, 4));
    closed.bitmap.close();
    await expectCode(() => encodePicture(closed), 'INVALID_STATE');
  });
});

describe('redactPicture', () => {
  it('refuses malformed regions and regions outside the picture (INVALID_ARGUMENT)', async () => {
    const picture = await pictureOf(testCard());
    const bad: unknown[] = [
      { x: 0, y: 0, width: -10, height: 10 },
      { x: 0, y: 0, width: 0, height: 10 },
      { x: Number.NaN, y: 0, width: 10, height: 10 },
      { x: 0, y: 0, width: 10, height: Infinity },
      { x: 320, y: 0, width: 10, height: 10 },
      { x: -20, y: -20, width: 10, height: 10 },
      { x: 0, y: 0, width: 10, height: 10, style: 'pink' },
      { x: '0', y: 0, width: 10, height: 10 },
      null,
    ];
    for (const region of bad) {
      const error = await expectCode(() => redactPicture(picture, [region as RedactionRegion]), 'INVALID_ARGUMENT');
      expect(error.message).to.match(/^"regions\[0\]/);
    }
    await expectCode(() => redactPicture(picture, 'all' as unknown as RedactionRegion[]), 'INVALID_ARGUMENT');
    picture.bitmap.close();
  });

  it('clamps a region partly outside the picture and widens fractional edges to whole pixels', async () => {
    const card = testCard();
    const picture = await pictureOf(card);
    const redacted = await redactPicture(picture, [
      { x: -10, y: -10, width: 20, height: 15 },
      { x: 300.5, y: 230.2, width: 100, height: 100 },
    ]);
    const out = await pixelsOf(redacted.bitmap);
    const black: Rect[] = [
      { x: 0, y: 0, width: 10, height: 5 },
      { x: 300, y: 230, width: 20, height: 10 },
    ];
    for (let y = 0; y < CARD.height; y++) {
      for (let x = 0; x < CARD.width; x++) {
        const p = (y * CARD.width + x) * 4;
        const expected = black.some((r) => inside(r, x, y)) ? [0, 0, 0, 255] : [...card.data.subarray(p, p + 4)];
        if (String([...out.data.subarray(p, p + 4)]) !== String(expected)) expect.fail(`pixel ${x},${y}: ${[...out.data.subarray(p, p + 4)]}, expected ${expected}`);
      }
    }
    const original = await pixelsOf(picture.bitmap);
    expect(original.data, 'the given picture is unchanged').to.deep.equal(card.data);
    picture.bitmap.close();
    redacted.bitmap.close();
  });
});

describe('storePicture', () => {
  afterEach(() => sinon.restore());

  async function storeAndReadBack(type: PictureType) {
    const { storage, vault, consent, meta, consentRef } = await setup();
    const card = testCard();
    const picture = await pictureOf(card);
    const redactions: RedactionRegion[] = [
      { ...NOISE, style: 'black' },
      { ...CHECKER, style: 'blur' },
      { ...FINE, style: 'blur' },
    ];
    const metadata = await storePicture({ vault, consent, picture, redactions, type, meta: { ...meta, id: `picture-${crypto.randomUUID()}` } });
    picture.bitmap.close();
    const { metadata: read, stream } = await vault.read(metadata.id);
    const plaintext = await streamBytes(stream);
    return { storage, card, metadata, read, plaintext, consentRef, out: await pixelsOf(new Blob([plaintext as BlobPart], { type })) };
  }

  it('stores a redacted PNG, encrypted, under the pictures consent; black is black, blur keeps no detail, the rest is untouched', async () => {
    const { card, metadata, read, plaintext, consentRef, out } = await storeAndReadBack('image/png');
    expect(metadata).to.include({ kind: 'picture', mimeType: 'image/png', consentRef, status: 'complete' });
    expect(read).to.deep.equal(metadata);
    expect(pngChunks(plaintext)).to.include('IDAT');
    expect([out.width, out.height]).to.deep.equal([CARD.width, CARD.height]);

    for (let y = 0; y < CARD.height; y++) {
      for (let x = 0; x < CARD.width; x++) {
        const p = (y * CARD.width + x) * 4;
        const got = String([...out.data.subarray(p, p + 4)]);
        if (inside(NOISE, x, y)) {
          if (got !== '0,0,0,255') expect.fail(`black region pixel ${x},${y} is ${got}`);
        } else if (!inside(CHECKER, x, y) && !inside(FINE, x, y)) {
          const expected = String([...card.data.subarray(p, p + 4)]);
          if (got !== expected) expect.fail(`pixel ${x},${y} outside the regions changed: ${got}, was ${expected}`);
        }
      }
    }

    const before = lumaIn(card, CHECKER);
    const after = lumaIn(out, CHECKER);
    expect(variance(after) / variance(before), 'variance left in the checkerboard').to.be.below(0.1);
    const white: number[] = [];
    const black: number[] = [];
    for (let y = CHECKER.y; y < CHECKER.y + CHECKER.height; y++) {
      for (let x = CHECKER.x; x < CHECKER.x + CHECKER.width; x++) (checkerWhite(x, y) ? white : black).push(luma(out, x, y));
    }
    expect(Math.abs(mean(white) - mean(black)), 'white and black checker cells told apart (was 255)').to.be.below(3);
    expect(Math.abs(correlation(before, after)), 'correlation with the checkerboard').to.be.below(0.05);

    const fineBefore = lumaIn(card, FINE);
    const fineAfter = lumaIn(out, FINE);
    expect(variance(fineAfter) / variance(fineBefore), 'variance left in the noise').to.be.below(0.1);
    expect(Math.abs(correlation(fineBefore, fineAfter)), 'correlation with the noise').to.be.below(0.1);
  });

  it('stores a redacted JPEG whose black region decodes (near) black', async () => {
    const { metadata, plaintext, out } = await storeAndReadBack('image/jpeg');
    expect(metadata.mimeType).to.equal('image/jpeg');
    expect(jpegMarkers(plaintext)).to.not.include(0xe1);
    // JPEG rings next to sharp edges: the black region is checked 8 pixels (one DCT block) in from them.
    let brightest = 0;
    for (let y = NOISE.y + 8; y < NOISE.y + NOISE.height - 8; y++) {
      for (let x = NOISE.x + 8; x < NOISE.x + NOISE.width - 8; x++) {
        const p = (y * out.width + x) * 4;
        brightest = Math.max(brightest, out.data[p] as number, out.data[p + 1] as number, out.data[p + 2] as number);
      }
    }
    expect(brightest, 'brightest channel inside the black region').to.be.at.most(8);
    expect(mean(lumaIn(out, NOISE)), 'mean brightness of the whole black region').to.be.below(4);
  });

  it('keeps only ciphertext in the storage: no 16-byte window of the PNG appears in it', async () => {
    const { storage, metadata, plaintext } = await storeAndReadBack('image/png');
    const raw = await streamBytes(await storage.getContent(metadata.id));
    expect(raw.length).to.be.greaterThan(plaintext.length);
    for (let offset = 0; offset + 16 <= plaintext.length; offset += 997) {
      expect(indexOf(raw, plaintext.subarray(offset, offset + 16)), `the PNG's bytes at ${offset}`).to.equal(-1);
    }
  });

  it('without the pictures consent rejects CONSENT_REQUIRED before encoding anything, and stores nothing', async () => {
    const { storage, vault, consent, meta } = await setup(false);
    const encode = sinon.spy(OffscreenCanvas.prototype, 'convertToBlob');
    const write = sinon.spy(vault, 'write');
    const picture = await pictureOf(testCard());
    await expectCode(() => storePicture({ vault, consent, picture, redactions: [{ ...NOISE }], meta }), 'CONSENT_REQUIRED');
    expect(encode.called).to.equal(false);
    expect(write.called).to.equal(false);
    expect(await storage.listByCall(meta.callId)).to.deep.equal([]);
    picture.bitmap.close();
  });

  it('takes a consent source that fails for CONSENT_REQUIRED too', async () => {
    const { storage, vault, meta } = await setup(false);
    const broken: CaptureConsentSource = { require: () => Promise.reject(new Error('offline')), onWithdrawn: () => () => undefined };
    const picture = await pictureOf(testCard());
    const error = await expectCode(() => storePicture({ vault, consent: broken, picture, meta }), 'CONSENT_REQUIRED');
    expect((error.cause as Error).message).to.equal('offline');
    expect(await storage.listByCall(meta.callId)).to.deep.equal([]);
    picture.bitmap.close();
  });

  it('aborts, storing nothing, when the consent is withdrawn while the picture is stored', async () => {
    const { ledger, consent, meta } = await setup();
    class WithdrawingStorage extends MemoryStorage {
      override async beginArtifact(artifact: NewArtifact) {
        const writer = await super.beginArtifact(artifact);
        await ledger.withdraw(['pictures'], shown, { subjectId: meta.subjectId, callId: meta.callId });
        return writer;
      }
    }
    const storage = new WithdrawingStorage();
    const vault = new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ databaseName: `sealcall-picture-keys-${run}` })] });
    const picture = await pictureOf(testCard());
    await expectCode(() => storePicture({ vault, consent, picture, type: 'image/png', meta }), 'CONSENT_REQUIRED');
    expect(await storage.listByCall(meta.callId)).to.deep.equal([]);
    picture.bitmap.close();
  });

  it('aborts, storing nothing, when the storage fails part-way, and rethrows its error', async () => {
    const { consent, meta } = await setup();
    const storage = new MemoryStorage({ quotaBytes: 70_000 });
    const vault = new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ databaseName: `sealcall-picture-keys-${run}` })] });
    const random = noise(3);
    const picture = await pictureOf(new ImageData(Uint8ClampedArray.from({ length: 256 * 256 * 4 }, (_, i) => (i % 4 === 3 ? 255 : random())), 256, 256));
    const abort = sinon.spy();
    const write = vault.write.bind(vault);
    sinon.stub(vault, 'write').callsFake(async (options) => {
      const writer = await write(options);
      return { id: writer.id, write: (bytes) => writer.write(bytes), close: () => writer.close(), abort: () => (abort(), writer.abort()) };
    });
    const begun = sinon.spy(storage, 'beginArtifact');
    await expectCode(() => storePicture({ vault, consent, picture, type: 'image/png', meta }), 'STORAGE_QUOTA_EXCEEDED');
    expect(begun.calledOnce, 'the artifact was begun before the failure').to.equal(true);
    expect(abort.calledOnce).to.equal(true);
    expect(await storage.listByCall(meta.callId)).to.deep.equal([]);
    picture.bitmap.close();
  });

  it('checks its arguments before asking for consent (INVALID_ARGUMENT)', async () => {
    const { vault, consent, meta } = await setup();
    const require = sinon.spy(consent, 'require');
    const picture = await pictureOf(testCard());
    await expectCode(() => storePicture({ vault, consent, picture, redactions: [{ x: 0, y: 0, width: Number.NaN, height: 1 }], meta }), 'INVALID_ARGUMENT');
    await expectCode(() => storePicture({ vault, consent, picture, type: 'image/gif' as PictureType, meta }), 'INVALID_ARGUMENT');
    await expectCode(() => storePicture({ vault: {} as ArtifactVault, consent, picture, meta }), 'INVALID_ARGUMENT');
    expect(require.called).to.equal(false);
    picture.bitmap.close();
  });
});
