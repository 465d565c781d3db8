import { decodeHeader } from '@sealcall/sframe';
import { clearPrefixLength } from '../../src/e2ee/worker/codec-prefix.js';
import { itWhere } from './it-where.js';

type Endpoint = typeof RTCRtpSender | typeof RTCRtpReceiver;

const PAGE_TAPS = "Chromium's createEncodedStreams (the test puts a stage of its own between the encoder and the SDK, in the page)";

/**
 * Whether frames can be tapped in the page. Firefox has only RTCRtpScriptTransform, whose
 * frames stay in the worker: a frame that goes to the page and back is never decoded (measured
 * in Firefox 153), so a page-side tap would break the call it means to observe.
 */
export const pageTaps = typeof (RTCRtpSender.prototype as { createEncodedStreams?: unknown }).createEncodedStreams === 'function';

/** `it`, or where frames cannot be tapped in the page, a skipped `it` whose title says why. */
export const itWithPageTaps = itWhere(pageTaps, `needs ${PAGE_TAPS}; in this browser frames cannot leave the E2EE worker and come back`);
interface EncodedFrame {
  data: ArrayBuffer;
}
type EncodedStreams = { readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame> };

/**
 * Puts a stage of the test's own between every sender's (or receiver's) encoder and the SDK:
 * on senders it sees exactly what goes on the wire after the E2EE worker, on receivers what
 * arrives from the wire before it. Returns the undo.
 */
export function tapEncodedStreams(
  endpoint: Endpoint,
  stage: (kind: 'audio' | 'video') => TransformStream<EncodedFrame, EncodedFrame>,
): () => void {
  if (!pageTaps) throw new Error(`tapEncodedStreams() needs ${PAGE_TAPS}; declare the test with itWithPageTaps().`);
  const proto = endpoint.prototype as unknown as { createEncodedStreams(this: RTCRtpSender | RTCRtpReceiver): EncodedStreams };
  const original = proto.createEncodedStreams;
  proto.createEncodedStreams = function (this: RTCRtpSender | RTCRtpReceiver) {
    const streams = original.call(this);
    const kind = this.track?.kind === 'audio' ? 'audio' : 'video';
    const tap = stage(kind);
    if (endpoint === RTCRtpSender) {
      void tap.readable.pipeTo(streams.writable).catch(() => undefined);
      return { readable: streams.readable, writable: tap.writable };
    }
    return { readable: streams.readable.pipeThrough(tap), writable: streams.writable };
  };
  return () => (proto.createEncodedStreams = original);
}

/** The SFrame header of a frame as it travels (after a VP8 frame's clear header), or why it is not one. */
export function sframeHeaderOf(kind: 'audio' | 'video', bytes: Uint8Array, frameLength = bytes.length): { kid: number; ctr: bigint; clear: number } | string {
  const clear = clearPrefixLength(kind === 'video' ? 'vp8' : 'opaque', bytes);
  try {
    const { kid, ctr, length } = decodeHeader(bytes.subarray(clear));
    if (frameLength < clear + length + 16) return `a ${frameLength}-byte frame is too short for an SFrame header and tag`;
    return { kid: Number(kid), ctr, clear };
  } catch (error) {
    return `no SFrame header: ${(error as Error).message}`;
  }
}
