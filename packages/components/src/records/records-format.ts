import { SealcallError } from '@sealcall/sdk';
import type { RecordsMessages } from './records.messages.js';

export function dateTime(locale: string, ms: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function date(locale: string, ms: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(ms);
}

/** A language by its own name ("Deutsch", "Polski"), as a language menu lists it. */
export function languageName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** What staff are told when something fails: plain words, never a code. */
export function failureWords(t: RecordsMessages, error: unknown): string {
  if (!(error instanceof SealcallError)) return t.failed;
  switch (error.code) {
    case 'GOVERNANCE_UNAUTHORIZED':
      return t.signInAgain;
    case 'GOVERNANCE_FORBIDDEN':
      return t.notAllowed;
    case 'ARTIFACT_KEY_UNAVAILABLE':
      return t.keyMissing;
    case 'ARTIFACT_CORRUPT':
      return t.damaged;
    case 'ARTIFACT_UNPLAYABLE':
      return t.unplayable;
    case 'ARTIFACT_KEY_DESTROYED':
    case 'GOVERNANCE_NOT_FOUND':
      return t.gone;
    default:
      return t.failed;
  }
}

/** The whole of a (small) stream, as a Blob of `type`. */
export async function blobOf(stream: ReadableStream<Uint8Array>, type: string): Promise<Blob> {
  return new Response(stream, { headers: { 'content-type': type } }).blob();
}
