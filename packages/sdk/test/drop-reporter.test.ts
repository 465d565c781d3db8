import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { DropReporter } from '../src/e2ee/worker/drop-reporter.js';
import type { E2EEDropReport } from '../src/e2ee/types.js';
import { BroadcastChannelSignaling, CallSession, createCallSecret } from '../src/index.js';
import { expectCode } from './helpers/expect.js';

describe('DropReporter (throttled drop reports with the authentication alarm)', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })));
  afterEach(() => clock.restore());

  function reporter() {
    const reports: E2EEDropReport[] = [];
    return { reports, drops: new DropReporter({ periodMs: 1000, alarmRate: 0.2, alarmMinimum: 10 }, (r) => reports.push(r)) };
  }

  it('reports at most once a period, with the reasons counted, and nothing while nothing is dropped', () => {
    const { reports, drops } = reporter();
    for (let i = 0; i < 50; i++) drops.decrypted();
    clock.tick(5000);
    expect(reports).to.deep.equal([]);
    drops.drop('replay');
    drops.drop('replay');
    drops.drop('no-key');
    for (let i = 0; i < 30; i++) drops.decrypted();
    clock.tick(999);
    expect(reports).to.have.length(0);
    clock.tick(1);
    expect(reports).to.deep.equal([{ reasons: { replay: 2, 'no-key': 1 }, decrypted: 30, periodMs: 1000, authFailureRate: 0, alarm: false }]);
    clock.tick(5000);
    expect(reports).to.have.length(1);
  });

  it('raises the alarm when a fifth of incoming frames fail, and clears it once a period passes without', () => {
    const { reports, drops } = reporter();
    for (let i = 0; i < 12; i++) drops.drop('auth-failed');
    for (let i = 0; i < 3; i++) drops.drop('key-invalid');
    for (let i = 0; i < 45; i++) drops.decrypted();
    clock.tick(1000);
    expect(reports.at(-1)).to.include({ alarm: true, authFailureRate: 0.25 });
    for (let i = 0; i < 40; i++) drops.decrypted();
    clock.tick(1000);
    expect(reports.at(-1)).to.deep.include({ alarm: false, decrypted: 40, reasons: {} });
    clock.tick(5000);
    expect(reports).to.have.length(2);
  });

  it('does not raise it for a few failures among few frames', () => {
    const { reports, drops } = reporter();
    for (let i = 0; i < 9; i++) drops.drop('auth-failed');
    clock.tick(1000);
    expect(reports[0]).to.include({ alarm: false, authFailureRate: 1 });
  });
});

describe('cipher suites with short tags', () => {
  it('are refused unless the integrator opts in', async () => {
    const room = `short-${crypto.randomUUID()}`;
    for (const suite of [2, 3] as const) {
      const session = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee: { secret: createCallSecret(), suite } });
      expect((await expectCode(session.join(), 'INVALID_ARGUMENT')).message).to.include('allowShortTags');
    }
    const allowed = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee: { secret: createCallSecret(), suite: 3, allowShortTags: true } });
    await allowed.join();
    expect(allowed.e2ee?.state).to.equal('negotiating');
    allowed.hangUp();
  });
});
