import { expect } from '@esm-bundle/chai';
import { CipherSuite, type CipherSuiteId } from '../src/index.js';
import { deriveKeyMaterial } from '../src/reference.js';
import { deriveSecret } from '../src/derive.js';
import { deriveLabels } from '../src/labels.js';
import { getSuite } from '../src/suites.js';
import { RFC9605_VECTORS } from './fixtures/rfc9605-vectors.js';
import { BACKENDS, U64_MAX, expectRejects, expectThrows, hex, randomBytes, toHex } from './helpers.js';

describe('key derivation (RFC 9605 §4.4.2)', () => {
  it('has one vector per suite', () => {
    expect(RFC9605_VECTORS.key_derivation.map((v) => v.cipher_suite)).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('names the suites with their IANA values', () => {
    expect(CipherSuite).to.deep.equal({
      AES_128_CTR_HMAC_SHA256_80: 1,
      AES_128_CTR_HMAC_SHA256_64: 2,
      AES_128_CTR_HMAC_SHA256_32: 3,
      AES_128_GCM_SHA256_128: 4,
      AES_256_GCM_SHA512_128: 5,
    });
    for (const [id, info] of Object.entries(RFC9605_VECTORS.cipher_suites)) {
      const p = getSuite(Number(id));
      expect([p.name, p.hash, p.nh, p.nka || null, p.nk, p.nn, p.nt]).to.deep.equal([
        info.name, info.hash, info.Nh, info.Nka, info.Nk, info.Nn, info.Nt,
      ]);
    }
  });

  for (const v of RFC9605_VECTORS.key_derivation) {
    const suite = v.cipher_suite as CipherSuiteId;
    describe(`${v.suite_name} (${suite})`, () => {
      it('builds the exact key and salt labels', () => {
        const labels = deriveLabels(suite, BigInt(v.kid));
        expect(toHex(labels.key)).to.equal(v.sframe_key_label);
        expect(toHex(labels.salt)).to.equal(v.sframe_salt_label);
      });

      it('extracts the exact sframe_secret', () => {
        expect(toHex(deriveSecret(getSuite(suite), hex(v.base_key)))).to.equal(v.sframe_secret);
      });

      it('derives the exact sframe_key and sframe_salt (deriveKeyMaterial)', () => {
        const m = deriveKeyMaterial(suite, BigInt(v.kid), hex(v.base_key));
        expect(toHex(m.key)).to.equal(v.sframe_key);
        expect(toHex(m.salt)).to.equal(v.sframe_salt);
        expect(deriveKeyMaterial(suite, Number(v.kid), hex(v.base_key))).to.deep.equal(m);
      });

      for (const { name, backend } of BACKENDS) {
        it(`derives the exact sframe_key and sframe_salt (${name} backend)`, async () => {
          const m = await backend.deriveKeyMaterial(suite, BigInt(v.kid), hex(v.base_key));
          expect(toHex(m.key)).to.equal(v.sframe_key);
          expect(toHex(m.salt)).to.equal(v.sframe_salt);
        });
      }
    });
  }

  it('gives the same results on both backends for random inputs', async () => {
    for (const suite of [1, 2, 3, 4, 5] as const) {
      for (const kid of [0n, 7n, 8n, U64_MAX, BigInt(Number.MAX_SAFE_INTEGER)]) {
        const baseKey = randomBytes(16 + ((Number(kid % 17n) + suite) % 48));
        const results = await Promise.all(BACKENDS.map(({ backend }) => backend.deriveKeyMaterial(suite, kid, baseKey)));
        expect(toHex(results[1]!.key)).to.equal(toHex(results[0]!.key));
        expect(toHex(results[1]!.salt)).to.equal(toHex(results[0]!.salt));
        expect(results[0]!.key).to.have.length(getSuite(suite).nk);
        expect(results[0]!.salt).to.have.length(12);
      }
    }
  });

  it('separates KIDs and suites', () => {
    const baseKey = randomBytes(32);
    const a = deriveKeyMaterial(4, 1n, baseKey);
    const b = deriveKeyMaterial(4, 2n, baseKey);
    expect(toHex(a.key)).to.not.equal(toHex(b.key));
    expect(toHex(a.salt)).to.not.equal(toHex(b.salt));
    expect(toHex(deriveKeyMaterial(1, 1n, baseKey).key.subarray(0, 16))).to.not.equal(toHex(a.key));
  });

  it('rejects bad inputs', async () => {
    const key = randomBytes(16);
    expectThrows(() => deriveKeyMaterial(4, 1n, randomBytes(15)), 'SFRAME_BAD_INPUT', RangeError);
    expectThrows(() => deriveKeyMaterial(4, 1n, new Uint8Array(0)), 'SFRAME_BAD_INPUT', RangeError);
    expectThrows(() => deriveKeyMaterial(4, 1n, 'key' as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
    expectThrows(() => deriveKeyMaterial(4, -1n, key), 'SFRAME_BAD_INPUT', RangeError);
    expectThrows(() => deriveKeyMaterial(0 as CipherSuiteId, 1n, key), 'SFRAME_UNKNOWN_SUITE');
    expectThrows(() => deriveKeyMaterial(6 as CipherSuiteId, 1n, key), 'SFRAME_UNKNOWN_SUITE');
    expectThrows(() => deriveKeyMaterial(4.5 as CipherSuiteId, 1n, key), 'SFRAME_UNKNOWN_SUITE');
    expectThrows(() => deriveKeyMaterial('4' as unknown as CipherSuiteId, 1n, key), 'SFRAME_BAD_INPUT', TypeError);
    for (const { backend } of BACKENDS) {
      await expectRejects(async () => backend.deriveKeyMaterial(4, 1n, randomBytes(8)), 'SFRAME_BAD_INPUT', RangeError);
      await expectRejects(async () => backend.deriveKeyMaterial(7 as CipherSuiteId, 1n, key), 'SFRAME_UNKNOWN_SUITE');
    }
  });
});
