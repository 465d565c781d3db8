/**
 * Checks of everything a storage request carries, before anything touches the disk: the bodies
 * against @sealcall/protocol's schemas (an unknown field is refused, so that nothing unchecked is
 * ever stored), the ids, indexes and queries of the URL here.
 */

import * as protocol from '@sealcall/protocol';
import { SealcallServerError } from '../errors.js';
import type { ArtifactPatch, NewArtifact } from './types.js';

const ID = protocol.ARTIFACT_ID_PATTERN;
const INDEX = /^(0|[1-9][0-9]{0,8})$/;
const TIME = /^(0|[1-9][0-9]{0,15})$/;

/** `.` and `..` match the pattern but are path segments no URL can carry: they are refused. */
export function parseId(value: unknown): string {
  if (typeof value !== 'string' || !ID.test(value) || value === '.' || value === '..') {
    throw invalid(`"id" expected 1 to 128 characters of [A-Za-z0-9._:-] (not "." or ".."), got ${describe(value)}`);
  }
  return value;
}

export function parseIndex(text: string): number {
  if (!INDEX.test(text)) throw invalid(`"index" expected a non-negative integer below 10^9, got ${describe(text)}`);
  return Number(text);
}

/** A time in a query string: milliseconds since the epoch, in decimal. */
export function parseTimeParameter(text: string, name: string): number {
  const value = Number(text);
  if (!TIME.test(text) || !Number.isSafeInteger(value)) {
    throw invalid(`"${name}" expected milliseconds since the epoch (a non-negative integer), got ${describe(text)}`);
  }
  return value;
}

export function parseText(value: unknown, name: string, maxLength = 256): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw invalid(`"${name}" expected a non-empty string of at most ${maxLength} characters, got ${describe(value)}`);
  }
  return value;
}

/** The body of `POST /v1/artifacts`, checked against the wire schema, and the server's own rules. */
export function parseNewArtifact(value: unknown): NewArtifact {
  const artifact = parsed(protocol.parseNewArtifact(value));
  parseId(artifact.id);
  if (artifact.consentRef === null && protocol.KINDS_NEEDING_CONSENT.has(artifact.kind)) {
    throw invalid(`a ${artifact.kind} needs "consentRef": the consent record it was taken under`);
  }
  return artifact;
}

export function parsePatch(value: unknown): ArtifactPatch {
  return parsed(protocol.parseArtifactPatch(value));
}

/** The body of `POST /v1/artifacts/:id/finish`: empty, or `{ "chunkCount": n }`. */
export function parseFinish(value: unknown): number | undefined {
  return parsed(protocol.parseFinish(value))?.chunkCount;
}

function parsed<T>(result: protocol.Parsed<T>): T {
  if (!result.ok) throw invalid(result.reason);
  return result.value;
}

function invalid(message: string): SealcallServerError {
  return new SealcallServerError('INVALID_ARGUMENT', message);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `string of length=${value.length}` : JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : `${typeof value} ${String(value)}`;
}
