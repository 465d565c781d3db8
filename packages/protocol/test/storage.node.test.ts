import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkBatchQuery, MAX_CHUNK_BATCH, parseArtifactList, parseChunkBatchQuery, parseArtifactPatch, parseArtifactRecord, parseFinish, parseNewArtifact, STORAGE_ACCESS, STORAGE_OPERATIONS } from '../src/index.js';

const artifact = {
  id: 'claim:42.photo-1',
  callId: 'call-1',
  subjectId: 'subject-AbC123',
  kind: 'picture',
  mimeType: 'image/png',
  createdAt: 1_000,
  expiresAt: 2_000,
  consentRef: 'consent-7',
  encryption: { algorithm: 'sealcall-stream-v1/aes-256-gcm/64k', keyProviderId: 'device:default', wrappedKey: 'AQIDBA', noncePrefix: 'AAAAAAAAAA' },
};

function reason(parsed: { ok: boolean; reason?: string }): string {
  assert.equal(parsed.ok, false);
  return parsed.reason ?? '';
}

describe('storage requests: strict, so nothing unchecked is stored', () => {
  it('takes a new artifact as it is, and refuses any field it does not know, at any level', () => {
    assert.deepEqual(parseNewArtifact(artifact), { ok: true, value: artifact });
    assert.match(reason(parseNewArtifact({ ...artifact, name: 'Jane Doe' })), /"body" expected only the fields id, callId/);
    assert.match(reason(parseNewArtifact({ ...artifact, encryption: { ...artifact.encryption, extra: 1 } })), /"encryption" expected only the fields/);
  });

  it('says which field is wrong and what it got', () => {
    assert.match(reason(parseNewArtifact({ ...artifact, id: 'has space' })), /"id" expected 1 to 128 characters of \[A-Za-z0-9._:-\], got "has space"/);
    assert.match(reason(parseNewArtifact({ ...artifact, kind: 'video' })), /"kind" expected picture, recording, document, location, transcript or consent, got "video"/);
    assert.match(reason(parseNewArtifact({ ...artifact, createdAt: -1 })), /"createdAt" expected milliseconds since the epoch/);
    assert.match(reason(parseNewArtifact({ ...artifact, expiresAt: 500 })), /"expiresAt" expected no earlier than createdAt \(1000\), got 500/);
    assert.match(reason(parseNewArtifact({ ...artifact, encryption: { ...artifact.encryption, wrappedKey: 'not base64url!' } })), /"encryption.wrappedKey" expected unpadded base64url/);
    assert.match(reason(parseNewArtifact([artifact])), /"body" expected a JSON object, got array/);
  });

  it('patches and finishes: only their fields', () => {
    assert.deepEqual(parseArtifactPatch({ endReason: 'stopped' }), { ok: true, value: { endReason: 'stopped' } });
    assert.match(reason(parseArtifactPatch({ subjectId: 'other' })), /expected only the fields expiresAt, encryption, endReason/);
    assert.deepEqual(parseFinish(undefined), { ok: true, value: undefined });
    assert.deepEqual(parseFinish({ chunkCount: 3 }), { ok: true, value: { chunkCount: 3 } });
    assert.match(reason(parseFinish({ chunkCount: -1 })), /"chunkCount" expected a non-negative integer/);
  });
});

describe('storage answers: loose, so a newer server does not break an older client', () => {
  it('drops fields it does not know, and refuses a bad shape', () => {
    const record = { ...artifact, size: 10, status: 'complete', chunkCount: 1, owner: 'agent-1' };
    const parsed = parseArtifactRecord(record);
    assert.ok(parsed.ok);
    assert.equal('owner' in parsed.value, false);
    assert.match(reason(parseArtifactRecord({ ...record, status: 'done' })), /"status"/);
    assert.deepEqual(parseArtifactList({ artifacts: [record] }).ok, true);
    assert.match(reason(parseArtifactList({ artifacts: {} })), /"artifacts" expected an array/);
  });
});

describe('storage access: one table of every operation for every role', () => {
  it('covers each operation for agent, customer and office, and the office never writes content', () => {
    assert.deepEqual(Object.keys(STORAGE_ACCESS).sort(), [...STORAGE_OPERATIONS].sort());
    for (const op of STORAGE_OPERATIONS) assert.deepEqual(Object.keys(STORAGE_ACCESS[op]).sort(), ['agent', 'customer', 'office']);
    for (const op of ['begin', 'append', 'finish'] as const) assert.equal(STORAGE_ACCESS[op].office, 'never');
    for (const op of STORAGE_OPERATIONS) assert.notEqual(STORAGE_ACCESS[op].customer, 'tenant');
  });
});

describe('chunk batches: one query both sides build and read', () => {
  it('round-trips a batch', () => {
    const batch = { from: 7, sizes: [65552, 0, 12] };
    assert.deepEqual(parseChunkBatchQuery(chunkBatchQuery(batch)), { ok: true, value: batch });
  });

  it('refuses what could store a chunk at a place nobody asked for', () => {
    const refused = (query: string, reason: RegExp) => {
      const parsed = parseChunkBatchQuery(query);
      assert.equal(parsed.ok, false, query);
      assert.match((parsed as { reason: string }).reason, reason, query);
    };
    refused('', /exactly the query parameters from and sizes, got none/);
    refused('from=1', /got from$/);
    refused('from=1&sizes=2&extra=3', /got extra,from,sizes/);
    refused('from=1&from=2&sizes=3', /got from,from,sizes/);
    for (const from of ['-1', '01', '1.5', '1e3', ' 1', '9007199254740992', '']) refused(`from=${from}&sizes=3`, /"from" expected a chunk index/);
    for (const sizes of ['3,,4', '3,-4', '3,x', '', '3,', '1.5']) refused(`from=0&sizes=${sizes}`, /"sizes" expected comma-separated chunk lengths/);
    refused(`from=0&sizes=${Array(MAX_CHUNK_BATCH + 1).fill(1).join(',')}`, /at most 64 chunks, got 65/);
  });
});
