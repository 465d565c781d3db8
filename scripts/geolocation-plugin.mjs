/**
 * Lets browser tests set what the page's browser context allows and reports for geolocation, as
 * a user's browser would: `executeServerCommand('sealcall-geolocation', payload)`.
 *   { allow: true, position: { latitude, longitude, accuracy } } -> true: granted, at that position
 *   { allow: false }                                             -> true: not granted (denied)
 * Camera and microphone stay granted either way: a call whose camera permission goes has its
 * camera stopped.
 * Playwright (Chromium) only: for another driver the command answers false.
 */
export function geolocationPlugin() {
  return {
    name: 'sealcall-geolocation',
    async executeCommand({ command, payload, session }) {
      if (command !== 'sealcall-geolocation') return undefined;
      if (session.browser.type !== 'playwright') return false;
      const context = session.browser.getPage(session.id).context();
      // Playwright adds to what was granted before: start over.
      await context.clearPermissions();
      await context.grantPermissions(payload?.allow ? ['camera', 'microphone', 'geolocation'] : ['camera', 'microphone']);
      if (payload?.allow && payload.position) await context.setGeolocation(payload.position);
      return true;
    },
  };
}
