import { browserExecutable } from './browser-executable.mjs';

/** The Firefox the browser tests drive: FIREFOX_PATH, else Debian's firefox-esr. */
export function firefoxPath() {
  return browserExecutable({ env: 'FIREFOX_PATH', paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'], name: 'Firefox', aptPackage: 'firefox-esr' });
}

/** Prefs for headless, fake-device, loopback WebRTC tests (see docs/testing.md). */
export const firefoxPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.default_address_only': false,
  'media.peerconnection.ice.link_local': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.autoplay.block-webaudio': false,
  // No sound device here: a mock audio backend lets AudioContext run (Web Audio mixes recordings).
  'media.cubeb.force_mock_context': true,
};

/**
 * A new test page in `context` whose `setViewport` survives Firefox ESR 140: puppeteer sends
 * `emulation.setScreenOrientationOverride` next to every viewport change, and Firefox added that
 * command only later (153 has it). The viewport itself is applied either way; this waits for it.
 */
export async function firefoxPage({ context }) {
  const page = await context.newPage();
  await page.bringToFront();
  const setViewport = page.setViewport.bind(page);
  page.setViewport = async (viewport) => {
    try {
      await setViewport(viewport);
    } catch (error) {
      if (!String(error?.message).includes('emulation.setScreenOrientationOverride')) throw error;
      // The refusal can come back before the viewport change it was sent with has landed.
      if (viewport) await page.waitForFunction((width) => window.innerWidth === width, { timeout: 5000 }, viewport.width);
    }
  };
  return page;
}
