import type { CallSession, CallState } from '../../src/index.js';

/**
 * Plays a stream in a real <video> and resolves once `count` new frames were presented,
 * counted with requestVideoFrameCallback: proof that video really decodes.
 */
export function renderedFrames(stream: MediaStream, count = 10, timeoutMs = 15_000): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  return new Promise<number>((resolve, reject) => {
    let frames = 0;
    const timer = setTimeout(() => {
      video.remove();
      reject(new Error(`Only ${frames} of ${count} video frames rendered within ${timeoutMs} ms.`));
    }, timeoutMs);
    const onFrame = () => {
      frames++;
      if (frames >= count) {
        clearTimeout(timer);
        video.remove();
        resolve(frames);
      } else {
        video.requestVideoFrameCallback(onFrame);
      }
    };
    video.requestVideoFrameCallback(onFrame);
    video.play().catch(reject);
  });
}

interface InboundAudio {
  type: string;
  kind?: string;
  totalSamplesReceived?: number;
  concealedSamples?: number;
}

/**
 * Audio samples really decoded so far on a connection: inbound-rtp's samples less those the
 * jitter buffer made up to conceal loss (which is all of them when frames cannot be decrypted).
 */
export async function audioSamplesReceived(pc: RTCPeerConnection | undefined): Promise<number> {
  if (!pc) return 0;
  let samples = 0;
  (await pc.getStats()).forEach((report: InboundAudio) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') samples += (report.totalSamplesReceived ?? 0) - (report.concealedSamples ?? 0);
  });
  return samples;
}

export async function audioFlows(session: CallSession, timeoutMs = 10_000): Promise<void> {
  const start = await audioSamplesReceived(session.peerConnection);
  await eventually(async () => (await audioSamplesReceived(session.peerConnection)) > start + 4800, 'audio samples to arrive', timeoutMs);
}

export function stateReached(session: CallSession, state: CallState, timeoutMs = 20_000): Promise<void> {
  if (session.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`The ${session.role}'s call did not reach '${state}' within ${timeoutMs} ms (it is '${session.state}').`));
    }, timeoutMs);
    const off = session.on('state-change', (change) => {
      if (change.state !== state) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
