import { expect } from '@esm-bundle/chai';
import { decodeHeader, encodeHeader } from '../src/index.js';
import { RFC9605_VECTORS } from './fixtures/rfc9605-vectors.js';
import { BOUNDARY_VALUES, U64_MAX, concatBytes, expectThrows, hex, randomBytes, toHex } from './helpers.js';

/** Length of the minimal encoding of one field after the config byte. */
function fieldLength(value: bigint): number {
  if (value < 8n) return 0;
  let n = 1;
  while (value >= 1n << BigInt(8 * n)) n++;
  return n;
}

describe('header (RFC 9605 §4.3)', () => {
  describe('Appendix C.1 vectors', () => {
    it('has all 289 vectors (17 KIDs x 17 CTRs)', () => {
      expect(RFC9605_VECTORS.header).to.have.length(289);
    });

    it('encodes every vector exactly', () => {
      for (const v of RFC9605_VECTORS.header) {
        expect(toHex(encodeHeader(BigInt(v.kid), BigInt(v.ctr))), `KID ${v.kid} CTR ${v.ctr}`).to.equal(v.encoded);
      }
    });

    it('decodes every vector exactly, with the header length', () => {
      for (const v of RFC9605_VECTORS.header) {
        const bytes = hex(v.encoded);
        expect(decodeHeader(bytes), v.encoded).to.deep.equal({
          kid: BigInt(v.kid),
          ctr: BigInt(v.ctr),
          length: bytes.length,
        });
      }
    });

    it('decodes a header followed by a payload, reading only the header', () => {
      for (const v of RFC9605_VECTORS.header) {
        const bytes = hex(v.encoded);
        const { kid, ctr, length } = decodeHeader(concatBytes(bytes, randomBytes(20)));
        expect([kid, ctr, length]).to.deep.equal([BigInt(v.kid), BigInt(v.ctr), bytes.length]);
      }
    });
  });

  describe('encoding', () => {
    it('takes safe-integer numbers and bigints alike', () => {
      for (const value of [0, 1, 7, 8, 255, 256, 65535, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
        expect(encodeHeader(value, value)).to.deep.equal(encodeHeader(BigInt(value), BigInt(value)));
      }
    });

    it('carries 0..7 in the config byte and uses minimal lengths at every byte boundary', () => {
      for (const kid of BOUNDARY_VALUES) {
        for (const ctr of BOUNDARY_VALUES) {
          const bytes = encodeHeader(kid, ctr);
          expect(bytes.length, `KID ${kid} CTR ${ctr}`).to.equal(1 + fieldLength(kid) + fieldLength(ctr));
          expect(decodeHeader(bytes)).to.deep.equal({ kid, ctr, length: bytes.length });
        }
      }
    });

    it('sets X/KLEN and Y/CLEN as Figure 4 shows', () => {
      expect(toHex(encodeHeader(7n, 7n))).to.equal('77');
      expect(toHex(encodeHeader(8n, 0n))).to.equal('8008');
      expect(toHex(encodeHeader(0n, 8n))).to.equal('0808');
      expect(toHex(encodeHeader(U64_MAX, 1n))).to.equal('f1ffffffffffffffff');
      expect(toHex(encodeHeader(3n, 0x0102030405060708n))).to.equal('3f0102030405060708');
    });

    it('round-trips random 64-bit values', () => {
      for (let i = 0; i < 500; i++) {
        const r = new DataView(randomBytes(16).buffer);
        // Random magnitude too, so that every length is hit.
        const kid = r.getBigUint64(0) >> BigInt(i % 64);
        const ctr = r.getBigUint64(8) >> BigInt((i * 7) % 64);
        const bytes = encodeHeader(kid, ctr);
        expect(decodeHeader(bytes)).to.deep.equal({ kid, ctr, length: bytes.length });
      }
    });

    it('rejects KID and CTR outside 0..2^64-1 or not integers', () => {
      for (const name of ['kid', 'ctr'] as const) {
        const call = (value: unknown) => () =>
          name === 'kid' ? encodeHeader(value as bigint, 0n) : encodeHeader(0n, value as bigint);
        expectThrows(call(-1n), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(call(U64_MAX + 1n), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(call(-1), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(call(1.5), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(call(Number.NaN), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(call(Number.MAX_SAFE_INTEGER + 1), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(call(Infinity), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(call('1'), 'SFRAME_BAD_INPUT', TypeError);
        expectThrows(call(null), 'SFRAME_BAD_INPUT', TypeError);
        expectThrows(call(undefined), 'SFRAME_BAD_INPUT', TypeError);
        const err = expectThrows(call('1'), 'SFRAME_BAD_INPUT', TypeError);
        expect(err.message).to.match(new RegExp(`^"${name}" expected`));
      }
    });
  });

  describe('decoding invalid headers', () => {
    it('rejects an empty input as truncated', () => {
      expectThrows(() => decodeHeader(new Uint8Array(0)), 'SFRAME_TRUNCATED');
    });

    it('rejects headers that end inside the KID or CTR field', () => {
      for (const v of RFC9605_VECTORS.header) {
        const bytes = hex(v.encoded);
        for (let cut = 0; cut < bytes.length; cut++) {
          expectThrows(() => decodeHeader(bytes.subarray(0, cut)), 'SFRAME_TRUNCATED');
        }
      }
    });

    it('rejects an extended field holding a value 0..7 (belongs in the config byte)', () => {
      expectThrows(() => decodeHeader(hex('8005')), 'SFRAME_BAD_HEADER'); // KID 5 in 1 byte
      expectThrows(() => decodeHeader(hex('0807')), 'SFRAME_BAD_HEADER'); // CTR 7 in 1 byte
      expectThrows(() => decodeHeader(hex('8800000000')), 'SFRAME_BAD_HEADER'); // KID 0, CTR 0
      expectThrows(() => decodeHeader(hex('f80000000000000000000000')), 'SFRAME_BAD_HEADER');
    });

    it('rejects an extended field with a leading zero byte', () => {
      expectThrows(() => decodeHeader(hex('9000ff')), 'SFRAME_BAD_HEADER'); // KID 255 in 2 bytes
      expectThrows(() => decodeHeader(hex('0900ff')), 'SFRAME_BAD_HEADER'); // CTR 255 in 2 bytes
      expectThrows(() => decodeHeader(hex('f000ffffffffffffff')), 'SFRAME_BAD_HEADER'); // 7-byte KID in 8
      expectThrows(() => decodeHeader(hex('0f00ffffffffffffff')), 'SFRAME_BAD_HEADER'); // 7-byte CTR in 8
      // A valid KID does not excuse a bad CTR, nor the other way round.
      expectThrows(() => decodeHeader(hex('88ff0001')), 'SFRAME_BAD_HEADER');
      expectThrows(() => decodeHeader(hex('88000901')), 'SFRAME_BAD_HEADER');
    });

    it('gives every valid header exactly one encoding (all 256 config bytes)', () => {
      let valid = 0;
      let nonMinimal = 0;
      for (let config = 0; config < 256; config++) {
        const kidLen = config & 0x80 ? ((config >> 4) & 7) + 1 : 0;
        const ctrLen = config & 0x08 ? (config & 7) + 1 : 0;
        for (const body of [new Uint8Array(kidLen + ctrLen), randomBytes(kidLen + ctrLen)]) {
          const bytes = concatBytes(Uint8Array.of(config), body);
          let decoded;
          try {
            decoded = decodeHeader(bytes);
          } catch {
            expectThrows(() => decodeHeader(bytes), 'SFRAME_BAD_HEADER');
            nonMinimal++;
            continue;
          }
          valid++;
          expect(decoded.length).to.equal(bytes.length);
          expect(toHex(encodeHeader(decoded.kid, decoded.ctr)), toHex(bytes)).to.equal(toHex(bytes));
        }
      }
      expect(valid).to.be.greaterThan(64); // all 64 short forms, twice, plus random long ones
      expect(nonMinimal).to.be.greaterThan(0);
    });

    it('rejects a non-Uint8Array input with a TypeError cause', () => {
      expectThrows(() => decodeHeader('00' as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
      expectThrows(() => decodeHeader([0] as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
    });
  });
});
