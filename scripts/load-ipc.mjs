// What a server process of `npm run bench:load` answers over IPC: 'memory' (after a full garbage
// collection, when started with --expose-gc) and 'loop-delay' (how late its event loop ran since
// the previous 'loop-delay', in ms).
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function answerLoadQuestions() {
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  process.on('message', (message) => {
    if (message === 'memory') {
      globalThis.gc?.();
      const { rss, heapUsed, external } = process.memoryUsage();
      process.send({ rss, heap: heapUsed + external });
    } else if (message === 'loop-delay') {
      process.send({ p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 });
      loopDelay.reset();
    }
  });
}
