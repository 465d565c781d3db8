import { expect } from '@esm-bundle/chai';
import type { CipherSuiteId } from '../src/index.js';
import { splitKey } from '../src/ctr-hmac.js';
import { getSuite } from '../src/suites.js';
import { RFC9605_VECTORS } from './fixtures/rfc9605-vectors.js';
import { BACKENDS, expectRejects, hex, randomBytes, toHex } from './helpers.js';

const SUITES = [1, 2, 3, 4, 5] as const;

describe('AEAD backends (RFC 9605 §4.4.3, §4.4.4, §4.5)', () => {
  it('has one C.2 vector per AES-CTR-HMAC suite', () => {
    expect(RFC9605_VECTORS.aead_aes_ctr_hmac.map((v) => v.cipher_suite)).to.deep.equal([1, 2, 3]);
  });

  it('splits the AES-CTR-HMAC key into enc_key and auth_key (§4.5.1)', () => {
    for (const v of RFC9605_VECTORS.aead_aes_ctr_hmac) {
      const { encKey, authKey } = splitKey(getSuite(v.cipher_suite), hex(v.key));
      expect(toHex(encKey)).to.equal(v.enc_key);
      expect(toHex(authKey)).to.equal(v.auth_key);
    }
  });

  for (const { name, backend } of BACKENDS) {
    describe(`${name} backend`, () => {
      for (const v of RFC9605_VECTORS.aead_aes_ctr_hmac) {
        it(`C.2 ${v.suite_name}: seals and opens exactly`, async () => {
          const key = await backend.importKey(v.cipher_suite, hex(v.key));
          expect(toHex(await backend.seal(key, hex(v.nonce), hex(v.aad), hex(v.pt)))).to.equal(v.ct);
          expect(toHex(await backend.open(key, hex(v.nonce), hex(v.aad), hex(v.ct)))).to.equal(v.pt);
        });
      }

      for (const v of RFC9605_VECTORS.sframe) {
        it(`C.3 ${v.suite_name}: AEAD on the vector's key, nonce and AAD`, async () => {
          const key = await backend.importKey(v.cipher_suite, hex(v.sframe_key));
          const headerLength = hex(v.aad).length - hex(v.metadata).length;
          const sealed = toHex(hex(v.ct).subarray(headerLength));
          expect(toHex(await backend.seal(key, hex(v.nonce), hex(v.aad), hex(v.pt)))).to.equal(sealed);
          expect(toHex(await backend.open(key, hex(v.nonce), hex(v.aad), hex(sealed)))).to.equal(v.pt);
        });
      }

      for (const suite of SUITES) {
        it(`suite ${suite}: refuses modified input, short input and dropped keys`, async () => {
          const p = getSuite(suite);
          const key = await backend.importKey(suite, randomBytes(p.nk));
          const nonce = randomBytes(12);
          const aad = randomBytes(9);
          const sealed = await backend.seal(key, nonce, aad, randomBytes(33));
          expect(sealed).to.have.length(33 + p.nt);
          const flip = (bytes: Uint8Array, i: number) => {
            const copy = bytes.slice();
            copy[i]! ^= 1;
            return copy;
          };
          await expectRejects(async () => backend.open(key, nonce, aad, flip(sealed, sealed.length - 1)), 'SFRAME_AUTH_FAILED');
          await expectRejects(async () => backend.open(key, nonce, aad, flip(sealed, 0)), 'SFRAME_AUTH_FAILED');
          await expectRejects(async () => backend.open(key, flip(nonce, 11), aad, sealed), 'SFRAME_AUTH_FAILED');
          await expectRejects(async () => backend.open(key, nonce, flip(aad, 0), sealed), 'SFRAME_AUTH_FAILED');
          await expectRejects(async () => backend.open(key, nonce, aad, sealed.subarray(0, sealed.length - 1)), 'SFRAME_AUTH_FAILED');
          await expectRejects(async () => backend.open(key, nonce, aad, sealed.subarray(0, p.nt - 1)), 'SFRAME_TRUNCATED');
          await expectRejects(async () => backend.open(key, randomBytes(16), aad, sealed), 'SFRAME_BAD_INPUT', RangeError);
          await expectRejects(async () => backend.importKey(suite, randomBytes(p.nk - 1)), 'SFRAME_BAD_INPUT', RangeError);
          backend.dropKey(key);
          await expectRejects(async () => backend.seal(key, nonce, aad, new Uint8Array(1)), 'SFRAME_UNKNOWN_KEY');
          await expectRejects(async () => backend.open(key, nonce, aad, sealed), 'SFRAME_UNKNOWN_KEY');
        });
      }
    });
  }

  it('both backends are byte-identical on random inputs (all suites, 0 B to 200 KB)', async () => {
    const [ref, web] = BACKENDS;
    for (const suite of SUITES) {
      const raw = randomBytes(getSuite(suite).nk);
      const keys = await Promise.all([ref!.backend.importKey(suite, raw), web!.backend.importKey(suite, raw)]);
      for (const length of [0, 1, 15, 16, 17, 1000, 200 * 1024]) {
        const nonce = randomBytes(12);
        const aad = randomBytes(length % 23);
        const pt = randomBytes(length);
        const a = await ref!.backend.seal(keys[0], nonce, aad, pt);
        const b = await web!.backend.seal(keys[1], nonce, aad, pt);
        expect(toHex(b), `suite ${suite}, ${length} bytes`).to.equal(toHex(a));
        // And each opens what the other sealed.
        expect(toHex(await ref!.backend.open(keys[0], nonce, aad, b))).to.equal(toHex(pt));
        expect(toHex(await web!.backend.open(keys[1], nonce, aad, a))).to.equal(toHex(pt));
      }
    }
  });

  it('uses the suite from importKey: unknown suites are refused', async () => {
    for (const { backend } of BACKENDS) {
      await expectRejects(async () => backend.importKey(0 as CipherSuiteId, randomBytes(16)), 'SFRAME_UNKNOWN_SUITE');
    }
  });
});
