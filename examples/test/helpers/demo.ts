import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium-path.mjs';
import { startUntil, type Started } from './processes.ts';

export interface Demo {
  /** The agent page of `npm start`, on ports of its own. */
  agentPageUrl: string;
  browser: Browser;
}

/** `npm start` and a Chromium for the file's tests, both stopped after them. */
export function demoForTests(): Demo {
  const demo = {} as Demo;
  let started: Started | undefined;
  before(async () => {
    started = await startUntil(process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/start.mjs'], { env: { ...process.env, PORT: '0', SIGNALING_PORT: '0' } }, /Agent page:\s+(\S+)/);
    demo.agentPageUrl = started.match[1]!;
    demo.browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  after(async () => {
    await demo.browser?.close();
    started?.stop();
  });
  return demo;
}
