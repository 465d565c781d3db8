import type { MediaKind, ScriptTransformOptions, TransformSide } from '../worker-protocol.js';
import { codecOf } from './codec-prefix.js';
import type { FrameCryptor } from './frame-cryptor.js';

interface EncodedFrame {
  data: ArrayBuffer;
  getMetadata?(): { mimeType?: string };
}

/** The worker's end of an RTCRtpScriptTransform (W3C WebRTC Encoded Transform). */
export interface ScriptTransformer {
  readonly readable: ReadableStream<EncodedFrame>;
  readonly writable: WritableStream<EncodedFrame>;
  readonly options: ScriptTransformOptions;
  generateKeyFrame?(): Promise<unknown>;
  sendKeyFrameRequest?(): Promise<void>;
}

/**
 * Pipes one sender's or receiver's encoded frames through the cryptor. Empty frames pass
 * untouched (there is nothing to protect, and the other browser may send them); every other
 * frame is encrypted or decrypted, or dropped, never passed on as it came.
 */
export function pipeFrames(
  side: TransformSide,
  media: MediaKind,
  readable: ReadableStream<EncodedFrame>,
  writable: WritableStream<EncodedFrame>,
  cryptor: () => FrameCryptor | undefined,
  onEnd: () => void = () => undefined,
): void {
  const transform = new TransformStream<EncodedFrame, EncodedFrame>({
    async transform(frame, controller) {
      if (frame.data.byteLength === 0) return controller.enqueue(frame);
      const current = cryptor();
      if (!current) return;
      const kind = { media, codec: codecOf(media, frame.getMetadata?.().mimeType) };
      const data = side === 'send' ? await current.encrypt(frame.data, kind) : await current.decrypt(frame.data, kind);
      if (data === undefined) return;
      frame.data = data;
      controller.enqueue(frame);
    },
  });
  // The pipe ends when the track or the connection does: nothing to report then.
  readable.pipeThrough(transform).pipeTo(writable).catch(() => undefined).finally(onEnd);
}

/** At most one key-frame request per side per this many milliseconds. */
const KEY_FRAME_THROTTLE_MS = 500;

/**
 * Key-frame requests through the standard transformers: a receiver asks its sender for one
 * (`sendKeyFrameRequest`, an RTCP request), a sender makes one (`generateKeyFrame`), so that
 * video resumes within about a round trip instead of when the decoder gives up waiting (about
 * 3 s in Chromium 156). Encoded streams have neither: the page then asks over signaling, or
 * restarts its encoder (see key-frames.ts).
 */
export class KeyFrameRequests {
  readonly #transformers = new Set<ScriptTransformer>();
  readonly #last: Record<TransformSide, number> = { send: -Infinity, receive: -Infinity };

  add(transformer: ScriptTransformer): void {
    this.#transformers.add(transformer);
  }

  remove(transformer: ScriptTransformer): void {
    this.#transformers.delete(transformer);
  }

  /** False when one was asked for less than the throttle interval ago. */
  request(side: TransformSide): boolean {
    const now = performance.now();
    if (now - this.#last[side] < KEY_FRAME_THROTTLE_MS) return false;
    this.#last[side] = now;
    for (const transformer of this.#transformers) {
      if (transformer.options.media !== 'video' || transformer.options.side !== side) continue;
      // A request is a hint: it rejects when no encoder or decoder is attached yet, and then
      // the first frame is a key frame anyway.
      const requested = side === 'send' ? transformer.generateKeyFrame?.() : transformer.sendKeyFrameRequest?.();
      requested?.catch(() => undefined);
    }
    return true;
  }
}
