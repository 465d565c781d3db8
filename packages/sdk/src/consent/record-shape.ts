import { parseCountersignature } from '@sealcall/protocol';
import { isObject, isString } from '../internal/validate.js';
import type { ConsentRecord } from './types.js';

const HEX64 = /^[0-9a-f]{64}$/;
const KINDS: ReadonlySet<unknown> = new Set(['grant', 'withdrawal', 'refusal']);
const METHODS: ReadonlySet<unknown> = new Set(['dialog', 'invitation', 'verbal-confirmed-by-agent']);

/** True when `value` has the shape of a ConsentRecord (whether its hashes hold is verifyChain's job). */
export function isConsentRecord(value: unknown): value is ConsentRecord {
  if (!isObject(value)) return false;
  const v = value;
  return (
    isString(v.id, 128) &&
    KINDS.has(v.kind) &&
    Array.isArray(v.purposes) &&
    v.purposes.every((p) => isString(p, 64)) &&
    isString(v.subjectId) &&
    (v.callId === undefined || isString(v.callId)) &&
    METHODS.has(v.method) &&
    (v.confirmedBy === undefined || isString(v.confirmedBy)) &&
    isString(v.shownText, 100_000) &&
    typeof v.textSha256 === 'string' && HEX64.test(v.textSha256) &&
    isString(v.locale, 35) &&
    isString(v.noticeVersion, 64) &&
    isString(v.at, 40) &&
    typeof v.previousHash === 'string' && HEX64.test(v.previousHash) &&
    typeof v.hash === 'string' && HEX64.test(v.hash) &&
    (v.countersignature === undefined || parseCountersignature(v.countersignature).ok)
  );
}
