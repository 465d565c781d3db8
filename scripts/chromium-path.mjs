import { browserExecutable } from './browser-executable.mjs';

/** The Chromium the browser tests and benchmarks drive: CHROME_PATH, else Debian's. */
export function chromiumPath() {
  return browserExecutable({ env: 'CHROME_PATH', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'], name: 'Chromium', aptPackage: 'chromium' });
}

/** Flags for headless, offline, fake-device WebRTC tests (see docs/testing.md). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];
