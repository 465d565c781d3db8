import { fileURLToPath } from 'node:url';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { crashReporter } from './scripts/crash-reporter.mjs';
import { chromiumArgs, chromiumPath } from './scripts/chromium-path.mjs';
import { firefoxPage, firefoxPath, firefoxPrefs } from './scripts/firefox-path.mjs';
import { geolocationPlugin } from './scripts/geolocation-plugin.mjs';
import { prebundlePlugin } from './scripts/prebundle.mjs';
import { testServerPlugin } from './scripts/test-server-plugin.mjs';
import { tsSiblingMiddleware } from './scripts/ts-sibling-middleware.mjs';

export default {
  files: ['packages/*/test/**/*.test.ts', '!packages/*/test/**/*.node.test.ts', '!packages/server/**'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  middleware: [tsSiblingMiddleware(new URL('./', import.meta.url))],
  concurrency: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 30_000 } },
  // A promise rejected with nobody to catch it fails the running test, as an uncaught error does.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><body>
<script type="module">
  window.addEventListener('unhandledrejection', (event) => {
    throw event.reason instanceof Error ? event.reason : new Error('Unhandled rejection: ' + String(event.reason));
  });
</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
  browsers: browsers(),
  reporters: [defaultReporter(), crashReporter()],
  plugins: [
    prebundlePlugin(),
    esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    testServerPlugin(),
    geolocationPlugin(),
  ],
};

/** Chromium and Firefox; `TEST_BROWSERS=chromium` (or `firefox`) runs one. */
function browsers() {
  const wanted = (process.env.TEST_BROWSERS ?? 'chromium,firefox').split(',');
  const launchers = {
    chromium: () => playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } }),
    // Puppeteer drives Firefox over WebDriver BiDi: no geckodriver, no browser download.
    firefox: () =>
      puppeteerLauncher({
        launchOptions: { browser: 'firefox', executablePath: firefoxPath(), headless: true, extraPrefsFirefox: firefoxPrefs },
        createPage: firefoxPage,
      }),
  };
  return wanted.map((name) => {
    if (!launchers[name]) throw new Error(`TEST_BROWSERS names ${name}; expected chromium and/or firefox.`);
    return launchers[name]();
  });
}
