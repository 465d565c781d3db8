import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parsePutSettings, parseRecordRetentionEvent, type TenantSettings } from '../src/index.js';

function put(change: Partial<Record<keyof TenantSettings, unknown>>) {
  return parsePutSettings({ version: 3, settings: { ...DEFAULT_SETTINGS, ...change } });
}

function reason(parsed: { ok: boolean; reason?: string }): string {
  assert.equal(parsed.ok, false);
  return parsed.reason ?? '';
}

describe('tenant settings', () => {
  it('takes the defaults, and policies per kind, per purpose, and counted from an event', () => {
    assert.deepEqual(put({}), { ok: true, value: { version: 3, settings: DEFAULT_SETTINGS } });
    const retention = [
      { kind: 'picture', days: 30 },
      { kind: 'picture', purpose: 'identity-check', days: 2 },
      { kind: 'recording', days: 14, after: 'claim-closed' },
      { kind: 'audit', days: 365 },
    ];
    assert.deepEqual(put({ retention }), { ok: true, value: { version: 3, settings: { ...DEFAULT_SETTINGS, retention } } });
  });

  it('refuses what would weaken accountability or cannot be enforced, saying what was expected', () => {
    assert.match(reason(put({ retention: [{ kind: 'audit', days: 179 }] })), /"days" for audit entries expected at least 180/);
    assert.match(reason(put({ retention: [{ kind: 'audit', days: 400, after: 'claim-closed' }] })), /for audit entries expected only "days"/);
    assert.match(reason(put({ retention: [{ kind: 'picture', days: 0 }] })), /"days" expected an integer of days/);
    assert.match(reason(put({ retention: [{ kind: 'video', days: 3 }] })), /"kind" expected picture, recording, document, location, transcript, consent, audit/);
    assert.match(reason(put({ retention: [{ kind: 'picture', days: 3, after: 'Claim Closed' }] })), /"event" expected a code/);
    assert.match(reason(put({ allowedOrigins: ['https://portal.example/'] })), /an origin such as/);
    assert.match(reason(put({ agentRecordsDays: -1 })), /"agentRecordsDays" expected an integer of days in 0..3650/);
    assert.match(reason(put({ invitationTemplates: [{ locale: 'nl' }, { locale: 'NL' }] })), /one entry per locale/);
    assert.match(reason(put({ downloads: 'no' })), /"downloads" expected true or false/);
    assert.match(reason(parsePutSettings({ version: 1, settings: { ...DEFAULT_SETTINGS, theme: 'dark' } })), /theme/);
  });

  it('a retention event names exactly one of a subject and a call', () => {
    assert.equal(parseRecordRetentionEvent({ event: 'claim-closed', subjectId: 's-1' }).ok, true);
    assert.match(reason(parseRecordRetentionEvent({ event: 'claim-closed' })), /exactly one of subjectId and callId/);
    assert.match(reason(parseRecordRetentionEvent({ event: 'claim-closed', subjectId: 's', callId: 'c' })), /exactly one of subjectId and callId/);
  });
});
