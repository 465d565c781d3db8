import { BroadcastChannelSignaling, CallSession, createCallSecret, type E2EEStatus } from '@sealcall/sdk';

export interface VideoGapSample {
  /** Longest pause between two presented frames of the remote video over 3 s of a steady call: the anchor. */
  steadyMaxGapMs: number;
  /** Median interval between presented frames over the same 3 s. */
  steadyMedianMs: number;
  /** Longest pause over the 3 s after the sender rotated its key. */
  rotationMaxGapMs: number;
  /** From terminating the sender's E2EE worker to its side going `re-securing` (the heartbeat noticing). */
  restartDetectMs: number;
  /** From terminating the sender's E2EE worker to the next frame presented at the receiver. */
  restartGapMs: number;
}

/** Presentation times of the frames a <video> shows. */
function frameTimes(stream: MediaStream): { times: number[]; stop(): void } {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  document.body.append(video);
  const times: number[] = [];
  let running = true;
  const onFrame = (now: number) => {
    times.push(now);
    if (running) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  void video.play();
  return {
    times,
    stop() {
      running = false;
      video.remove();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function maxGap(times: number[], from: number, to: number): number {
  const within = times.filter((t) => t >= from && t <= to);
  let gap = within.length > 0 ? within[0]! - from : to - from;
  for (let i = 1; i < within.length; i++) gap = Math.max(gap, within[i]! - within[i - 1]!);
  return gap;
}

function reached(session: CallSession, test: (s: E2EEStatus) => boolean): Promise<number> {
  return new Promise((resolve) => {
    if (session.e2ee && test(session.e2ee)) return resolve(performance.now());
    const off = session.on('e2ee-change', (status) => {
      if (!test(status)) return;
      off();
      resolve(performance.now());
    });
  });
}

/**
 * One end-to-end encrypted call between two sessions of this page (BroadcastChannel
 * signaling), timing the customer's video at the agent: steady, after a key rotation, and
 * after the customer's E2EE worker is terminated (the default 3 s heartbeat finds it).
 */
async function sample(): Promise<VideoGapSample> {
  const room = `gap-${crypto.randomUUID()}`;
  const secret = createCallSecret();
  const workers: Worker[] = [];
  const createWorker = () => {
    const worker = new Worker(new URL('./e2ee-worker.js', import.meta.url), { type: 'module' });
    workers.push(worker);
    return worker;
  };
  const agent = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee: { secret, createWorker } });
  const customer = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee: { secret, createWorker }, consent: false });
  agent.on('knock', ({ participantId }) => agent.admit(participantId));
  try {
    const secured = Promise.all([reached(agent, (s) => s.state === 'active'), reached(customer, (s) => s.state === 'active')]);
    await agent.join();
    await customer.join();
    await secured;
    while (!agent.remoteStream) await sleep(20);
    const frames = frameTimes(agent.remoteStream);
    await sleep(2000);

    const steadyFrom = performance.now();
    await sleep(3000);
    const steadyTo = performance.now();
    const steady = frames.times.filter((t) => t >= steadyFrom && t <= steadyTo);
    const intervals = steady.slice(1).map((t, i) => t - steady[i]!).sort((a, b) => a - b);

    const rotatedAt = performance.now();
    await customer.rotateKeys();
    await sleep(3000);
    const rotationMaxGapMs = maxGap(frames.times, rotatedAt, performance.now());

    const customerWorker = workers[1]!;
    const before = agent.remoteStream;
    const resecuring = reached(customer, (s) => s.state === 're-securing');
    const terminatedAt = performance.now();
    customerWorker.terminate();
    const detectedAt = await resecuring;
    frames.stop();
    // The connection is rebuilt through the new worker: its video is a new remote stream.
    while (agent.remoteStream === before) {
      if (performance.now() - terminatedAt > 30_000) throw new Error('No new connection within 30 s of the worker restart.');
      await sleep(20);
    }
    const after = frameTimes(agent.remoteStream!);
    while (after.times.length === 0) {
      if (performance.now() - terminatedAt > 30_000) throw new Error('No frame within 30 s of the worker restart.');
      await sleep(20);
    }
    after.stop();
    const next = after.times[0]!;
    return {
      steadyMaxGapMs: maxGap(frames.times, steadyFrom, steadyTo),
      steadyMedianMs: intervals[intervals.length >> 1] ?? NaN,
      rotationMaxGapMs,
      restartDetectMs: detectedAt - terminatedAt,
      restartGapMs: next - terminatedAt,
    };
  } finally {
    customer.hangUp();
    agent.hangUp();
  }
}

declare global {
  interface Window {
    sealcallVideoGap: typeof sample;
  }
}
window.sealcallVideoGap = sample;
