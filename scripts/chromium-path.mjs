import { existsSync } from 'node:fs';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium the browser tests and benchmarks drive: CHROME_PATH, else Debian's. */
export function chromiumPath() {
  const found = candidates.find((path) => path && existsSync(path));
  if (found) return found;
  throw new Error(
    'No Chromium found. Set CHROME_PATH to a Chromium or Chrome binary, or install one:\n' +
      '  sudo apt-get update && sudo apt-get install -y chromium   # Debian/Ubuntu\n' +
      'then run the command again.',
  );
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
