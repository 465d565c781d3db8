import { artifactError } from './errors.js';
import type { SegmentCipher } from './segment-cipher.js';
import { SEGMENT_CIPHERTEXT_BYTES } from './segment-format.js';

/**
 * Decrypts stored content as it is pulled, holding at most one segment. Segments are framed by
 * length, whatever the chunking of `source`: every middle segment is exactly
 * SEGMENT_CIPHERTEXT_BYTES long and the final one shorter, so the bytes left when the source ends
 * are the final segment. Ending without one is truncation (ARTIFACT_CORRUPT), unless
 * `endWithoutFinal` allows it for an artifact that was never finished.
 */
export function decryptStream(source: ReadableStream<Uint8Array>, cipher: SegmentCipher, endWithoutFinal: boolean, artifactId: string): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const segment = new Uint8Array(SEGMENT_CIPHERTEXT_BYTES);
  let filled = 0;
  let pending: Uint8Array = new Uint8Array(0);
  let index = 0;

  /** Fills `segment`; false when the source ended first. */
  async function fill(): Promise<boolean> {
    while (filled < SEGMENT_CIPHERTEXT_BYTES) {
      if (pending.length === 0) {
        const { done, value } = await reader.read();
        if (done) return false;
        pending = value;
        continue;
      }
      const take = Math.min(SEGMENT_CIPHERTEXT_BYTES - filled, pending.length);
      segment.set(pending.subarray(0, take), filled);
      filled += take;
      pending = pending.subarray(take);
    }
    return true;
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (await fill()) {
            controller.enqueue(await cipher.open(index++, false, segment));
            filled = 0;
            return;
          }
          if (filled > 0) {
            controller.enqueue(await cipher.open(index, true, segment.subarray(0, filled)));
            controller.close();
            return;
          }
          if (!endWithoutFinal) {
            throw artifactError('ARTIFACT_CORRUPT', `Artifact "${artifactId}" ends after ${index} segment(s) without its final segment: it was truncated.`);
          }
          controller.close();
        } catch (error) {
          reader.cancel().catch(() => undefined);
          throw error;
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
