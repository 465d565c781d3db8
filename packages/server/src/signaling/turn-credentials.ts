import { createHmac } from 'node:crypto';
import type { IceServer } from '@sealcall/protocol';

/** A TURN server that takes time-limited credentials from a shared secret (coturn's `use-auth-secret`). */
export interface TurnOptions {
  /** coturn's `static-auth-secret`. */
  readonly secret: string;
  /** Its URLs, e.g. `turns:turn.example.eu:443?transport=tcp`. */
  readonly urls: readonly string[];
}

/**
 * Credentials in the TURN REST form (draft-uberti-behave-turn-rest): username
 * `<unix expiry>:<participant id>`, credential base64(HMAC-SHA1(secret, username)). They expire
 * with the participant's session (`expiresAt`, ms): no relay outlives the call's token.
 */
export function turnCredentials(turn: TurnOptions, participantId: string, expiresAt: number): IceServer {
  const username = `${Math.floor(expiresAt / 1000)}:${participantId}`;
  return { urls: [...turn.urls], username, credential: createHmac('sha1', turn.secret).update(username).digest('base64') };
}
