import { expect } from '@esm-bundle/chai';
import { SFrameContext, decodeHeader, encodeHeader, type CipherSuiteId, type SFrameBackend, type SFrameContextOptions } from '../src/index.js';
import { deriveKeyMaterial, encryptFrame, referenceBackend, type ReferenceKey } from '../src/reference.js';
import { BACKENDS, U64_MAX, concatBytes, expectRejects, expectThrows, randomBytes, toHex } from './helpers.js';

const SUITES = [1, 2, 3, 4, 5] as const;

/** A pair of contexts: `alice` sends with KID `kid`, `bob` receives it. */
async function pair(backend: SFrameBackend, suite: CipherSuiteId = 4, kid = 1n, options: Partial<SFrameContextOptions> = {}) {
  const baseKey = randomBytes(16);
  const alice = new SFrameContext({ suite, backend, ...options });
  const bob = new SFrameContext({ suite, backend, ...options });
  await alice.setSendKey(kid, baseKey);
  await bob.addReceiveKey(kid, baseKey);
  return { alice, bob, baseKey };
}

/** The reference backend, recording every key handle and salt it is given, to check zeroing. */
function spyBackend() {
  const handles: ReferenceKey[] = [];
  const dropped: ReferenceKey[] = [];
  const salts: Uint8Array[] = [];
  const backend: SFrameBackend<ReferenceKey> = {
    name: 'spy',
    deriveKeyMaterial(suite, kid, baseKey) {
      const m = referenceBackend.deriveKeyMaterial(suite, kid, baseKey);
      salts.push(m.salt);
      return m;
    },
    importKey(suite, key) {
      const handle = referenceBackend.importKey(suite, key);
      handles.push(handle);
      return handle;
    },
    seal: (key, nonce, aad, pt) => referenceBackend.seal(key, nonce, aad, pt),
    open: (key, nonce, aad, sealed) => referenceBackend.open(key, nonce, aad, sealed),
    dropKey(key) {
      dropped.push(key);
      referenceBackend.dropKey(key);
    },
  };
  return { backend, handles, dropped, salts };
}

const isZero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

describe('SFrameContext', () => {
  for (const { name, backend } of BACKENDS) {
    describe(`${name} backend`, () => {
      for (const suite of SUITES) {
        it(`suite ${suite}: round trip, frames byte-identical to encryptFrame`, async () => {
          const { alice, bob, baseKey } = await pair(backend, suite, 291n);
          const material = deriveKeyMaterial(suite, 291n, baseKey);
          for (let i = 0; i < 3; i++) {
            const pt = randomBytes(100 * i);
            const md = randomBytes(i * 3);
            const frame = await alice.encrypt(pt, md);
            expect(toHex(frame)).to.equal(toHex(encryptFrame(suite, material, 291n, i, md, pt)));
            const out = await bob.decrypt(frame, md);
            expect(toHex(out.plaintext)).to.equal(toHex(pt));
            expect(out.kid).to.equal(291n);
            expect(out.ctr).to.equal(BigInt(i));
          }
        });
      }

      it('sendMetadata puts the metadata in front of the same frame, in one buffer', async () => {
        const { alice, bob, baseKey } = await pair(backend, 4, 7n);
        const md = randomBytes(10);
        const pt = randomBytes(1200);
        const out = await alice.encrypt(pt, md, { sendMetadata: true });
        expect([out.byteOffset, out.byteLength]).to.deep.equal([0, out.buffer.byteLength]);
        expect(toHex(out.subarray(0, 10))).to.equal(toHex(md));
        const frame = out.subarray(10);
        expect(toHex(frame)).to.equal(toHex(encryptFrame(4, deriveKeyMaterial(4, 7n, baseKey), 7n, 0, md, pt)));
        expect(toHex((await bob.decrypt(frame, md)).plaintext)).to.equal(toHex(pt));
      });

      it('KIDs 0, 2^53-1 and 2^64-1, empty payload and metadata, a 200 KB frame', async () => {
        for (const kid of [0n, BigInt(Number.MAX_SAFE_INTEGER), U64_MAX]) {
          const { alice, bob } = await pair(backend, 5, kid);
          const empty = await alice.encrypt(new Uint8Array(0));
          expect((await bob.decrypt(empty)).plaintext).to.have.length(0);
          const big = randomBytes(200 * 1024);
          const out = await bob.decrypt(await alice.encrypt(big, new Uint8Array(0)), new Uint8Array(0));
          expect(toHex(out.plaintext)).to.equal(toHex(big));
          expect(out.kid).to.equal(kid);
        }
      });

      it('counts from 0 per send KID; setting a KID again continues its counter', async () => {
        const ctx = new SFrameContext({ suite: 4, backend });
        await ctx.setSendKey(5, randomBytes(16));
        const ctrs = async (n: number) => {
          const out: bigint[] = [];
          for (let i = 0; i < n; i++) out.push(decodeHeader(await ctx.encrypt(new Uint8Array(1))).ctr);
          return out;
        };
        expect(await ctrs(3)).to.deep.equal([0n, 1n, 2n]);
        await ctx.setSendKey(6, randomBytes(16));
        expect(await ctrs(2)).to.deep.equal([0n, 1n]);
        await ctx.setSendKey(5, randomBytes(16)); // even with another base key
        expect(await ctrs(2)).to.deep.equal([3n, 4n]);
        expect(decodeHeader(await ctx.encrypt(new Uint8Array(0))).kid).to.equal(5n);
      });

      it('gives overlapping encrypt() calls distinct counters', async () => {
        const { alice, bob } = await pair(backend);
        const frames = await Promise.all(Array.from({ length: 64 }, (_, i) => alice.encrypt(randomBytes(i * 10))));
        const ctrs = frames.map((f) => decodeHeader(f).ctr);
        expect(new Set(ctrs).size).to.equal(64);
        expect([...ctrs].sort((a, b) => Number(a - b))).to.deep.equal(Array.from({ length: 64 }, (_, i) => BigInt(i)));
        // Received in reverse: all inside the default window of 128.
        for (const frame of frames.reverse()) await bob.decrypt(frame);
      });

      it('refuses a replayed frame, and a frame older than the window', async () => {
        const { alice, bob } = await pair(backend, 4, 1n, { replayWindow: 4 });
        const frames = [];
        for (let i = 0; i < 10; i++) frames.push(await alice.encrypt(Uint8Array.of(i)));
        await bob.decrypt(frames[3]!);
        await bob.decrypt(frames[1]!); // out of order, inside the window
        await bob.decrypt(frames[2]!);
        await bob.decrypt(frames[0]!);
        await expectRejects(bob.decrypt(frames[1]!), 'SFRAME_REPLAY');
        await bob.decrypt(frames[9]!);
        await expectRejects(bob.decrypt(frames[5]!), 'SFRAME_REPLAY'); // 9 - 5 = 4: too old
        await bob.decrypt(frames[6]!);
        await expectRejects(bob.decrypt(frames[6]!), 'SFRAME_REPLAY');
        await expectRejects(bob.decrypt(frames[9]!), 'SFRAME_REPLAY');
      });

      it('accepts exactly one of two concurrent decryptions of the same frame', async () => {
        const { alice, bob } = await pair(backend);
        const frame = await alice.encrypt(randomBytes(50));
        const results = await Promise.allSettled([bob.decrypt(frame), bob.decrypt(frame)]);
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        const rejected = results.find((r) => r.status === 'rejected');
        await expectRejects(Promise.reject((rejected as PromiseRejectedResult).reason), 'SFRAME_REPLAY');
      });

      it('does not let a forged frame move the replay window', async () => {
        const { alice, bob } = await pair(backend, 4, 1n, { replayWindow: 4 });
        const first = await alice.encrypt(randomBytes(10));
        const forged = concatBytes(encodeHeader(1n, 1_000_000n), randomBytes(40));
        await expectRejects(bob.decrypt(forged), 'SFRAME_AUTH_FAILED');
        // Had the forgery moved the window to 1,000,000, CTR 0 would now be too old.
        expect((await bob.decrypt(first)).ctr).to.equal(0n);
        // A failed authentication does not burn the counter either.
        const second = await alice.encrypt(randomBytes(10));
        await expectRejects(bob.decrypt(second, Uint8Array.of(1)), 'SFRAME_AUTH_FAILED');
        expect((await bob.decrypt(second)).ctr).to.equal(1n);
      });

      it('rejects tampered, truncated, mis-keyed and wrongly attributed frames', async () => {
        const { alice, bob } = await pair(backend, 1, 300n);
        const md = randomBytes(8);
        const frame = await alice.encrypt(randomBytes(100), md);
        const flipped = (i: number) => {
          const copy = frame.slice();
          copy[i]! ^= 0x10;
          return copy;
        };
        await expectRejects(bob.decrypt(flipped(frame.length - 1), md), 'SFRAME_AUTH_FAILED');
        await expectRejects(bob.decrypt(flipped(10), md), 'SFRAME_AUTH_FAILED');
        await expectRejects(bob.decrypt(flipped(2), md), 'SFRAME_UNKNOWN_KEY'); // KID 300 -> 316
        await expectRejects(bob.decrypt(frame, randomBytes(8)), 'SFRAME_AUTH_FAILED');
        await expectRejects(bob.decrypt(frame), 'SFRAME_AUTH_FAILED');
        await expectRejects(bob.decrypt(frame.subarray(0, frame.length - 1), md), 'SFRAME_AUTH_FAILED');
        const headerLength = decodeHeader(frame).length; // 0x90 0x01 0x2c: KID 300, CTR 0
        expect(headerLength).to.equal(3);
        await expectRejects(bob.decrypt(frame.subarray(0, headerLength + 10 - 1), md), 'SFRAME_TRUNCATED');
        await expectRejects(bob.decrypt(frame.subarray(0, 2), md), 'SFRAME_TRUNCATED');
        await expectRejects(bob.decrypt(new Uint8Array(0), md), 'SFRAME_TRUNCATED');
        await expectRejects(bob.decrypt(concatBytes(Uint8Array.of(0x90, 0x00), frame.subarray(2)), md), 'SFRAME_BAD_HEADER');
        // Same KID, another base key.
        const eve = new SFrameContext({ suite: 1, backend });
        await eve.addReceiveKey(300n, randomBytes(16));
        await expectRejects(eve.decrypt(frame, md), 'SFRAME_AUTH_FAILED');
        // The untouched frame still decrypts: none of the above moved the window.
        expect((await bob.decrypt(frame, md)).ctr).to.equal(0n);
      });

      it('refuses unknown KIDs, and encrypting without a send key', async () => {
        const { alice, bob } = await pair(backend, 4, 1n);
        const other = new SFrameContext({ suite: 4, backend });
        await other.setSendKey(2n, randomBytes(16));
        await expectRejects(bob.decrypt(await other.encrypt(randomBytes(5))), 'SFRAME_UNKNOWN_KEY');
        await expectRejects(new SFrameContext({ suite: 4, backend }).encrypt(randomBytes(5)), 'SFRAME_UNKNOWN_KEY');
        // A sender cannot decrypt its own frames: its KID is a send KID.
        await expectRejects(alice.decrypt(await alice.encrypt(randomBytes(5))), 'SFRAME_UNKNOWN_KEY');
      });

      it('removeReceiveKey forgets the key; a later frame for it is unknown', async () => {
        const { alice, bob } = await pair(backend);
        const frame = await alice.encrypt(randomBytes(5));
        expect(bob.removeReceiveKey(1n)).to.equal(true);
        expect(bob.removeReceiveKey(1n)).to.equal(false);
        await expectRejects(bob.decrypt(frame), 'SFRAME_UNKNOWN_KEY');
      });

      it('replacing a receive key keeps its replay window', async () => {
        const { alice, bob, baseKey } = await pair(backend);
        const frame = await alice.encrypt(randomBytes(5));
        await bob.decrypt(frame);
        await bob.addReceiveKey(1n, baseKey);
        await expectRejects(bob.decrypt(frame), 'SFRAME_REPLAY');
      });

      it('keeps send and receive KIDs apart (RFC 9605 §4.4.1)', async () => {
        const ctx = new SFrameContext({ suite: 4, backend });
        await ctx.setSendKey(1n, randomBytes(16));
        await expectRejects(ctx.addReceiveKey(1n, randomBytes(16)), 'SFRAME_BAD_INPUT', RangeError);
        await ctx.addReceiveKey(2n, randomBytes(16));
        await expectRejects(ctx.setSendKey(2n, randomBytes(16)), 'SFRAME_BAD_INPUT', RangeError);
        // Also while the receive key is still being derived.
        const pending = ctx.addReceiveKey(3n, randomBytes(16));
        await expectRejects(ctx.setSendKey(3n, randomBytes(16)), 'SFRAME_BAD_INPUT', RangeError);
        await pending;
      });

      it('when key changes overlap, the later call wins', async () => {
        const ctx = new SFrameContext({ suite: 4, backend });
        await Promise.all([ctx.setSendKey(1n, randomBytes(16)), ctx.setSendKey(2n, randomBytes(16))]);
        expect(decodeHeader(await ctx.encrypt(new Uint8Array(1))).kid).to.equal(2n);
        const keyA = randomBytes(16);
        const keyB = randomBytes(16);
        const rx = new SFrameContext({ suite: 4, backend });
        await Promise.all([rx.addReceiveKey(9n, keyA), rx.addReceiveKey(9n, keyB)]);
        const tx = new SFrameContext({ suite: 4, backend });
        await tx.setSendKey(9n, keyB);
        expect((await rx.decrypt(await tx.encrypt(Uint8Array.of(1)))).kid).to.equal(9n);
        // A removal cancels an addition still in flight.
        const adding = rx.addReceiveKey(10n, keyA);
        expect(rx.removeReceiveKey(10n)).to.equal(true);
        await adding;
        const tx10 = new SFrameContext({ suite: 4, backend });
        await tx10.setSendKey(10n, keyA);
        await expectRejects(rx.decrypt(await tx10.encrypt(Uint8Array.of(1))), 'SFRAME_UNKNOWN_KEY');
      });

      it('validates its arguments', async () => {
        expectThrows(() => new SFrameContext({ suite: 0 as CipherSuiteId, backend }), 'SFRAME_UNKNOWN_SUITE');
        expectThrows(() => new SFrameContext({ suite: 4, backend, replayWindow: 0 }), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(() => new SFrameContext({ suite: 4, backend, replayWindow: 1.5 }), 'SFRAME_BAD_INPUT', RangeError);
        expectThrows(() => new SFrameContext({ suite: 4, backend, replayWindow: '8' as unknown as number }), 'SFRAME_BAD_INPUT', TypeError);
        expectThrows(() => new SFrameContext({ suite: 4, backend: 'openssl' as 'reference' }), 'SFRAME_BAD_INPUT', TypeError);
        expectThrows(() => new SFrameContext({ suite: 4, backend: {} as SFrameBackend }), 'SFRAME_BAD_INPUT', TypeError);
        expectThrows(() => new SFrameContext(undefined as unknown as SFrameContextOptions), 'SFRAME_BAD_INPUT', TypeError);
        const ctx = new SFrameContext({ suite: 4, backend });
        await expectRejects(ctx.setSendKey(1n, randomBytes(15)), 'SFRAME_BAD_INPUT', RangeError);
        await expectRejects(ctx.setSendKey(-1, randomBytes(16)), 'SFRAME_BAD_INPUT', RangeError);
        await expectRejects(ctx.addReceiveKey(U64_MAX + 1n, randomBytes(16)), 'SFRAME_BAD_INPUT', RangeError);
        await expectRejects(ctx.addReceiveKey(1n, 'key' as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
        expectThrows(() => ctx.removeReceiveKey('1' as unknown as bigint), 'SFRAME_BAD_INPUT', TypeError);
        await ctx.setSendKey(1n, randomBytes(16));
        await expectRejects(ctx.encrypt('frame' as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
        await expectRejects(ctx.encrypt(new Uint8Array(1), null as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
        await expectRejects(ctx.decrypt([1, 2, 3] as unknown as Uint8Array), 'SFRAME_BAD_INPUT', TypeError);
      });
    });
  }

  it('both backends produce the same frames and read each other', async () => {
    for (const suite of SUITES) {
      const baseKey = randomBytes(32);
      const [ref, web] = BACKENDS.map(({ backend }) => new SFrameContext({ suite, backend }));
      await ref!.setSendKey(77n, baseKey);
      await web!.setSendKey(77n, baseKey);
      const rxRef = new SFrameContext({ suite, backend: 'reference' });
      const rxWeb = new SFrameContext({ suite, backend: 'webcrypto' });
      await rxRef.addReceiveKey(77n, baseKey);
      await rxWeb.addReceiveKey(77n, baseKey);
      for (const length of [0, 1, 31, 1500, 50_000]) {
        const pt = randomBytes(length);
        const md = randomBytes(length % 13);
        const a = await ref!.encrypt(pt, md);
        const b = await web!.encrypt(pt, md);
        expect(toHex(b), `suite ${suite}, ${length} bytes`).to.equal(toHex(a));
        expect(toHex((await rxWeb.decrypt(a, md)).plaintext)).to.equal(toHex(pt));
        expect(toHex((await rxRef.decrypt(b, md)).plaintext)).to.equal(toHex(pt));
      }
    }
  });

  it('defaults to WebCrypto where crypto.subtle exists', async () => {
    expect(globalThis.crypto.subtle).to.not.equal(undefined);
    const ctx = new SFrameContext({ suite: 4 });
    await ctx.setSendKey(1n, randomBytes(16));
    expect(decodeHeader(await ctx.encrypt(new Uint8Array(3))).ctr).to.equal(0n);
  });

  it('reports backend failures as SFRAME_BACKEND_ERROR with the cause, and recovers', async () => {
    let failures = 2;
    const flaky: SFrameBackend<ReferenceKey> = {
      ...referenceBackend,
      name: 'flaky',
      deriveKeyMaterial(suite, kid, baseKey) {
        if (failures-- > 0) throw new Error('derive boom');
        return referenceBackend.deriveKeyMaterial(suite, kid, baseKey);
      },
      open() {
        throw new Error('open boom');
      },
    };
    const ctx = new SFrameContext({ suite: 4, backend: flaky });
    const err = await expectRejects(ctx.addReceiveKey(5n, randomBytes(16)), 'SFRAME_BACKEND_ERROR');
    expect((err.cause as Error).message).to.equal('derive boom');
    await expectRejects(ctx.setSendKey(6n, randomBytes(16)), 'SFRAME_BACKEND_ERROR');
    // The failed addition left nothing behind: KID 5 is free for sending.
    await ctx.setSendKey(5n, randomBytes(16));
    const rx = new SFrameContext({ suite: 4, backend: flaky });
    await rx.addReceiveKey(5n, randomBytes(16));
    await expectRejects(rx.decrypt(await ctx.encrypt(randomBytes(3))), 'SFRAME_BACKEND_ERROR');
  });

  it('zeroes key material it replaces or removes', async () => {
    const spy = spyBackend();
    const ctx = new SFrameContext({ suite: 1, backend: spy.backend });
    await ctx.setSendKey(1n, randomBytes(16));
    await ctx.addReceiveKey(2n, randomBytes(16));
    expect(spy.handles).to.have.length(2);
    const [send, receive] = spy.handles;
    expect(isZero(send!.key) || isZero(receive!.key)).to.equal(false);

    await ctx.setSendKey(3n, randomBytes(16)); // replaces the send key of KID 1
    expect(spy.dropped).to.deep.equal([send]);
    expect(isZero(send!.key)).to.equal(true);
    expect(isZero(spy.salts[0]!)).to.equal(true);

    expect(ctx.removeReceiveKey(2n)).to.equal(true);
    expect(spy.dropped).to.have.length(2);
    expect(isZero(receive!.key)).to.equal(true);
    expect(isZero(spy.salts[1]!)).to.equal(true);
    // The live send key is untouched.
    expect(isZero(spy.handles[2]!.key)).to.equal(false);
    expect(isZero(spy.salts[2]!)).to.equal(false);
  });
});
