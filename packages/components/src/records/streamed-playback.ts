/**
 * Plays a decrypted recording as it is read, through Media Source Extensions: the player reads
 * only while less than AHEAD_SECONDS are buffered past the playhead and drops what is more than
 * BEHIND_SECONDS behind it, so memory stays flat however long the recording is. Seeking within
 * what is kept is instant; seeking forward reads on to the new position; seeking back further
 * than what is kept is not possible (open the recording again).
 */

export const AHEAD_SECONDS = 30;
export const BEHIND_SECONDS = 60;

export interface StreamedPlayback {
  /** Settles once the whole recording was handed to the player, or rejects with what broke. */
  readonly done: Promise<void>;
  /** Plaintext bytes read from the stream so far. */
  readonly bytesRead: number;
  /** Stops reading and cancels the stream. */
  stop(): void;
}

/** Whether this browser can play `mimeType` streamed (else play it from a whole Blob). */
export function canStream(mimeType: string): boolean {
  return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(mimeType);
}

export function playStreamed(video: HTMLVideoElement, mimeType: string, stream: ReadableStream<Uint8Array>): StreamedPlayback {
  const stopping = new AbortController();
  const reader = stream.getReader();
  const source = new MediaSource();
  const url = URL.createObjectURL(source);
  let bytesRead = 0;

  async function pump(): Promise<void> {
    await until(source, 'sourceopen', stopping.signal);
    URL.revokeObjectURL(url);
    const buffer = source.addSourceBuffer(mimeType);
    for (;;) {
      await roomAhead(video, buffer, stopping.signal);
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.length;
      await append(buffer, value as Uint8Array<ArrayBuffer>, video, stopping.signal);
      await dropBehind(buffer, video, stopping.signal);
    }
    if (source.readyState === 'open') source.endOfStream();
  }

  video.src = url;
  const done = pump().catch(async (error: unknown) => {
    await reader.cancel().catch(() => undefined);
    if (!stopping.signal.aborted) throw error;
  });
  return {
    done,
    get bytesRead() {
      return bytesRead;
    },
    stop() {
      stopping.abort();
      URL.revokeObjectURL(url);
    },
  };
}

function bufferedEnd(buffer: SourceBuffer): number {
  const ranges = buffer.buffered;
  return ranges.length === 0 ? 0 : ranges.end(ranges.length - 1);
}

/** Waits while more than AHEAD_SECONDS are buffered past the playhead (a paused player stops reading). */
async function roomAhead(video: HTMLVideoElement, buffer: SourceBuffer, signal: AbortSignal): Promise<void> {
  while (bufferedEnd(buffer) - video.currentTime > AHEAD_SECONDS) {
    await until(video, ['timeupdate', 'seeking'], signal);
  }
}

async function append(buffer: SourceBuffer, bytes: Uint8Array<ArrayBuffer>, video: HTMLVideoElement, signal: AbortSignal): Promise<void> {
  for (;;) {
    try {
      buffer.appendBuffer(bytes);
      await until(buffer, 'updateend', signal, 'error');
      return;
    } catch (error) {
      // Full: drop what is behind the playhead, or wait for the playhead to move, and try again.
      if (!(error instanceof DOMException && error.name === 'QuotaExceededError')) throw error;
      if (!(await dropBehind(buffer, video, signal, 1))) await until(video, ['timeupdate', 'seeking'], signal);
    }
  }
}

/** Removes what is more than `keep` seconds behind the playhead; whether anything was removed. */
async function dropBehind(buffer: SourceBuffer, video: HTMLVideoElement, signal: AbortSignal, keep = BEHIND_SECONDS): Promise<boolean> {
  const ranges = buffer.buffered;
  const before = video.currentTime - keep;
  if (ranges.length === 0 || ranges.start(0) >= before) return false;
  buffer.remove(0, before);
  await until(buffer, 'updateend', signal, 'error');
  return true;
}

/** The next of `events` on `target`; rejects on `failure` or when `signal` aborts. */
function until(target: EventTarget, events: string | string[], signal: AbortSignal, failure?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const names = typeof events === 'string' ? [events] : events;
    const settle = (outcome: () => void) => () => {
      names.forEach((name) => target.removeEventListener(name, done));
      if (failure) target.removeEventListener(failure, failed);
      signal.removeEventListener('abort', aborted);
      outcome();
    };
    const done = settle(resolve);
    const failed = settle(() => reject(new Error(`The player refused the recording's data (${failure}).`)));
    const aborted = settle(() => reject(signal.reason));
    if (signal.aborted) return aborted();
    names.forEach((name) => target.addEventListener(name, done));
    if (failure) target.addEventListener(failure, failed);
    signal.addEventListener('abort', aborted);
  });
}
