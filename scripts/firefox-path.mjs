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
