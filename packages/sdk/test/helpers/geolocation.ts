import { executeServerCommand } from '@web/test-runner-commands';
import { itWhere } from './it-where.js';

export interface TestPosition {
  readonly latitude: number;
  readonly longitude: number;
  readonly accuracy: number;
}

/**
 * Sets the test page's browser context as a customer's browser would be: location allowed at
 * `position`, or not (denied). Camera and microphone stay allowed. False where the driver cannot
 * (scripts/geolocation-plugin.mjs).
 */
export function browserLocation(allow: boolean, position?: TestPosition): Promise<boolean> {
  return executeServerCommand<boolean, { allow: boolean; position?: TestPosition }>('sealcall-geolocation', { allow, ...(position ? { position } : {}) });
}

/** `it` where the driver sets geolocation permissions (Playwright: Chromium), else skipped with the reason. */
export const itWithGeolocation = itWhere(await browserLocation(false), "needs a driver that sets the browser context's geolocation permission (Playwright: Chromium)");
