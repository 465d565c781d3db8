import type { CallSession, E2EEStatus } from '../../src/index.js';

/** Resolves with the first status (now or later) that satisfies `predicate`. */
export function e2eeReached(session: CallSession, predicate: E2EEStatus['state'] | ((status: E2EEStatus) => boolean), timeoutMs = 20_000): Promise<E2EEStatus> {
  const test = typeof predicate === 'string' ? (s: E2EEStatus) => s.state === predicate : predicate;
  if (session.e2ee && test(session.e2ee)) return Promise.resolve(session.e2ee);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`The ${session.role}'s E2EE did not reach the expected status within ${timeoutMs} ms (it is ${JSON.stringify(session.e2ee)}).`));
    }, timeoutMs);
    const off = session.on('e2ee-change', (status) => {
      if (!test(status)) return;
      clearTimeout(timer);
      off();
      resolve(status);
    });
  });
}

export async function videoFramesDecoded(pc: RTCPeerConnection | undefined): Promise<number> {
  let frames = 0;
  (await pc?.getStats())?.forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
    if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
  });
  return frames;
}
