import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const CRASH = /browser disconnected|Page crashed|Target crashed/;

/**
 * A @web/test-runner reporter that writes, to the file SEALCALL_BROWSER_RESULTS names, which test
 * files failed and which of them failed because the browser's page crashed under them (see
 * scripts/test-browser.mjs). Without that variable it does nothing.
 */
export function crashReporter() {
  const path = process.env.SEALCALL_BROWSER_RESULTS;
  return {
    onTestRunFinished({ sessions }) {
      if (!path) return;
      const failed = new Set();
      const crashed = new Set();
      for (const session of sessions) {
        if (session.passed) continue;
        const file = relative(process.cwd(), session.testFile);
        failed.add(file);
        if (session.errors.some((error) => CRASH.test(error.message))) crashed.add(file);
      }
      writeFileSync(path, JSON.stringify({ failed: [...failed], crashed: [...crashed] }));
    },
  };
}
