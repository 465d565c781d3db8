import { existsSync } from 'node:fs';

const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The Firefox the browser tests drive: FIREFOX_PATH, else Debian's firefox-esr. */
export function firefoxPath() {
  const found = candidates.find((path) => path && existsSync(path));
  if (found) return found;
  throw new Error(
    'No Firefox found. Set FIREFOX_PATH to a Firefox binary, or install one:\n' +
      '  sudo apt-get update && sudo apt-get install -y firefox-esr   # Debian/Ubuntu\n' +
      'then run the command again.',
  );
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
