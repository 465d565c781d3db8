import { expect } from '@esm-bundle/chai';
import { SendCounters } from '../src/counter.js';
import { U64_MAX, expectThrows } from './helpers.js';

describe('SendCounters', () => {
  it('starts each KID at 0 and counts up, per KID', () => {
    const c = new SendCounters();
    c.claim(1n);
    expect([c.take(1n), c.take(1n), c.take(2n), c.take(1n), c.take(2n)]).to.deep.equal([0n, 1n, 0n, 2n, 1n]);
  });

  it('claiming a KID again does not reset its counter', () => {
    const c = new SendCounters();
    c.claim(7n);
    c.take(7n);
    c.take(7n);
    c.claim(7n);
    expect(c.take(7n)).to.equal(2n);
    expect(c.has(7n)).to.equal(true);
    expect(c.has(8n)).to.equal(false);
  });

  it('hands out 2^64-1 last, then refuses with SFRAME_COUNTER_EXHAUSTED, for good', () => {
    const c = new SendCounters([[9n, U64_MAX - 1n]]);
    c.claim(9n);
    expect(c.take(9n)).to.equal(U64_MAX - 1n);
    expect(c.take(9n)).to.equal(U64_MAX);
    const err = expectThrows(() => c.take(9n), 'SFRAME_COUNTER_EXHAUSTED');
    expect(err.message).to.contain('KID 9');
    c.claim(9n);
    expectThrows(() => c.take(9n), 'SFRAME_COUNTER_EXHAUSTED');
    expect(c.take(10n)).to.equal(0n); // other KIDs are unaffected
  });
});
