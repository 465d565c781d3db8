import { expect } from '@esm-bundle/chai';
import { ReplayWindow } from '../src/replay-window.js';
import { U64_MAX } from './helpers.js';

describe('ReplayWindow', () => {
  it('accepts increasing counters and refuses each a second time', () => {
    const w = new ReplayWindow(128);
    for (let i = 0n; i < 300n; i++) {
      expect(w.check(i)).to.equal(undefined);
      expect(w.accept(i)).to.equal(undefined);
      expect(w.check(i)).to.equal('duplicate');
      expect(w.accept(i)).to.equal('duplicate');
    }
  });

  it('accepts any order inside the window, refuses older counters', () => {
    const w = new ReplayWindow(8);
    expect(w.accept(20n)).to.equal(undefined);
    for (const ctr of [13n, 19n, 15n, 14n]) expect(w.accept(ctr), `${ctr}`).to.equal(undefined);
    expect(w.check(12n)).to.equal('too-old'); // 20 - 12 = 8: outside a window of 8
    expect(w.check(0n)).to.equal('too-old');
    expect(w.check(16n)).to.equal(undefined);
    for (const ctr of [13n, 14n, 15n, 19n, 20n]) expect(w.check(ctr), `${ctr}`).to.equal('duplicate');
  });

  it('keeps what it saw as the window slides, and forgets what falls out', () => {
    const w = new ReplayWindow(4);
    w.accept(1n);
    w.accept(3n);
    w.accept(4n); // window now 1..4
    expect(w.check(2n)).to.equal(undefined);
    expect(w.check(1n)).to.equal('duplicate');
    w.accept(5n); // window 2..5
    expect(w.check(1n)).to.equal('too-old');
    expect(w.check(3n)).to.equal('duplicate');
    expect(w.check(2n)).to.equal(undefined);
    w.accept(1000n); // a jump clears the bitmap
    expect(w.check(999n)).to.equal(undefined);
    expect(w.check(996n)).to.equal('too-old');
    expect(w.check(1000n)).to.equal('duplicate');
  });

  it('a check alone never moves the window', () => {
    const w = new ReplayWindow(4);
    w.accept(10n);
    expect(w.check(1_000_000n)).to.equal(undefined);
    expect(w.check(8n)).to.equal(undefined);
  });

  it('works at the top of the 64-bit range and with a window of 1', () => {
    const w = new ReplayWindow(1);
    w.accept(U64_MAX - 1n);
    expect(w.check(U64_MAX - 2n)).to.equal('too-old');
    expect(w.accept(U64_MAX)).to.equal(undefined);
    expect(w.check(U64_MAX - 1n)).to.equal('too-old');
    expect(w.check(U64_MAX)).to.equal('duplicate');
  });

  it('the first counter may be anything, 0 included', () => {
    for (const first of [0n, 5n, U64_MAX]) {
      const w = new ReplayWindow(128);
      expect(w.accept(first)).to.equal(undefined);
      expect(w.check(first)).to.equal('duplicate');
    }
  });
});
