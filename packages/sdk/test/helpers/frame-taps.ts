import { decodeHeader } from '@sealcall/sframe';
import { clearPrefixLength } from '../../src/e2ee/worker/codec-prefix.js';

type Endpoint = typeof RTCRtpSender | typeof RTCRtpReceiver;
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
