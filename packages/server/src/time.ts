/** A day in milliseconds: retention and windows count whole days of 24 hours. */
export const DAY_MS = 24 * 3600 * 1000;
