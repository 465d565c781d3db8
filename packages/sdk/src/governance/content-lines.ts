/**
 * Reading streamed content as it arrives (an export bundle, an artifact opened from the
 * records): NDJSON lines, each checked against the protocol, chunks decoded.
 */

import type { ExportLine, Parsed, RecordLine } from '@sealcall/protocol';
import { SealcallError } from '../errors.js';
import { fromBase64Url } from '../internal/bytes.js';
import type { IdleTimer } from './idle-timer.js';

/** A line as its schema says, but a `chunk` carries its ciphertext as `bytes`, decoded. */
export type WithBytes<L extends { type: string }> =
  | Exclude<L, { type: 'chunk' }>
  | { readonly type: 'chunk'; readonly artifactId: string; readonly index: number; readonly bytes: Uint8Array };

/** A line of an export bundle as `GovernanceClient.readExport` yields it. */
export type ExportBundleLine = WithBytes<ExportLine>;

/** A line of an artifact's content as `GovernanceClient.openArtifact` yields it. */
export type ArtifactContentLine = WithBytes<RecordLine>;

type Chunk = { readonly type: 'chunk'; readonly artifactId: string; readonly index: number; readonly data: string };

/** The lines of an NDJSON body as they arrive, without their `\n`; a last line without one is dropped (cut short). */
export async function* lines(body: ReadableStream<Uint8Array>, idle: IdleTimer): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  try {
    for (;;) {
      // Silence counts only while a line is awaited: a reader may pause (a paused video) at will.
      idle.touch();
      const { done, value } = await reader.read();
      idle.pause();
      if (done) return;
      pending += decoder.decode(value, { stream: true });
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        yield pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    }
  } finally {
    // Stopped early (a bad line, the caller left): let the server know nobody reads on.
    await reader.cancel().catch(() => undefined);
  }
}

/** One line, parsed by `parse`; GOVERNANCE_FAILED if it is not JSON or not what the protocol says. */
export function contentLine<L extends { type: string }>(text: string, what: string, parse: (value: unknown) => Parsed<L>): WithBytes<L> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new SealcallError('GOVERNANCE_FAILED', `${what}: a line of the answer is not JSON.`, { cause });
  }
  const parsed = parse(json);
  if (!parsed.ok) throw new SealcallError('GOVERNANCE_FAILED', `${what}: a line of the answer is not what the protocol says: ${parsed.reason}.`);
  if (parsed.value.type !== 'chunk') return parsed.value as Exclude<L, { type: 'chunk' }>;
  const chunk = parsed.value as unknown as Chunk;
  const bytes = fromBase64Url(chunk.data);
  if (bytes === undefined) throw new SealcallError('GOVERNANCE_FAILED', `${what}: chunk ${chunk.index} of artifact "${chunk.artifactId}" is not base64url.`);
  return { type: 'chunk', artifactId: chunk.artifactId, index: chunk.index, bytes };
}
