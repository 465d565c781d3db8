/** WebSocket close codes of the signaling server (docs/protocol.md, "Close codes"). */
export const CloseCode = {
  left: 1000,
  shutdown: 1001,
  tooBig: 1009,
  internal: 1011,
  replaced: 4000,
  unauthorized: 4401,
  rejected: 4403,
  joinTimeout: 4408,
  roomFull: 4409,
  rateLimited: 4429,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting cannot help: the client stops. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set<number>([
  CloseCode.left,
  CloseCode.replaced,
  CloseCode.unauthorized,
  CloseCode.rejected,
  CloseCode.roomFull,
  CloseCode.rateLimited,
]);
