import { ArtifactVault, HttpStorage } from '@sealcall/sdk';
import { playStreamed } from '../packages/components/src/records/streamed-playback.js';
import { longWebm } from '../packages/components/test/helpers/long-webm.js';

export interface PlaybackTarget {
  /** The reference server and an agent's storage token for the call. */
  readonly baseUrl: string;
  readonly token: string;
  readonly callId: string;
}

export interface PlaybackStart {
  /** Milliseconds of media. */
  readonly durationMs: number;
  /** Stored (ciphertext) bytes. */
  readonly size: number;
  /** From asking for the recording to its first frame presented, streamed and decrypted from the server. */
  readonly streamedMs: number[];
  /** Plaintext bytes read by then. */
  readonly bytesReadAtFirstFrame: number[];
  /** The same bytes from a Blob already in the page: the anchor. */
  readonly blobMs: number[];
}

declare global {
  interface Window {
    sealcallPlaybackStart: typeof playbackStart;
  }
}

/** Resolves when `video` has presented a frame. */
function firstFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve, reject) => {
    video.addEventListener('error', () => reject(new Error(`The player failed: ${video.error?.message ?? 'unknown'}`)), { once: true });
    video.requestVideoFrameCallback(() => resolve());
    video.play().catch(reject);
  });
}

function player(): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  document.body.append(video);
  return video;
}

/**
 * Stores a 30-minute recording through the vault on the server, then, `rounds` times and taking
 * turns, times its first frame played as <seal-records> plays it (read over HTTP, decrypted and
 * appended through MSE as it arrives) and from a Blob of the same plaintext already in the page.
 */
async function playbackStart(target: PlaybackTarget, rounds: number): Promise<PlaybackStart> {
  const recording = await longWebm(30 * 60_000);
  const vault = new ArtifactVault({ storage: new HttpStorage({ baseUrl: target.baseUrl, token: target.token, region: 'eu-west' }) });
  const writer = await vault.write({
    meta: { callId: target.callId, subjectId: 'bench-subject', kind: 'recording', mimeType: recording.mimeType, expiresAt: Date.now() + 86_400_000, consentRef: 'bench-consent' },
  });
  for (const piece of recording.pieces) await writer.write(piece);
  const { id, size } = await writer.close();
  const result = { durationMs: recording.durationMs, size, streamedMs: [] as number[], bytesReadAtFirstFrame: [] as number[], blobMs: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    let video = player();
    let started = performance.now();
    const { stream } = await vault.read(id);
    const playback = playStreamed(video, recording.mimeType, stream);
    await firstFrame(video);
    result.streamedMs.push(performance.now() - started);
    result.bytesReadAtFirstFrame.push(playback.bytesRead);
    playback.stop();
    video.remove();

    const blob = new Blob(recording.pieces.map((piece) => piece.slice()), { type: recording.mimeType });
    video = player();
    started = performance.now();
    video.src = URL.createObjectURL(blob);
    await firstFrame(video);
    result.blobMs.push(performance.now() - started);
    URL.revokeObjectURL(video.src);
    video.remove();
  }
  return result;
}

window.sealcallPlaybackStart = playbackStart;
