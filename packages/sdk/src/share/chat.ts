import { SealcallError } from '../errors.js';
import type { Role } from '../signaling/types.js';
import { isChatText, MAX_CHAT_MESSAGE_LENGTH } from './share-wire.js';

/**
 * A chat message of the call. Its text is plain text: show it as text (never as HTML), and
 * link only https addresses in it (`chatTextParts()`).
 */
export interface ChatMessage {
  readonly id: string;
  /** Who wrote it. */
  readonly from: Role;
  readonly text: string;
  /** When this side sent or received it, by this device's clock (the other side's is not trusted). */
  readonly at: number;
}

/** The text, checked: 1 to 2000 characters, not only white space. */
export function checkChatText(text: unknown): string {
  if (!isChatText(text)) {
    const got = typeof text === 'string' ? `${text.length} characters${text.trim() === '' ? ' of white space' : ''}` : typeof text;
    throw new SealcallError('INVALID_ARGUMENT', `A chat message expected 1 to ${MAX_CHAT_MESSAGE_LENGTH} characters of text, got ${got}.`);
  }
  return text;
}

/** A piece of a chat message's text: plain text, or an https address to show as a link. */
export type ChatTextPart = { readonly text: string } | { readonly text: string; readonly href: string };

const ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than an address. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

/**
 * The text of a message in pieces, each to render as text; only `https:` addresses that parse
 * as URLs become links (`href` is the parsed URL). Any other scheme stays text.
 */
export function chatTextParts(text: string): ChatTextPart[] {
  const parts: ChatTextPart[] = [];
  let from = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = match[0].replace(TRAILING, '');
    const href = httpsHref(address);
    if (href === undefined) continue;
    if (match.index > from) parts.push({ text: text.slice(from, match.index) });
    parts.push({ text: address, href });
    from = match.index + address.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

function httpsHref(address: string): string | undefined {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
