/** Room ids (and call ids): 1..64 characters of `[A-Za-z0-9_-]`. */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isRoomId(value: unknown): value is string {
  return typeof value === 'string' && ROOM_ID_PATTERN.test(value);
}

const ROOM_PATH = /^\/v1\/rooms\/([A-Za-z0-9_-]{1,64})$/;

/** The WebSocket path of a room: `/v1/rooms/<roomId>`. */
export function roomPath(roomId: string): string {
  return `/v1/rooms/${encodeURIComponent(roomId)}`;
}

/** The room id of a WebSocket path `/v1/rooms/<roomId>`, or `null` for any other path. */
export function roomFromPath(pathname: string): string | null {
  return ROOM_PATH.exec(pathname)?.[1] ?? null;
}
