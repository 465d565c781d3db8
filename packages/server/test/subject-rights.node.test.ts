import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  EXPORT_DEADLINE_DAYS,
  GOVERNANCE_ROUTES,
  parseExportLine,
  parseSubjectErasure,
  parseSubjectExport,
  parseSubjectExportPage,
  type ArtifactRecord,
  type AuditEntryRecord,
  type ExportLine,
  type SubjectErasure,
} from '@sealcall/protocol';
import { createStorageToken } from '../src/index.js';
import { testDatabase } from './database.js';
import { agentToken, auditOf, startCall, startGovernance, storage, upload, type GovernanceHarness, type Upload } from './governance-helpers.js';
import { SECRET } from './helpers.js';
import { artifactDir, bytes, DAY, newArtifact, path } from './storage-helpers.js';

async function erase(h: GovernanceHarness, subjectId: string, json: unknown = {}): Promise<SubjectErasure> {
  const answer = await h.request(GOVERNANCE_ROUTES.eraseSubject, await h.staffToken(['dpo'], 'dpo-1'), { id: subjectId, json });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  const parsed = parseSubjectErasure(answer.json);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return parsed.value;
}

async function officeList(h: GovernanceHarness, subjectId: string): Promise<ArtifactRecord[]> {
  const token = createStorageToken({ secret: SECRET, room: '*', role: 'office', subject: 'office', tenant: h.tenant });
  const answer = await storage(h, 'GET', `/v1/artifacts?subjectId=${encodeURIComponent(subjectId)}`, { token });
  assert.equal(answer.status, 200);
  return (answer.json as { artifacts: ArtifactRecord[] }).artifacts;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

/** The entries an erasure wrote: nothing in them may name the subject. */
function erasureEntries(entries: readonly AuditEntryRecord[], from: number): AuditEntryRecord[] {
  return entries.filter((entry) => entry.seq > from);
}

function assertNamesNoSubject(entries: readonly AuditEntryRecord[], subjectId: string): void {
  for (const entry of entries) {
    assert.equal(entry.subjectId, null, `${entry.action} names no subject`);
    assert.doesNotMatch(JSON.stringify(entry), new RegExp(subjectId), `${entry.action} holds nothing of the subject id`);
  }
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The tables with a row of `tenant` that holds `text` anywhere. */
async function tablesNaming(db: Awaited<ReturnType<typeof testDatabase>>, tenant: string, text: string): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'tenant_id' ORDER BY 1`,
  );
  const naming: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await db.query(`SELECT 1 FROM ${table} t WHERE t.tenant_id = $1 AND strpos(row_to_json(t)::text, $2) > 0 LIMIT 1`, [tenant, text]);
    if (rows.length > 0) naming.push(table);
  }
  return naming;
}

describe('POST /v1/subjects/:id/erasure (Art. 17)', () => {
  it('erases every artifact and consent record of the subject, content and wrapped key, and nothing of anyone else', async (t) => {
    const h = await startGovernance(t);
    const started = await startCall(h, { subjectId: 'subject-erase-1' });
    const mine = [
      await upload(h, { callId: started.callId, subjectId: 'subject-erase-1', chunks: [bytes(1000), bytes(500)] }),
      await upload(h, { callId: started.callId, subjectId: 'subject-erase-1', kind: 'picture' }),
      await upload(h, { callId: started.callId, subjectId: 'subject-erase-1', kind: 'consent' }),
    ];
    const theirs = await upload(h, { callId: 'call-other', subjectId: 'subject-other' });
    const event = await h.request(GOVERNANCE_ROUTES.recordRetentionEvent, await h.staffToken(['agent']), { json: { event: 'claim-closed', subjectId: 'subject-erase-1' } });
    assert.equal(event.status, 201);
    const before = (await auditOf(h)).at(-1)!.seq;

    const erasure = await erase(h, 'subject-erase-1');
    assert.equal(erasure.artifactsErased, 3);
    assert.deepEqual(erasure.retained, []);
    assert.ok(Math.abs(erasure.erasedAt - Date.now()) < 5000);
    assert.deepEqual(await officeList(h, 'subject-erase-1'), []);
    assert.deepEqual((await officeList(h, 'subject-other')).map((a) => a.id), [theirs.id]);
    for (const artifact of mine) assert.equal(await exists(artifactDir(h.dir, artifact.id, h.tenant)), false, `${artifact.kind}'s content is gone`);
    assert.equal(await exists(artifactDir(h.dir, theirs.id, h.tenant)), true);

    const db = await testDatabase();
    assert.deepEqual(await db.query(`SELECT id FROM artifacts WHERE tenant_id = $1 AND subject_id = $2`, [h.tenant, 'subject-erase-1']), [], 'no row, so no wrapped key');
    assert.deepEqual(await db.query(`SELECT subject_id FROM rooms WHERE tenant_id = $1 AND id = $2`, [h.tenant, started.callId]), [{ subject_id: null }], 'the call no longer names them');
    assert.deepEqual(await tablesNaming(db, h.tenant, 'subject-erase-1'), ['audit_log'], 'only entries written before the erasure');
    const stones = await db.query<{ subject_ref: string }>(`SELECT subject_ref FROM erased_subjects WHERE tenant_id = $1`, [h.tenant]);
    assert.equal(stones.length, 1);
    assert.doesNotMatch(stones[0]!.subject_ref, /subject-erase-1/);

    const written = erasureEntries(await auditOf(h), before);
    assert.deepEqual(written.map((entry) => entry.action), ['erasure.requested', 'artifact.erased', 'artifact.erased', 'artifact.erased', 'erasure.completed']);
    assertNamesNoSubject(written, 'subject-erase-1');
    assert.equal(written[0]!.details.subjectRef, stones[0]!.subject_ref, 'the DPO can tie the entries to the tombstone');
    assert.deepEqual(written.at(-1)!.details, { subjectRef: stones[0]!.subject_ref, erased: 3, retained: 0 });
  });

  it('refuses anything new for the subject: a new artifact, late chunks, a finish; and running it again changes nothing', async (t) => {
    const h = await startGovernance(t);
    const inFlight = await upload(h, { callId: 'call-late', subjectId: 'subject-late', finish: false });
    const first = await erase(h, 'subject-late');
    assert.equal(first.artifactsErased, 1);

    const token = agentToken(h, 'call-late', 'subject-late');
    const late = await storage(h, 'PUT', path(inFlight.id, '/chunks/1'), { token, body: bytes(10) });
    assert.equal(late.status, 404, 'a late chunk of the erased upload');
    assert.equal((await storage(h, 'POST', path(inFlight.id, '/finish'), { token, json: {} })).status, 404);
    const again = await storage(h, 'POST', '/v1/artifacts', { token, json: newArtifact({ callId: 'call-late', subjectId: 'subject-late' }) });
    assert.equal(again.status, 409);
    assert.match((again.json as { error: { message: string } }).error.message, /data subject has been erased/);
    assert.equal(await exists(artifactDir(h.dir, inFlight.id, h.tenant)), false);

    const second = await erase(h, 'subject-late');
    assert.deepEqual(second, { ...first, artifactsErased: 0 }, 'the same tombstone, nothing left to erase');
    assert.equal((await storage(h, 'POST', '/v1/artifacts', { token: agentToken(h, 'call-late', 'subject-else'), json: newArtifact({ callId: 'call-late', subjectId: 'subject-else' }) })).status, 201, 'other subjects go on');
  });

  it('keeps what a legal hold covers and what the DPO keeps on another lawful basis, and says so', async (t) => {
    const h = await startGovernance(t);
    const held = await upload(h, { callId: 'call-held', subjectId: 'subject-kept' });
    const claim = await upload(h, { callId: 'call-free', subjectId: 'subject-kept' });
    const gone = await upload(h, { callId: 'call-free', subjectId: 'subject-kept', kind: 'picture' });
    const theirs = await upload(h, { callId: 'call-x', subjectId: 'subject-x' });
    const dpo = await h.staffToken(['dpo'], 'dpo-1');
    assert.equal((await h.request(GOVERNANCE_ROUTES.placeHold, dpo, { json: { callId: 'call-held', reason: 'litigation' } })).status, 201);

    const refused = await h.request(GOVERNANCE_ROUTES.eraseSubject, dpo, { id: 'subject-kept', json: { retain: [{ artifactId: theirs.id, basis: 'legal-claims' }] } });
    assert.equal(refused.status, 400);
    assert.match((refused.json as { error: { message: string } }).error.message, /not one of this subject's; nothing was erased/);
    assert.equal((await officeList(h, 'subject-kept')).length, 3);

    const erasure = await erase(h, 'subject-kept', { retain: [{ artifactId: claim.id, basis: 'legal-claims' }] });
    assert.equal(erasure.artifactsErased, 1);
    const sorted = (list: SubjectErasure['retained']) => [...list].sort((a, b) => a.artifactId.localeCompare(b.artifactId));
    assert.deepEqual(sorted(erasure.retained), sorted([{ artifactId: held.id, reason: 'legal-hold' }, { artifactId: claim.id, reason: 'legal-claims' }]));
    assert.deepEqual((await officeList(h, 'subject-kept')).map((a) => a.id).sort(), [held.id, claim.id].sort());
    assert.equal(await exists(artifactDir(h.dir, gone.id, h.tenant)), false);
    const retainedEntry = (await auditOf(h)).find((entry) => entry.action === 'artifact.retained');
    assert.deepEqual({ target: retainedEntry?.target, subjectId: retainedEntry?.subjectId, details: retainedEntry?.details }, { target: claim.id, subjectId: null, details: { kind: 'recording', basis: 'legal-claims', call: claim.callId } });

    const again = await erase(h, 'subject-kept');
    assert.deepEqual(sorted(again.retained), sorted(erasure.retained), 'a later erasure keeps them for the same reasons');
  });

  it('erases only in the DPO\'s tenant', async (t) => {
    const h = await startGovernance(t);
    await upload(h, { callId: 'call-t', subjectId: 'subject-shared-id' });
    const elsewhere = await h.idp.sign({ sub: 'dpo-b', roles: ['dpo'], tid: `${h.tenant}-b` });
    const answer = await h.request(GOVERNANCE_ROUTES.eraseSubject, elsewhere, { id: 'subject-shared-id' });
    assert.equal((answer.json as SubjectErasure).artifactsErased, 0);
    assert.equal((await officeList(h, 'subject-shared-id')).length, 1);
  });

  it('during uploads under random delays, leaves 0 objects of the subject and refuses every late chunk', async (t) => {
    const h = await startGovernance(t);
    let lateChunks = 0;
    for (let round = 0; round < 4; round++) {
      const next = random(round + 1);
      const subjectId = `subject-race-${round}`;
      const token = agentToken(h, 'call-race', subjectId);
      const begun: string[] = [];
      const statuses: number[] = [];
      const uploader = async (lane: number): Promise<void> => {
        for (let n = 0; n < 3; n++) {
          const artifact = newArtifact({ id: `race-${round}-${lane}-${n}`, callId: 'call-race', subjectId });
          const begin = await storage(h, 'POST', '/v1/artifacts', { token, json: artifact });
          statuses.push(begin.status);
          if (begin.status !== 201) {
            assert.equal(begin.status, 409, JSON.stringify(begin.json));
            continue;
          }
          begun.push(artifact.id);
          for (let index = 0; index < 4; index++) {
            await sleep(Math.floor(next() * 15));
            const chunk = await storage(h, 'PUT', path(artifact.id, `/chunks/${index}`), { token, body: bytes(2000, index) });
            statuses.push(chunk.status);
            if (chunk.status !== 201) {
              assert.equal(chunk.status, 404, `a late chunk is refused, not stored: ${JSON.stringify(chunk.json)}`);
              break;
            }
          }
        }
      };
      const eraser = async (): Promise<void> => {
        await sleep(10 + Math.floor(next() * 60));
        await erase(h, subjectId);
      };
      await Promise.all([uploader(0), uploader(1), uploader(2), eraser()]);
      assert.deepEqual(await officeList(h, subjectId), [], `round ${round}: no artifact of the subject`);
      for (const id of begun) assert.equal(await exists(artifactDir(h.dir, id, h.tenant)), false, `round ${round}: ${id} left content`);
      const db = await testDatabase();
      assert.deepEqual(await db.query(`SELECT id FROM artifacts WHERE tenant_id = $1 AND subject_id = $2`, [h.tenant, subjectId]), []);
      const late = await storage(h, 'POST', '/v1/artifacts', { token, json: newArtifact({ callId: 'call-race', subjectId }) });
      assert.equal(late.status, 409, 'and nothing new afterwards');
      assert.ok(statuses.includes(201) && statuses.some((status) => status !== 201), `round ${round}: the erasure came in the middle of the uploads`);
      lateChunks += statuses.filter((status) => status === 404).length;
    }
    assert.ok(lateChunks > 0, 'some chunks of uploads under way came after the erasure, and were refused');
    const entries = await auditOf(h);
    assertNamesNoSubject(entries.filter((entry) => entry.action.startsWith('erasure.') || (entry.action === 'artifact.erased')), 'subject-race');
  });
});

/** The bundle's lines, each checked against the protocol. */
async function readBundle(h: GovernanceHarness, exportId: string, token: string): Promise<ExportLine[]> {
  const answer = await h.request(GOVERNANCE_ROUTES.readExport, token, { id: exportId });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('content-type'), 'application/x-ndjson');
  const text = new TextDecoder().decode(answer.bytes);
  assert.ok(text.endsWith('\n'));
  return text.slice(0, -1).split('\n').map((line) => {
    const parsed = parseExportLine(JSON.parse(line));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
    return parsed.value;
  });
}

describe('subject access exports (Art. 15)', () => {
  it('bundles 3 recordings, 20 pictures and the consent records of the subject, complete, and nothing of anyone else', async (t) => {
    const h = await startGovernance(t);
    const started = await startCall(h, { subjectId: 'subject-export' });
    const uploaded = new Map<string, string>();
    const keep = async (u: Upload) => {
      const record = await upload(h, u);
      uploaded.set(record.id, createHash('sha256').update(Buffer.concat((u.chunks ?? [bytes(64)]).map((c) => Buffer.from(c)))).digest('hex'));
      return record;
    };
    for (let i = 0; i < 3; i++) await keep({ callId: started.callId, subjectId: 'subject-export', chunks: [bytes(100_000, i), bytes(4000, i + 1), bytes(10, i)] });
    for (let i = 0; i < 20; i++) await keep({ callId: started.callId, subjectId: 'subject-export', kind: 'picture', chunks: [bytes(1500 + i, i)] });
    for (let i = 0; i < 2; i++) await keep({ callId: started.callId, subjectId: 'subject-export', kind: 'consent' });
    const theirs = await upload(h, { callId: 'call-b', subjectId: 'subject-b' });

    const dpo = await h.staffToken(['dpo'], 'dpo-1');
    const requested = await h.request(GOVERNANCE_ROUTES.requestExport, dpo, { id: 'subject-export' });
    assert.equal(requested.status, 201, JSON.stringify(requested.json));
    const request = parseSubjectExport(requested.json);
    assert.ok(request.ok);
    assert.equal(request.value.dueAt - request.value.requestedAt, EXPORT_DEADLINE_DAYS * DAY, 'due in 30 days by the server\'s clock');
    assert.equal(request.value.completedAt, null);

    const lines = await readBundle(h, request.value.id, dpo);
    const [header] = lines;
    assert.deepEqual(header?.type === 'bundle' && { version: header.version, subjectId: header.subjectId, exportId: header.exportId }, { version: 1, subjectId: 'subject-export', exportId: request.value.id });
    assert.deepEqual(lines.filter((line) => line.type === 'call').map((line) => line.type === 'call' && line.callId), [started.callId]);
    const content = new Map<string, Buffer[]>();
    for (const line of lines) {
      if (line.type === 'artifact') content.set(line.artifact.id, []);
      if (line.type === 'chunk') content.get(line.artifactId)!.push(Buffer.from(line.data, 'base64url'));
    }
    assert.deepEqual([...content.keys()].sort(), [...uploaded.keys()].sort(), 'every artifact of the subject, and no other');
    for (const [id, chunks] of content) assert.equal(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'), uploaded.get(id), `${id}'s ciphertext as stored`);
    const artifacts = lines.flatMap((line) => (line.type === 'artifact' ? [line] : []));
    assert.ok(artifacts.every((line) => line.artifact.encryption.wrappedKey !== null), 'with wrapped keys, for decryption where the key lives');
    assert.deepEqual(new Set(artifacts.map((line) => `${line.artifact.kind}:${line.alsoShows.join()}`)), new Set(['recording:agent', 'picture:', 'consent:']));
    const audit = lines.flatMap((line) => (line.type === 'audit' ? [line.entry] : []));
    assert.ok(audit.length >= 25 * 2 + 2, 'created and completed for each, the call and the request');
    assert.ok(audit.every((entry) => entry.subjectId === 'subject-export'));
    assert.deepEqual(lines.at(-1), { type: 'end', calls: 1, artifacts: 25, chunks: 3 * 3 + 20 + 2, bytes: 3 * 104_010 + 20 * 1500 + 190 + 2 * 64, auditEntries: audit.length });
    const text = JSON.stringify(lines);
    assert.doesNotMatch(text, /subject-b/);
    assert.doesNotMatch(text, new RegExp(theirs.id));

    // Recorded once the last byte has left the server, which may be a moment after it arrived here.
    await h.waitForLog((entry) => entry.event === 'governance' && entry.permission === 'subject.export' && entry.status === 200 && entry.tenant === h.tenant);
    const listed = parseSubjectExportPage((await h.request(GOVERNANCE_ROUTES.listExports, dpo)).json);
    assert.ok(listed.ok);
    assert.equal(listed.value.exports.length, 1);
    assert.ok(listed.value.exports[0]!.completedAt !== null, 'read to the end: complete');
    const actions = (await auditOf(h)).filter((entry) => entry.target === request.value.id).map((entry) => entry.action);
    assert.deepEqual(actions, ['export.requested', 'export.started', 'export.completed']);
  });

  it('leaves out what has expired, answers 404 for another tenant\'s export and for an erased subject', async (t) => {
    let now = Date.now();
    const h = await startGovernance(t, { now: () => now });
    await upload(h, { callId: 'call-e', subjectId: 'subject-e', expiresAt: now + DAY });
    const lasting = await upload(h, { callId: 'call-e', subjectId: 'subject-e', kind: 'consent', expiresAt: now + 100 * DAY });
    now += 2 * DAY;
    const dpo = await h.staffToken(['dpo'], 'dpo-1');
    const requested = (await h.request(GOVERNANCE_ROUTES.requestExport, dpo, { id: 'subject-e' })).json as { id: string };
    const lines = await readBundle(h, requested.id, dpo);
    assert.deepEqual(lines.flatMap((line) => (line.type === 'artifact' ? [line.artifact.id] : [])), [lasting.id], 'an expired artifact is served to nobody');

    const otherTenant = await h.idp.sign({ sub: 'dpo-b', roles: ['dpo'], tid: `${h.tenant}-b` }, { issuedAt: Math.floor(now / 1000) });
    assert.equal((await h.request(GOVERNANCE_ROUTES.readExport, otherTenant, { id: requested.id })).status, 404);
    await erase(h, 'subject-e');
    const gone = await h.request(GOVERNANCE_ROUTES.readExport, dpo, { id: requested.id });
    assert.equal(gone.status, 404);
    assert.match((gone.json as { error: { message: string } }).error.message, /has been erased/);
    const listed = parseSubjectExportPage((await h.request(GOVERNANCE_ROUTES.listExports, dpo)).json);
    assert.ok(listed.ok);
    assert.equal(listed.value.exports[0]!.subjectId, null, 'the request is kept, without the subject');
  });
});
