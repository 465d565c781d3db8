// A page that joins one side of a call through the reference server, for tests and benchmarks
// that put the two sides in different browsers (cross-browser.node.test.ts, scripts/bench.mjs).
// Node drives it with page.evaluate(); everything it returns is plain JSON.
import { CallSession, WebSocketSignaling, type E2EEStatus, type Role } from '../../src/index.js';
import { fromBase64Url } from '../../src/internal/bytes.js';

export interface JoinOptions {
  url: string;
  room: string;
  role: Role;
  token: string;
  /** The call secret, base64url. */
  secret: string;
}

export interface CallProbe {
  state: string;
  e2ee: Pick<E2EEStatus, 'state' | 'sendKid' | 'interference'> & { sas?: string };
  /** Decoded remote video frames (inbound-rtp `framesDecoded`). */
  framesDecoded: number;
  /** Remote audio samples really decoded (received less concealed). */
  audioSamples: number;
  decrypted: number;
  authFailures: number;
  /** Milliseconds from join() to the first presented remote frame, once there was one. */
  firstFrameMs?: number;
}

let session: CallSession | undefined;
let firstFrameMs: number | undefined;
/** The other side's chat messages, as they arrived. */
let chatReceived: string[] = [];

async function join(options: JoinOptions): Promise<void> {
  const secret = fromBase64Url(options.secret);
  if (!secret) throw new Error('The call secret is not base64url.');
  const signaling = new WebSocketSignaling({ url: options.url, room: options.room, role: options.role, token: options.token, reconnect: { initialDelayMs: 100, maxDelayMs: 1000 } });
  session = new CallSession({ signaling, e2ee: { secret }, ...(options.role === 'customer' ? { consent: false as const } : {}) });
  session.on('knock', ({ participantId }) => session?.admit(participantId));
  session.on('chat-message', ({ message }) => {
    if (message.from !== options.role) chatReceived.push(message.text);
  });
  const started = performance.now();
  session.on('remote-stream', ({ stream }) => {
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    document.body.append(video);
    video.requestVideoFrameCallback(() => (firstFrameMs ??= performance.now() - started));
    // A video removed while it starts (hang-up, a new remote stream) rejects with AbortError.
    video.play().catch((error: unknown) => {
      if (!(error instanceof DOMException && error.name === 'AbortError')) reportError(error);
    });
  });
  await session.join();
}

async function probe(): Promise<CallProbe> {
  const s = session;
  if (!s) throw new Error('join() first.');
  let framesDecoded = 0;
  let audioSamples = 0;
  (await s.peerConnection?.getStats())?.forEach((r: { type: string; kind?: string; framesDecoded?: number; totalSamplesReceived?: number; concealedSamples?: number }) => {
    if (r.type !== 'inbound-rtp') return;
    if (r.kind === 'video') framesDecoded += r.framesDecoded ?? 0;
    if (r.kind === 'audio') audioSamples += (r.totalSamplesReceived ?? 0) - (r.concealedSamples ?? 0);
  });
  const stats = await s.e2eeStats();
  const e2ee = s.e2ee;
  return {
    state: s.state,
    e2ee: { state: e2ee?.state ?? 'negotiating', sendKid: e2ee?.sendKid, interference: e2ee?.interference ?? false, ...(e2ee?.sas ? { sas: `${e2ee.sas.emoji.join('')} ${e2ee.sas.digits}` } : {}) },
    framesDecoded,
    audioSamples,
    decrypted: stats.decrypted,
    authFailures: stats.dropped['auth-failed'] + stats.dropped['key-invalid'],
    ...(firstFrameMs === undefined ? {} : { firstFrameMs }),
  };
}

async function rotate(): Promise<number | undefined> {
  await session?.rotateKeys();
  return session?.e2ee?.sendKid;
}

/** Sends a chat message; resolves with every message of the other side so far. */
async function chat(text: string): Promise<string[]> {
  if (!session) throw new Error('join() first.');
  await session.sendChatMessage(text);
  return chatReceived;
}

function hangUp(): void {
  session?.hangUp();
  session = undefined;
  firstFrameMs = undefined;
  chatReceived = [];
  for (const video of document.querySelectorAll('video')) video.remove();
}

const api = { join, probe, rotate, chat, received: () => chatReceived, hangUp };
export type CallPage = typeof api;

declare global {
  interface Window {
    sealcallCall: CallPage;
  }
}
window.sealcallCall = api;
