/** Reading an export bundle as it arrives: NDJSON lines, each checked against the protocol. */

import { parseExportLine, type ExportLine } from '@sealcall/protocol';
import { SealcallError } from '../errors.js';
import { fromBase64Url } from '../internal/bytes.js';
import type { IdleTimer } from './idle-timer.js';

/**
 * A line of an export bundle as `readExport` yields it: as ExportLineSchema says, but a `chunk`
 * carries its ciphertext as `bytes`, decoded.
 */
export type ExportBundleLine =
  | Exclude<ExportLine, { type: 'chunk' }>
  | { readonly type: 'chunk'; readonly artifactId: string; readonly index: number; readonly bytes: Uint8Array };

/** The lines of an NDJSON body as they arrive, without their `\n`; a last line without one is dropped (cut short). */
export async function* lines(body: ReadableStream<Uint8Array>, idle: IdleTimer): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      idle.touch();
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

export function bundleLine(text: string, what: string): ExportBundleLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new SealcallError('GOVERNANCE_FAILED', `${what}: a line of the bundle is not JSON.`, { cause });
  }
  const parsed = parseExportLine(json);
  if (!parsed.ok) throw new SealcallError('GOVERNANCE_FAILED', `${what}: a line of the bundle is not what the protocol says: ${parsed.reason}.`);
  const line = parsed.value;
  if (line.type !== 'chunk') return line;
  const bytes = fromBase64Url(line.data);
  if (bytes === undefined) throw new SealcallError('GOVERNANCE_FAILED', `${what}: chunk ${line.index} of artifact "${line.artifactId}" is not base64url.`);
  return { type: 'chunk', artifactId: line.artifactId, index: line.index, bytes };
}
