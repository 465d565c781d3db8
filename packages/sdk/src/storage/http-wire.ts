import { chunkBatchQuery, parseAppended as parseAppendedAnswer, parseArtifactList, parseArtifactRecord, type Parsed } from '@sealcall/protocol';
import type { SealcallError } from '../errors.js';
import { invalidArgument, storageError } from './errors.js';
import type { ArtifactMetadata, ArtifactMetadataPatch } from './types.js';
import { checkId, checkPatch, newArtifactFields, patchFields } from './validate.js';

/** The JSON of the storage server (docs/protocol.md, "Artifact storage"), both ways, by @sealcall/protocol's schemas. */

/** An id that can be a URL path segment: `.` and `..` cannot (URLs resolve them away). */
export function checkAddressableId(id: unknown): string {
  checkId(id);
  if (id === '.' || id === '..') throw invalidArgument(`"id" expected an id other than "." and ".." for HTTP storage, got ${JSON.stringify(id)}`);
  return id as string;
}

export function artifactPath(id: string, rest = ''): string {
  return `/${encodeURIComponent(id)}${rest}`;
}

export function chunkPath(id: string, index: number): string {
  return artifactPath(id, `/chunks/${index}`);
}

/** Where a batch of consecutive chunks goes, from `from` on, with each one's length. */
export function chunkBatchPath(id: string, from: number, chunks: readonly Uint8Array[]): string {
  return artifactPath(id, `/chunks?${chunkBatchQuery({ from, sizes: chunks.map((chunk) => chunk.length) })}`);
}

export const newArtifactBody = newArtifactFields;

export function patchBody(patch: ArtifactMetadataPatch): ArtifactMetadataPatch {
  checkPatch(patch);
  return patchFields(patch);
}

/** Metadata as the server answered it, checked and rebuilt; STORAGE_FAILED if malformed. */
export function parseMetadata(value: unknown): ArtifactMetadata {
  return answered(parseArtifactRecord(value), 'artifact metadata');
}

export function parseMetadataList(value: unknown): ArtifactMetadata[] {
  return answered(parseArtifactList(value), 'a listing');
}

/** The answer to a chunk: how many chunks and bytes the server holds now. */
export function parseAppended(value: unknown): { chunkCount: number; size: number } {
  return answered(parseAppendedAnswer(value), 'a chunk acknowledgement');
}

function answered<T>(parsed: Parsed<T>, what: string): T {
  if (parsed.ok) return parsed.value;
  throw malformed(what, new Error(parsed.reason));
}

function malformed(what: string, cause: unknown): SealcallError {
  return storageError('STORAGE_FAILED', `The storage server answered malformed ${what}.`, { cause });
}
