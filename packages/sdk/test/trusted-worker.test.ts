import { expect } from '@esm-bundle/chai';
import { SealcallError } from '../src/errors.js';
import { defaultTransformApi } from '../src/e2ee/transform-api.js';
import { TRUSTED_TYPES_POLICY, trustedWorker } from '../src/e2ee/trusted-worker.js';
import { WorkerLifecycle } from '../src/e2ee/worker-lifecycle.js';
import type { WorkerConfig } from '../src/e2ee/worker-protocol.js';
import { itWhere } from './helpers/it-where.js';

// This page requires Trusted Types from here on, as docs/csp.md's policy does.
const policy = document.createElement('meta');
policy.httpEquiv = 'Content-Security-Policy';
policy.content = `require-trusted-types-for 'script'; trusted-types ${TRUSTED_TYPES_POLICY}`;
document.head.append(policy);

const workerUrl = new URL('../src/e2ee/e2ee-worker.js', import.meta.url).href;

function lifecycle(createWorker: () => Worker, failures: SealcallError[]): WorkerLifecycle {
  const config = (): WorkerConfig => ({ suite: 4, keyGraceMs: 5000, failureTolerance: 10, callSecret: crypto.getRandomValues(new Uint8Array(32)), room: 'r', role: 'agent', firstKid: 0 });
  return new WorkerLifecycle({
    api: defaultTransformApi()!,
    createWorker,
    config,
    timeoutMs: 3000,
    onEvent: () => undefined,
    onReplaced: (error) => failures.push(error),
    onGaveUp: (error) => failures.push(error),
  });
}

/** A browser without Trusted Types (Firefox 140 ESR has none) ignores the page's policy. */
const itWhereEnforced = itWhere('trustedTypes' in globalThis, 'this browser does not enforce Trusted Types');

describe('the E2EE worker under Trusted Types', () => {
  itWhereEnforced('a worker from a plain URL is refused by the page, and the SDK says what to do', () => {
    expect(() => new Worker(workerUrl, { type: 'module' })).to.throw(TypeError);
    let thrown: unknown;
    try {
      lifecycle(() => new Worker(workerUrl, { type: 'module' }), []);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(SealcallError);
    expect((thrown as SealcallError).code).to.equal('E2EE_WORKER_FAILED');
    expect((thrown as SealcallError).message).to.contain('trustedWorker(url)');
  });

  it('trustedWorker starts the real worker through the "sealcall" policy, and it is configured', async () => {
    const failures: SealcallError[] = [];
    const workers = lifecycle(trustedWorker(workerUrl), failures);
    try {
      expect(await workers.ready, failures.map((error) => error.message).join('; ')).to.equal(true);
      expect(failures).to.deep.equal([]);
    } finally {
      workers.close();
    }
  });
});
