import type { ArtifactVault } from '../at-rest/artifact-vault.js';
import { SealcallError } from '../errors.js';
import { checkId } from '../storage/validate.js';
import type { CaptureConsentSource } from './consent-source.js';
import { DEFAULT_RECORDING_SIZE } from './mix-layout.js';
import type { AfterWithdrawal, CallRecorderOptions, RecordingLayout, RecordingMeta } from './recorder-types.js';

/** The options with their defaults, checked. */
export interface RecorderSettings {
  readonly vault: ArtifactVault;
  readonly consent: CaptureConsentSource;
  readonly local: MediaStream;
  readonly remote: MediaStream;
  readonly meta: RecordingMeta & { readonly id: string };
  readonly layout: RecordingLayout;
  readonly afterWithdrawal: AfterWithdrawal;
  readonly timesliceMs: number;
  readonly mimeType: string | undefined;
  readonly videoBitsPerSecond: number;
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
}

const LAYOUTS: ReadonlySet<string> = new Set<RecordingLayout>(['side-by-side', 'picture-in-picture']);
const AFTER_WITHDRAWAL: ReadonlySet<string> = new Set<AfterWithdrawal>(['delete', 'keep']);

/** Throws INVALID_ARGUMENT, in noble's wording, for the first option that is wrong. */
export function recorderSettings(options: CallRecorderOptions): RecorderSettings {
  if (!isObject(options)) throw invalid(`"options" expected an object, got ${describe(options)}`);
  const { vault, consent, local, remote, meta } = options;
  if (!isObject(vault) || typeof vault.write !== 'function' || !isObject(vault.storage)) throw invalid(`"vault" expected an ArtifactVault, got ${describe(vault)}`);
  if (!isObject(consent) || typeof consent.require !== 'function' || typeof consent.onWithdrawn !== 'function') {
    throw invalid(`"consent" expected a CaptureConsentSource, got ${describe(consent)}`);
  }
  checkStream(local, 'local');
  checkStream(remote, 'remote');
  if (!isObject(meta)) throw invalid(`"meta" expected an object, got ${describe(meta)}`);
  checkText(meta.callId, 'meta.callId');
  checkText(meta.subjectId, 'meta.subjectId');
  if (!Number.isSafeInteger(meta.expiresAt) || meta.expiresAt < 0) throw invalid(`"meta.expiresAt" expected milliseconds since the epoch, got ${describe(meta.expiresAt)}`);
  const id = meta.id === undefined ? crypto.randomUUID() : checkId(meta.id, 'meta.id');
  const layout = options.layout ?? 'side-by-side';
  if (!LAYOUTS.has(layout)) throw invalid(`"layout" expected side-by-side or picture-in-picture, got ${describe(layout)}`);
  const afterWithdrawal = options.afterWithdrawal ?? 'delete';
  if (!AFTER_WITHDRAWAL.has(afterWithdrawal)) throw invalid(`"afterWithdrawal" expected delete or keep, got ${describe(afterWithdrawal)}`);
  if (options.mimeType !== undefined) checkText(options.mimeType, 'mimeType');
  const size = DEFAULT_RECORDING_SIZE[layout];
  return {
    vault,
    consent,
    local,
    remote,
    meta: { callId: meta.callId, subjectId: meta.subjectId, expiresAt: meta.expiresAt, id },
    layout,
    afterWithdrawal,
    timesliceMs: integer(options.timesliceMs, 'timesliceMs', 2000, 100, 10_000),
    mimeType: options.mimeType,
    videoBitsPerSecond: integer(options.videoBitsPerSecond, 'videoBitsPerSecond', 2_500_000, 10_000, 100_000_000),
    width: integer(options.width, 'width', size.width, 16, 4096),
    height: integer(options.height, 'height', size.height, 16, 4096),
    frameRate: integer(options.frameRate, 'frameRate', 25, 1, 60),
  };
}

export function checkStream(stream: unknown, name: string): asserts stream is MediaStream {
  // Duck-typed: a MediaStream from another frame of the page fails `instanceof` but works.
  if (!isObject(stream) || typeof stream.getTracks !== 'function' || typeof stream.getVideoTracks !== 'function') {
    throw invalid(`"${name}" expected MediaStream, got ${describe(stream)}`);
  }
}

function integer(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalid(`"${name}" expected an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value as number;
}

function checkText(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw invalid(`"${name}" expected a non-empty string of at most 256 characters, got ${describe(value)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function invalid(message: string): SealcallError {
  return new SealcallError('INVALID_ARGUMENT', message);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `string of length=${value.length}` : JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return `${typeof value} ${String(value)}`;
}
