/**
 * PNG (ISO/IEC 15948) chunks a picture may keep: the critical ones, transparency, and how to
 * show its colours. Everything else goes: Firefox 153's canvas encoder, for one, adds a private
 * `deBG` chunk holding a 16-digit identifier that no pixel put there.
 */
import { concatBytes } from '../internal/bytes.js';

const KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'sRGB', 'gAMA', 'cHRM', 'iCCP', 'pHYs']);
const SIGNATURE_BYTES = 8;

/** The PNG in `bytes` with every other chunk removed (each kept chunk as it was, CRC included). */
export function keepImageChunks(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, SIGNATURE_BYTES)];
  for (let offset = SIGNATURE_BYTES; offset + 12 <= bytes.length; ) {
    const end = offset + 12 + view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (KEPT.has(type)) kept.push(bytes.subarray(offset, end));
    offset = end;
  }
  return concatBytes(...kept);
}
