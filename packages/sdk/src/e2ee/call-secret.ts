/** The call secret: 32 random bytes that travel only in the invitation link's fragment. */
export const CALL_SECRET_BYTES = 32;

export function createCallSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(CALL_SECRET_BYTES));
}
