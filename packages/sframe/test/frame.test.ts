import { expect } from '@esm-bundle/chai';
import { decodeHeader, encodeHeader, webCryptoBackend, type CipherSuiteId, type KeyMaterial } from '../src/index.js';
import { decryptFrame, deriveKeyMaterial, encryptFrame } from '../src/reference.js';
import { sealInputs } from '../src/framing.js';
import { getSuite } from '../src/suites.js';
import { RFC9605_VECTORS } from './fixtures/rfc9605-vectors.js';
import { BOUNDARY_VALUES, SAFE_MAX, U64_MAX, concatBytes, expectThrows, expectThrowsOneOf, hex, randomBytes, toHex } from './helpers.js';

const SUITES = [1, 2, 3, 4, 5] as const;
const EMPTY = new Uint8Array(0);

function flip(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[index]! ^= 1 << bit;
  return copy;
}

function material(suite: CipherSuiteId, kid: bigint): KeyMaterial {
  return deriveKeyMaterial(suite, kid, randomBytes(16));
}

describe('frames (RFC 9605 §4.4.3, §4.4.4)', () => {
  describe('Appendix C.3 vectors', () => {
    it('has one vector per suite', () => {
      expect(RFC9605_VECTORS.sframe.map((v) => v.cipher_suite)).to.deep.equal([1, 2, 3, 4, 5]);
    });

    for (const v of RFC9605_VECTORS.sframe) {
      describe(v.suite_name, () => {
        const suite = v.cipher_suite as CipherSuiteId;
        const kid = BigInt(v.kid);
        const ctr = BigInt(v.ctr);
        const given = { key: hex(v.sframe_key), salt: hex(v.sframe_salt) };

        it('forms the exact nonce and AAD', () => {
          const { header, nonce, aad } = sealInputs(kid, ctr, given.salt, hex(v.metadata));
          expect(toHex(nonce)).to.equal(v.nonce);
          expect(toHex(aad)).to.equal(v.aad);
          expect(toHex(header)).to.equal(toHex(encodeHeader(kid, ctr)));
        });

        it('encryptFrame gives the exact ciphertext', () => {
          expect(toHex(encryptFrame(suite, given, kid, ctr, hex(v.metadata), hex(v.pt)))).to.equal(v.ct);
        });

        it('encryptFrame from the base key (derivation included) gives the exact ciphertext', () => {
          const derived = deriveKeyMaterial(suite, kid, hex(v.base_key));
          expect(toHex(encryptFrame(suite, derived, Number(kid), Number(ctr), hex(v.metadata), hex(v.pt)))).to.equal(v.ct);
        });

        it('decryptFrame recovers the exact plaintext', () => {
          expect(toHex(decryptFrame(suite, given, hex(v.metadata), hex(v.ct)))).to.equal(v.pt);
          expect(decodeHeader(hex(v.ct))).to.include({ kid, ctr });
        });

        it('the WebCrypto backend gives the same frame', async () => {
          const key = await webCryptoBackend.importKey(suite, given.key);
          const { header, nonce, aad } = sealInputs(kid, ctr, given.salt, hex(v.metadata));
          expect(toHex(concatBytes(header, await webCryptoBackend.seal(key, nonce, aad, hex(v.pt))))).to.equal(v.ct);
        });
      });
    }
  });

  describe('round trips', () => {
    for (const suite of SUITES) {
      it(`suite ${suite}: KID and CTR at every header boundary, 0 to 2^64-1`, () => {
        const m = material(suite, 0n);
        for (const kid of BOUNDARY_VALUES) {
          for (const ctr of BOUNDARY_VALUES) {
            const pt = randomBytes(Number((kid + ctr) % 50n));
            const md = randomBytes(Number(ctr % 7n));
            const frame = encryptFrame(suite, m, kid, ctr, md, pt);
            expect(frame.length).to.equal(encodeHeader(kid, ctr).length + pt.length + getSuite(suite).nt);
            expect(decodeHeader(frame)).to.include({ kid, ctr });
            expect(toHex(decryptFrame(suite, m, md, frame))).to.equal(toHex(pt));
          }
        }
      });

      it(`suite ${suite}: empty payload and empty metadata`, () => {
        const m = material(suite, 3n);
        const frame = encryptFrame(suite, m, 3n, 0n, EMPTY, EMPTY);
        expect(frame).to.have.length(1 + getSuite(suite).nt);
        expect(decryptFrame(suite, m, EMPTY, frame)).to.have.length(0);
      });

      it(`suite ${suite}: a 200 KB frame, numbers and bigints alike`, () => {
        const m = material(suite, SAFE_MAX);
        const pt = randomBytes(200 * 1024);
        const md = randomBytes(12);
        const frame = encryptFrame(suite, m, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, md, pt);
        expect(toHex(frame)).to.equal(toHex(encryptFrame(suite, m, SAFE_MAX, SAFE_MAX, md, pt)));
        expect(toHex(decryptFrame(suite, m, md, frame))).to.equal(toHex(pt));
      });

      it(`suite ${suite}: random KID, CTR, sizes`, () => {
        for (let i = 0; i < 25; i++) {
          const view = new DataView(randomBytes(16).buffer);
          const kid = view.getBigUint64(0) >> BigInt(i * 2);
          const ctr = view.getBigUint64(8) >> BigInt(64 - i * 2);
          const m = material(suite, kid);
          const pt = randomBytes(i * 37);
          const md = randomBytes(i);
          expect(toHex(decryptFrame(suite, m, md, encryptFrame(suite, m, kid, ctr, md, pt)))).to.equal(toHex(pt));
        }
      });
    }
  });

  describe('tampering and misuse', () => {
    for (const suite of SUITES) {
      describe(`suite ${suite}`, () => {
        const nt = getSuite(suite).nt;
        const kid = 291n;
        const ctr = 17767n;
        const baseKey = randomBytes(16);
        const m = deriveKeyMaterial(suite, kid, baseKey);
        const md = hex('4945544620534672616d65205747');
        const pt = randomBytes(64);
        const frame = encryptFrame(suite, m, kid, ctr, md, pt);
        const headerLength = decodeHeader(frame).length;

        it('accepts the untouched frame', () => {
          expect(toHex(decryptFrame(suite, m, md, frame))).to.equal(toHex(pt));
        });

        it('rejects every flipped tag bit', () => {
          for (let i = frame.length - nt; i < frame.length; i++) {
            for (let bit = 0; bit < 8; bit++) {
              expectThrows(() => decryptFrame(suite, m, md, flip(frame, i, bit)), 'SFRAME_AUTH_FAILED');
            }
          }
        });

        it('rejects every flipped ciphertext byte', () => {
          for (let i = headerLength; i < frame.length - nt; i++) {
            expectThrows(() => decryptFrame(suite, m, md, flip(frame, i, i % 8)), 'SFRAME_AUTH_FAILED');
          }
        });

        it('rejects every flipped header bit', () => {
          expectThrows(() => decryptFrame(suite, m, md, flip(frame, headerLength - 1)), 'SFRAME_AUTH_FAILED');
          // A flipped config bit changes the field lengths: the header may then be malformed.
          const codes = ['SFRAME_AUTH_FAILED', 'SFRAME_BAD_HEADER', 'SFRAME_TRUNCATED'] as const;
          const seen = new Set<string>();
          for (let i = 0; i < headerLength; i++) {
            for (let bit = 0; bit < 8; bit++) {
              seen.add(expectThrowsOneOf(() => decryptFrame(suite, m, md, flip(frame, i, bit)), codes).code);
            }
          }
          expect(seen).to.include('SFRAME_AUTH_FAILED');
          // 0x99 0x01 ...: clearing the KID's leading bit leaves a leading zero byte.
          expectThrows(() => decryptFrame(suite, m, md, flip(frame, 1)), 'SFRAME_BAD_HEADER');
        });

        it('rejects truncation: a missing byte, a frame shorter than header + tag, a cut header', () => {
          expectThrows(() => decryptFrame(suite, m, md, frame.subarray(0, frame.length - 1)), 'SFRAME_AUTH_FAILED');
          expectThrows(() => decryptFrame(suite, m, md, frame.subarray(1)), 'SFRAME_AUTH_FAILED');
          expectThrows(() => decryptFrame(suite, m, md, frame.subarray(0, headerLength + nt - 1)), 'SFRAME_TRUNCATED');
          expectThrows(() => decryptFrame(suite, m, md, frame.subarray(0, headerLength)), 'SFRAME_TRUNCATED');
          expectThrows(() => decryptFrame(suite, m, md, frame.subarray(0, 2)), 'SFRAME_TRUNCATED');
          expectThrows(() => decryptFrame(suite, m, md, EMPTY), 'SFRAME_TRUNCATED');
        });

        it('rejects wrong metadata', () => {
          expectThrows(() => decryptFrame(suite, m, EMPTY, frame), 'SFRAME_AUTH_FAILED');
          expectThrows(() => decryptFrame(suite, m, flip(md, 0), frame), 'SFRAME_AUTH_FAILED');
          expectThrows(() => decryptFrame(suite, m, concatBytes(md, Uint8Array.of(0)), frame), 'SFRAME_AUTH_FAILED');
        });

        it('rejects a wrong key: another base key, or the right base key for another KID', () => {
          expectThrows(() => decryptFrame(suite, material(suite, kid), md, frame), 'SFRAME_AUTH_FAILED');
          expectThrows(() => decryptFrame(suite, deriveKeyMaterial(suite, kid + 1n, baseKey), md, frame), 'SFRAME_AUTH_FAILED');
          expectThrows(() => decryptFrame(suite, { key: m.key, salt: flip(m.salt, 0) }, md, frame), 'SFRAME_AUTH_FAILED');
          const other = (suite % 5) + 1;
          const otherSuite = other as CipherSuiteId;
          if (getSuite(otherSuite).nk === m.key.length) {
            expectThrows(() => decryptFrame(otherSuite, m, md, frame), 'SFRAME_AUTH_FAILED');
          }
        });

        it('rejects a non-minimal re-encoding of a valid header before authenticating', () => {
          // KID 5, CTR 6 fit in the config byte (0x56); carry them in 1-byte fields instead.
          const small = encryptFrame(suite, m, 5n, 6n, md, pt);
          expect(small[0]).to.equal(0x56);
          const longForm = concatBytes(hex('880506'), small.subarray(1));
          expectThrows(() => decryptFrame(suite, m, md, longForm), 'SFRAME_BAD_HEADER');
          const padded = concatBytes(hex('9900012300004567'), frame.subarray(headerLength));
          expectThrows(() => decryptFrame(suite, m, md, padded), 'SFRAME_BAD_HEADER');
        });

        it('rejects bad arguments with SFRAME_BAD_INPUT and a typed cause', () => {
          const p = getSuite(suite);
          expectThrows(() => encryptFrame(suite, { key: m.key.subarray(1), salt: m.salt }, kid, ctr, md, pt), 'SFRAME_BAD_INPUT', RangeError);
          expectThrows(() => encryptFrame(suite, { key: m.key, salt: m.salt.subarray(1) }, kid, ctr, md, pt), 'SFRAME_BAD_INPUT', RangeError);
          expectThrows(() => encryptFrame(suite, null as unknown as KeyMaterial, kid, ctr, md, pt), 'SFRAME_BAD_INPUT', TypeError);
          expectThrows(() => encryptFrame(suite, m, kid, U64_MAX + 1n, md, pt), 'SFRAME_BAD_INPUT', RangeError);
          expectThrows(() => encryptFrame(suite, m, -1, ctr, md, pt), 'SFRAME_BAD_INPUT', RangeError);
          expectThrows(() => encryptFrame(suite, m, kid, ctr, 'md' as unknown as Uint8Array, pt), 'SFRAME_BAD_INPUT', TypeError);
          expectThrows(() => encryptFrame(suite, m, kid, ctr, md, [1, 2] as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
          expectThrows(() => decryptFrame(suite, m, md, 'frame' as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
          expectThrows(() => decryptFrame(suite, { key: new Uint8Array(p.nk + 1), salt: m.salt }, md, frame), 'SFRAME_BAD_INPUT', RangeError);
          const err = expectThrows(() => encryptFrame(suite, { key: m.key.subarray(1), salt: m.salt }, kid, ctr, md, pt), 'SFRAME_BAD_INPUT');
          expect(err.message).to.equal(`"material.key" expected Uint8Array of length ${p.nk}, got length=${p.nk - 1}`);
        });
      });
    }

    it('rejects unknown suites', () => {
      const m = material(4, 1n);
      for (const suite of [0, 6, 0xf000, -1, 4.5]) {
        expectThrows(() => encryptFrame(suite as CipherSuiteId, m, 1n, 0n, EMPTY, EMPTY), 'SFRAME_UNKNOWN_SUITE');
        expectThrows(() => decryptFrame(suite as CipherSuiteId, m, EMPTY, new Uint8Array(40)), 'SFRAME_UNKNOWN_SUITE');
      }
    });
  });
});
