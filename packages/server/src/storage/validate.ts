/**
 * Checks of everything a storage request carries, before anything touches the disk. The rules are
 * the SDK's (packages/sdk/src/storage/validate.ts); objects are rebuilt field by field, and an
 * unknown field is refused, so that nothing unchecked is ever stored.
 */

import { SealcallServerError } from '../errors.js';
import type { ArtifactEncryption, ArtifactEndReason, ArtifactKind, ArtifactPatch, NewArtifact } from './types.js';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const INDEX = /^(0|[1-9][0-9]{0,8})$/;
const TIME = /^(0|[1-9][0-9]{0,15})$/;
const KINDS: ReadonlySet<string> = new Set<ArtifactKind>(['picture', 'recording', 'document', 'consent']);
/** What is only ever taken with the person's consent, and so never stored without a reference to it. */
const NEEDS_CONSENT: ReadonlySet<string> = new Set<ArtifactKind>(['picture', 'recording']);
const END_REASONS: ReadonlySet<string> = new Set<ArtifactEndReason>(['stopped', 'consent-withdrawn', 'call-ended', 'failed']);
const NEW_ARTIFACT_FIELDS = ['id', 'callId', 'subjectId', 'kind', 'mimeType', 'createdAt', 'expiresAt', 'consentRef', 'encryption'];
const ENCRYPTION_FIELDS = ['algorithm', 'keyProviderId', 'wrappedKey', 'noncePrefix'];
const PATCH_FIELDS = ['expiresAt', 'encryption', 'endReason'];

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

export function parseNewArtifact(value: unknown): NewArtifact {
  const body = object(value, 'body', NEW_ARTIFACT_FIELDS);
  const createdAt = time(body.createdAt, 'createdAt');
  const expiresAt = time(body.expiresAt, 'expiresAt');
  if (expiresAt < createdAt) throw invalid(`"expiresAt" expected no earlier than createdAt (${createdAt}), got ${expiresAt}`);
  if (typeof body.kind !== 'string' || !KINDS.has(body.kind)) {
    throw invalid(`"kind" expected picture, recording, document or consent, got ${describe(body.kind)}`);
  }
  if (body.consentRef === null && NEEDS_CONSENT.has(body.kind)) {
    throw invalid(`a ${body.kind} needs "consentRef": the consent record it was taken under`);
  }
  return {
    id: parseId(body.id),
    callId: parseText(body.callId, 'callId'),
    subjectId: parseText(body.subjectId, 'subjectId'),
    kind: body.kind as ArtifactKind,
    mimeType: parseText(body.mimeType, 'mimeType', 128),
    createdAt,
    expiresAt,
    consentRef: body.consentRef === null ? null : parseText(body.consentRef, 'consentRef'),
    encryption: encryption(body.encryption),
  };
}

export function parsePatch(value: unknown): ArtifactPatch {
  const body = object(value, 'body', PATCH_FIELDS);
  if (body.endReason !== undefined && (typeof body.endReason !== 'string' || !END_REASONS.has(body.endReason))) {
    throw invalid(`"endReason" expected stopped, consent-withdrawn, call-ended or failed, got ${describe(body.endReason)}`);
  }
  return {
    ...(body.expiresAt !== undefined ? { expiresAt: time(body.expiresAt, 'expiresAt') } : {}),
    ...(body.encryption !== undefined ? { encryption: encryption(body.encryption) } : {}),
    ...(body.endReason !== undefined ? { endReason: body.endReason as ArtifactEndReason } : {}),
  };
}

/** The body of `POST /v1/artifacts/:id/finish`: empty, or `{ "chunkCount": n }`. */
export function parseFinish(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const body = object(value, 'body', ['chunkCount']);
  if (body.chunkCount === undefined) return undefined;
  if (!Number.isSafeInteger(body.chunkCount) || (body.chunkCount as number) < 0) {
    throw invalid(`"chunkCount" expected a non-negative integer, got ${describe(body.chunkCount)}`);
  }
  return body.chunkCount as number;
}

function encryption(value: unknown): ArtifactEncryption {
  const e = object(value, 'encryption', ENCRYPTION_FIELDS);
  return {
    algorithm: parseText(e.algorithm, 'encryption.algorithm', 64),
    keyProviderId: parseText(e.keyProviderId, 'encryption.keyProviderId'),
    wrappedKey: e.wrappedKey === null ? null : base64Url(e.wrappedKey, 'encryption.wrappedKey', 4096),
    noncePrefix: base64Url(e.noncePrefix, 'encryption.noncePrefix', 64),
  };
}

function object(value: unknown, name: string, fields: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`"${name}" expected a JSON object, got ${describe(value)}`);
  const unknown = Object.keys(value).find((key) => !fields.includes(key));
  if (unknown !== undefined) throw invalid(`"${name}" expected only the fields ${fields.join(', ')}, got ${describe(unknown)}`);
  return value as Record<string, unknown>;
}

function time(value: unknown, name: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw invalid(`"${name}" expected milliseconds since the epoch (a non-negative integer), got ${describe(value)}`);
  }
  return value as number;
}

function base64Url(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string' || !BASE64URL.test(value) || value.length > maxLength) {
    throw invalid(`"${name}" expected unpadded base64url of at most ${maxLength} characters, got ${describe(value)}`);
  }
  return value;
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
