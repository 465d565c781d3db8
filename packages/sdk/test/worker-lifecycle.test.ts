import { expect } from '@esm-bundle/chai';
import type { SealcallError } from '../src/errors.js';
import { defaultTransformApi } from '../src/e2ee/transform-api.js';
import { WorkerLifecycle } from '../src/e2ee/worker-lifecycle.js';
import type { WorkerConfig } from '../src/e2ee/worker-protocol.js';

const workerUrl = new URL('../src/e2ee/e2ee-worker.js', import.meta.url).href;

/** The real E2EE worker, whose module starts loading only after `delayMs`: a slow network. */
function slowWorker(delayMs: number): Worker {
  const source = `await new Promise((resolve) => setTimeout(resolve, ${delayMs})); await import(${JSON.stringify(workerUrl)});`;
  return new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
}

function config(): WorkerConfig {
  return { suite: 4, keyGraceMs: 5000, failureTolerance: 10, callSecret: crypto.getRandomValues(new Uint8Array(32)), room: 'r', role: 'agent', firstKid: 0 };
}

describe('the E2EE worker lifecycle', () => {
  it('waits for a worker that loads slowly instead of declaring it dead; the heartbeat starts once it is configured', async function () {
    this.timeout(20_000);
    const replaced: SealcallError[] = [];
    const workers: Worker[] = [];
    const lifecycle = new WorkerLifecycle({
      api: defaultTransformApi()!,
      createWorker: () => workers[workers.push(slowWorker(2500)) - 1]!,
      config,
      timeoutMs: 500,
      onEvent: () => undefined,
      onReplaced: (error) => replaced.push(error),
      onGaveUp: (error) => replaced.push(error),
    });
    try {
      const ready = await lifecycle.ready;
      expect(ready, replaced.map((e) => e.message).join('; ')).to.equal(true);
      expect(replaced).to.deep.equal([], 'loading for five heartbeat timeouts is no death');
      workers[0]!.terminate();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(replaced.map((error) => error.code)).to.deep.equal(['E2EE_WORKER_FAILED'], 'once configured, the heartbeat watches it');
    } finally {
      lifecycle.close();
    }
  });
});
