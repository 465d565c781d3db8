import { SealcallError } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../internal/bytes.js';
import { CALL_SECRET_BYTES } from './call-secret.js';

export interface Invite {
  readonly room: string;
  /** The customer's room token. */
  readonly token: string;
  /** The call secret: 32 bytes that only the link carries. */
  readonly secret: Uint8Array;
  /** The signaling server's URL, if the link names one. */
  readonly signalingUrl?: string;
}

/**
 * The customer's invitation link. Everything secret goes in the fragment (after `#`), which
 * browsers never send to a server: not to the portal's web server, not in a Referer header.
 */
export function createInvite(pageUrl: string | URL, invite: Invite): string {
  const url = new URL(pageUrl);
  const fragment = new URLSearchParams({ room: invite.room, token: invite.token, k: toBase64Url(invite.secret) });
  if (invite.signalingUrl) fragment.set('signaling', invite.signalingUrl);
  url.hash = fragment.toString();
  return url.href;
}

/** Reads an invitation link (or `location.href`); throws INVALID_INVITE when anything is missing. */
export function parseInvite(href: string | URL): Invite {
  const params = new URLSearchParams(new URL(href).hash.slice(1));
  const room = params.get('room');
  const token = params.get('token');
  const secret = fromBase64Url(params.get('k') ?? '');
  if (!room || !token || secret?.length !== CALL_SECRET_BYTES) {
    throw new SealcallError('INVALID_INVITE', 'This invitation link is incomplete or damaged. Ask for a new invitation.');
  }
  const signalingUrl = params.get('signaling');
  return signalingUrl ? { room, token, secret, signalingUrl } : { room, token, secret };
}
