/**
 * Everything the SDK does differently per browser, in one place. Nothing else in the SDK asks
 * which browser it runs in; docs/browsers.md has the measured matrix.
 *
 * - **Chromium** has `createEncodedStreams()` (with `encodedInsertableStreams: true` in the
 *   RTCConfiguration) and also `RTCRtpScriptTransform`, but never runs a receiver's script
 *   transform on a sendrecv transceiver (measured in 156; w3c/webrtc-encoded-transform#314),
 *   which is what a 1:1 call uses. Its encoded streams have no key-frame API: the page asks the
 *   other side over signaling, which restarts its encoder (key-frames.ts).
 * - **Firefox** (measured in 153 ESR) and **Safari** have only the standard
 *   `RTCRtpScriptTransform`, whose transformer in the worker has `sendKeyFrameRequest()` (and
 *   `generateKeyFrame()` where implemented). Its frames cannot leave the worker: a frame sent to
 *   the page and back is never decoded (Firefox 153).
 *
 * Codecs, SDP and stats need nothing per browser: both negotiate VP8 first, and frames carry
 * their MIME type in `getMetadata()` on both.
 */
import type { TransformApi } from './types.js';

interface EncodedStreams {
  readable: ReadableStream;
  writable: WritableStream;
}

// Chromium's pre-standard API.
interface WithEncodedStreams {
  createEncodedStreams(): EncodedStreams;
}

export function scriptTransformAvailable(): boolean {
  return typeof (globalThis as { RTCRtpScriptTransform?: unknown }).RTCRtpScriptTransform === 'function';
}

export function encodedStreamsAvailable(): boolean {
  return typeof RTCRtpSender !== 'undefined' && typeof (RTCRtpSender.prototype as Partial<WithEncodedStreams>).createEncodedStreams === 'function';
}

/** createEncodedStreams where it exists (Chromium), the standard RTCRtpScriptTransform elsewhere. */
export function defaultTransformApi(): TransformApi | undefined {
  if (encodedStreamsAvailable()) return 'encoded-streams';
  if (scriptTransformAvailable()) return 'script-transform';
  return undefined;
}

/** What an RTCPeerConnection must be created with for the API. */
export function peerConfigFor(api: TransformApi): Partial<RTCConfiguration> {
  return api === 'encoded-streams' ? ({ encodedInsertableStreams: true } as Partial<RTCConfiguration>) : {};
}

/** Whether the worker itself can ask for key frames (through the standard transformer), or the page must. */
export function keyFramesInWorker(api: TransformApi): boolean {
  return api === 'script-transform';
}

/** The encoded-frame streams of a sender or receiver, for the encoded-streams API. */
export function encodedStreamsOf(endpoint: RTCRtpSender | RTCRtpReceiver): EncodedStreams {
  return (endpoint as unknown as WithEncodedStreams).createEncodedStreams();
}
