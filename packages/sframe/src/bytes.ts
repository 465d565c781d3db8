/** Byte helpers. Internal: none of this is exported from the package. @module */

export const EMPTY: Uint8Array = new Uint8Array(0);

export function concat(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Constant-time equality: the time depends on the lengths only, never on the contents. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Writes `value` (an integer below 2^53) as 8 big-endian bytes at `offset`. */
export function writeU64(out: Uint8Array, offset: number, value: number): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(offset, Math.floor(value / 2 ** 32));
  view.setUint32(offset + 4, value >>> 0);
}

/**
 * RFC 9605 §4.4.3: "The nonce is formed by first XORing the sframe_salt with the current CTR
 * value, and then encoding the result as a big-endian integer of length AEAD.Nn", i.e.
 * nonce = sframe_salt XOR encode_big_endian(CTR, Nn) (§4.4.4). CTR < 2^64 fits in the last
 * 8 bytes, so the first Nn - 8 bytes of the salt pass through unchanged.
 */
export function nonceFor(salt: Uint8Array, ctr: bigint): Uint8Array {
  const nonce = salt.slice();
  const view = new DataView(nonce.buffer);
  const end = nonce.length - 8;
  view.setBigUint64(end, view.getBigUint64(end) ^ ctr);
  return nonce;
}
