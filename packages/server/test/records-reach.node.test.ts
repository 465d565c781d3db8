import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GOVERNANCE_ROUTES,
  parseArtifactList,
  parseCallPage,
  parseRecordLine,
  type ArtifactRecord,
  type CallRecord,
  type RecordLine,
  type StaffRole,
  type StartedCall,
} from '@sealcall/protocol';
import { auditOf, startGovernance, upload, type GovernanceHarness } from './governance-helpers.js';
import { bytes, DAY, type Answer } from './storage-helpers.js';

interface Member {
  readonly roles: StaffRole[];
  readonly subject: string;
  readonly team: string;
}

const AGENT_A: Member = { roles: ['agent'], subject: 'agent-a', team: 'north' };
const AGENT_B: Member = { roles: ['agent'], subject: 'agent-b', team: 'south' };
const SUPERVISOR_NORTH: Member = { roles: ['supervisor'], subject: 'sup-n', team: 'north' };
const SUPERVISOR_SOUTH: Member = { roles: ['supervisor'], subject: 'sup-s', team: 'south' };
const DPO: Member = { roles: ['dpo'], subject: 'dpo-1', team: 'privacy' };
const ADMIN: Member = { roles: ['admin'], subject: 'admin-1', team: 'it' };

async function as(h: GovernanceHarness, member: Member, route: (typeof GOVERNANCE_ROUTES)[keyof typeof GOVERNANCE_ROUTES], init: { id?: string; query?: string; json?: unknown } = {}): Promise<Answer> {
  return h.request(route, await h.staffToken(member.roles, member.subject, member.team), init);
}

async function started(h: GovernanceHarness, agent: Member, json: { subjectId?: string } = {}): Promise<StartedCall> {
  const answer = await as(h, agent, GOVERNANCE_ROUTES.startCall, { json });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  return answer.json as StartedCall;
}

async function callsSeen(h: GovernanceHarness, member: Member, query = 'limit=200'): Promise<CallRecord[]> {
  const answer = await as(h, member, GOVERNANCE_ROUTES.listCalls, { query });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  const page = parseCallPage(answer.json);
  assert.ok(page.ok, page.ok ? '' : page.reason);
  return page.value.calls;
}

function lines(answer: Answer): RecordLine[] {
  return new TextDecoder().decode(answer.bytes).split('\n').filter((text) => text !== '').map((text) => {
    const parsed = parseRecordLine(JSON.parse(text));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
    return parsed.value;
  });
}

async function allowDownloads(h: GovernanceHarness, downloads: boolean): Promise<void> {
  const read = (await as(h, ADMIN, GOVERNANCE_ROUTES.readSettings)).json as { version: number; settings: object };
  const changed = await as(h, ADMIN, GOVERNANCE_ROUTES.changeSettings, { json: { version: read.version, settings: { ...read.settings, downloads } } });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
}

describe('records: who sees which calls', () => {
  it('an agent their own calls, a supervisor their team\'s, a DPO every call, an admin none; another\'s call is 403 and audited', async (t) => {
    const h = await startGovernance(t);
    const north = await started(h, AGENT_A);
    const south = await started(h, AGENT_B);
    const northRecording = await upload(h, { callId: north.callId, subjectId: north.subjectId });
    await upload(h, { callId: south.callId, subjectId: south.subjectId, kind: 'picture' });

    const ids = async (member: Member) => (await callsSeen(h, member)).map((c) => c.callId);
    assert.deepEqual(await ids(AGENT_A), [north.callId]);
    assert.deepEqual(await ids(AGENT_B), [south.callId]);
    assert.deepEqual(await ids(SUPERVISOR_NORTH), [north.callId]);
    assert.deepEqual(await ids(SUPERVISOR_SOUTH), [south.callId]);
    assert.deepEqual(await ids({ ...SUPERVISOR_NORTH, team: 'west' }), []);
    assert.deepEqual(await ids(DPO), [north.callId, south.callId]);
    assert.equal((await as(h, ADMIN, GOVERNANCE_ROUTES.listCalls)).status, 403);
    const [call] = await callsSeen(h, AGENT_A);
    assert.deepEqual(call, { callId: north.callId, subjectId: north.subjectId, startedBy: 'agent-a', teams: ['north'], startedAt: call!.startedAt });

    const artifacts = async (member: Member, callId: string) => as(h, member, GOVERNANCE_ROUTES.listCallArtifacts, { id: callId });
    const mine = parseArtifactList((await artifacts(AGENT_A, north.callId)).json);
    assert.ok(mine.ok);
    assert.deepEqual(mine.value.map((a) => a.id), [northRecording.id]);
    assert.equal(mine.value[0]!.encryption.wrappedKey, northRecording.encryption.wrappedKey, 'with the wrapped key, to decrypt where the key lives');
    assert.equal((await artifacts(SUPERVISOR_NORTH, north.callId)).status, 200);
    assert.equal((await artifacts(DPO, south.callId)).status, 200);
    const refused = await artifacts(AGENT_A, south.callId);
    assert.equal(refused.status, 403);
    assert.match((refused.json as { error: { message: string } }).error.message, /is not one of yours/);
    assert.equal((await artifacts(SUPERVISOR_NORTH, south.callId)).status, 403);
    assert.equal((await artifacts(AGENT_A, 'no-such-call')).status, 404);
    assert.equal((await as(h, AGENT_B, GOVERNANCE_ROUTES.viewArtifact, { id: northRecording.id })).status, 403, 'nor its content');

    const denials = (await auditOf(h)).filter((entry) => entry.action === 'access.denied');
    assert.deepEqual(denials.map((entry) => [entry.actor?.id, entry.details.op]), [
      ['admin-1', 'records.read'],
      ['agent-a', 'records.read'],
      ['sup-n', 'records.read'],
      ['agent-b', 'records.read'],
    ]);
  });

  it('an agent sees a call for the tenant\'s agentRecordsDays after it, by the server\'s clock', async (t) => {
    const clock = { now: Date.now() };
    const h = await startGovernance(t, { now: () => clock.now });
    const call = await started(h, AGENT_A);
    await upload(h, { callId: call.callId, subjectId: call.subjectId, expiresAt: clock.now + 80 * DAY });
    clock.now += 31 * DAY;
    assert.deepEqual(await callsSeen(h, AGENT_A), [], 'past the default 30 days');
    assert.equal((await as(h, AGENT_A, GOVERNANCE_ROUTES.listCallArtifacts, { id: call.callId })).status, 403);
    assert.equal((await callsSeen(h, SUPERVISOR_NORTH)).length, 1, 'the supervisor still does');

    const read = (await as(h, ADMIN, GOVERNANCE_ROUTES.readSettings)).json as { version: number; settings: object };
    await as(h, ADMIN, GOVERNANCE_ROUTES.changeSettings, { json: { version: read.version, settings: { ...read.settings, agentRecordsDays: 60 } } });
    assert.equal((await callsSeen(h, AGENT_A)).length, 1, 'a longer window takes effect at once');
  });

  it('pages through the calls a member sees', async (t) => {
    const h = await startGovernance(t);
    const calls = [];
    for (let i = 0; i < 5; i++) calls.push((await started(h, i % 2 === 0 ? AGENT_A : AGENT_B)).callId);
    const seen: string[] = [];
    for (let after: number | null = 0; after !== null;) {
      const answer = await as(h, DPO, GOVERNANCE_ROUTES.listCalls, { query: `after=${after}&limit=2` });
      const page = parseCallPage(answer.json);
      assert.ok(page.ok);
      seen.push(...page.value.calls.map((c) => c.callId));
      after = page.value.next;
    }
    assert.deepEqual(seen, calls);
    assert.equal((await as(h, DPO, GOVERNANCE_ROUTES.listCalls, { query: 'limit=201' })).status, 400);

    const newest: string[] = [];
    for (let after: number | null = 0; after !== null;) {
      const page = parseCallPage((await as(h, DPO, GOVERNANCE_ROUTES.listCalls, { query: `order=newest&after=${after}&limit=2` })).json);
      assert.ok(page.ok);
      newest.push(...page.value.calls.map((c) => c.callId));
      after = page.value.next;
    }
    assert.deepEqual(newest, [...calls].reverse(), 'newest first, page by page');
    assert.deepEqual((await callsSeen(h, AGENT_A, 'order=newest')).map((c) => c.callId), [calls[4], calls[2], calls[0]], 'within the member\'s reach');
    assert.equal((await as(h, DPO, GOVERNANCE_ROUTES.listCalls, { query: 'order=latest' })).status, 400);
  });
});

describe('records: filters on GET /v1/calls', () => {
  const HOUR = 3_600_000;

  /**
   * Five calls an hour apart, each with its artifacts uploaded with the storage token the server
   * issued for it: a1 (agent A, subject-X, a picture), a2 (A, a recording), b1 (agent B,
   * subject-Y, a picture), b2 (B, subject-X, a document), a3 (A, a picture past its retention
   * by the end).
   */
  async function fiveCalls(t: Parameters<typeof startGovernance>[0]) {
    const start = Date.now();
    const clock = { now: start };
    const h = await startGovernance(t, { now: () => clock.now });
    const callWith = async (agent: Member, kind: 'picture' | 'recording' | 'document', subjectId?: string, expiresAt?: number) => {
      const call = await started(h, agent, subjectId === undefined ? {} : { subjectId });
      await upload(h, { callId: call.callId, subjectId: call.subjectId, kind, token: call.storageToken!, ...(expiresAt === undefined ? {} : { expiresAt }) });
      clock.now += HOUR;
      return call.callId;
    };
    const a1 = await callWith(AGENT_A, 'picture', 'subject-X');
    const a2 = await callWith(AGENT_A, 'recording');
    const b1 = await callWith(AGENT_B, 'picture', 'subject-Y');
    const b2 = await callWith(AGENT_B, 'document', 'subject-X');
    const a3 = await callWith(AGENT_A, 'picture', undefined, clock.now + HOUR);
    clock.now += HOUR;
    return { h, start, a1, a2, b1, b2, a3 };
  }

  it('narrows by subject, by a window of start times, by a kind of live artifact, and by all of them at once', async (t) => {
    const { h, start, a1, a2, b1, b2, a3 } = await fiveCalls(t);
    const ids = async (member: Member, query: string) => (await callsSeen(h, member, query)).map((c) => c.callId);
    assert.deepEqual(await ids(DPO, ''), [a1, a2, b1, b2, a3]);
    assert.deepEqual(await ids(DPO, 'subject=subject-X'), [a1, b2]);
    assert.deepEqual(await ids(DPO, 'subject=subject-Z'), []);
    assert.deepEqual(await ids(DPO, `from=${start + HOUR}`), [a2, b1, b2, a3], 'from is inclusive');
    assert.deepEqual(await ids(DPO, `to=${start + 2 * HOUR}`), [a1, a2], 'to is exclusive');
    assert.deepEqual(await ids(DPO, `from=${start + HOUR}&to=${start + 3 * HOUR}`), [a2, b1]);
    assert.deepEqual(await ids(DPO, 'kind=picture'), [a1, b1], 'a3\'s picture is past its retention');
    assert.deepEqual(await ids(DPO, 'kind=recording'), [a2]);
    assert.deepEqual(await ids(DPO, 'kind=document'), [b2]);
    assert.deepEqual(await ids(DPO, 'kind=consent'), []);
    assert.deepEqual(await ids(DPO, 'subject=subject-X&kind=document'), [b2]);
    assert.deepEqual(await ids(DPO, `subject=subject-X&kind=picture&to=${start + HOUR}`), [a1]);

    const first = parseCallPage((await as(h, DPO, GOVERNANCE_ROUTES.listCalls, { query: 'kind=picture&limit=1' })).json);
    assert.ok(first.ok);
    assert.deepEqual(first.value.calls.map((c) => c.callId), [a1]);
    assert.notEqual(first.value.next, null);
    const second = parseCallPage((await as(h, DPO, GOVERNANCE_ROUTES.listCalls, { query: `kind=picture&limit=1&after=${first.value.next}` })).json);
    assert.ok(second.ok);
    assert.deepEqual([second.value.calls.map((c) => c.callId), second.value.next], [[b1], null], 'pages through the filtered calls');
  });

  it('never widens a member\'s reach: an agent filtering by another agent\'s subject sees nothing', async (t) => {
    const { h, start, a1, a2, b1, b2 } = await fiveCalls(t);
    const ids = async (member: Member, query: string) => (await callsSeen(h, member, query)).map((c) => c.callId);
    assert.deepEqual(await ids(AGENT_A, 'subject=subject-Y'), [], 'subject-Y is only in agent B\'s call');
    assert.deepEqual(await ids(AGENT_A, 'subject=subject-X'), [a1], 'not agent B\'s call of the same subject');
    assert.deepEqual(await ids(AGENT_B, 'subject=subject-X'), [b2]);
    assert.deepEqual(await ids(AGENT_A, 'kind=document'), []);
    assert.deepEqual(await ids(AGENT_A, `from=${start + HOUR}&to=${start + 3 * HOUR}`), [a2]);
    assert.deepEqual(await ids(SUPERVISOR_NORTH, 'subject=subject-Y'), []);
    assert.deepEqual(await ids(SUPERVISOR_SOUTH, 'subject=subject-Y'), [b1]);
    assert.deepEqual(await ids({ ...SUPERVISOR_NORTH, team: 'west' }, 'kind=picture'), []);
    const admin = await as(h, ADMIN, GOVERNANCE_ROUTES.listCalls, { query: 'subject=subject-X' });
    assert.equal(admin.status, 403, 'a filter opens no route');
    const other = await startGovernance(t);
    assert.deepEqual((await other.request(GOVERNANCE_ROUTES.listCalls, await other.staffToken(['dpo']), { query: 'subject=subject-X&kind=picture' })).json, { calls: [], next: null }, 'nor another tenant');
  });

  it('refuses a filter it does not take with 400 INVALID_ARGUMENT, saying what is wrong', async (t) => {
    const h = await startGovernance(t);
    const bad = async (query: string, message: RegExp) => {
      const answer = await as(h, DPO, GOVERNANCE_ROUTES.listCalls, { query });
      assert.equal(answer.status, 400, query);
      const { error } = answer.json as { error: { code: string; message: string } };
      assert.equal(error.code, 'INVALID_ARGUMENT', query);
      assert.match(error.message, message, query);
    };
    await bad('kind=video', /"kind" expected picture, recording, document, location, transcript or consent, got "video"/);
    await bad('kind=', /"kind" expected picture, recording, document, location, transcript or consent, got ""/);
    await bad('from=yesterday', /"from" expected milliseconds since the epoch \(a non-negative integer\), got "yesterday"/);
    await bad('from=-1', /"from" expected milliseconds since the epoch/);
    await bad('to=1.5', /"to" expected milliseconds since the epoch/);
    await bad('from=2000&to=1000', /"to" expected later than "from" \(2000\), got 1000/);
    await bad('subject=', /"subject" expected a non-empty string/);
    await bad('kind=picture&kind=recording', /"kind" expected once, got it 2 times/);
    await bad('after=x&kind=picture', /"after" expected an integer/);
    assert.deepEqual((await auditOf(h)).map((entry) => entry.action), [], 'a bad request changes nothing');
  });
});

describe('records: the audit trail of a call', () => {
  it('GET /v1/audit?call= holds the call\'s own entries and its artifacts\', and nothing of another call', async (t) => {
    const h = await startGovernance(t);
    const call = await started(h, AGENT_A);
    const other = await started(h, AGENT_A);
    const picture = await upload(h, { callId: call.callId, subjectId: call.subjectId, kind: 'picture', token: call.storageToken! });
    await upload(h, { callId: other.callId, subjectId: other.subjectId, kind: 'picture', token: other.storageToken! });
    assert.equal((await as(h, AGENT_A, GOVERNANCE_ROUTES.viewArtifact, { id: picture.id })).status, 200);

    const trail = await as(h, DPO, GOVERNANCE_ROUTES.readAudit, { query: `call=${call.callId}` });
    assert.equal(trail.status, 200);
    const entries = (trail.json as { entries: Array<{ action: string; target: string | null; details: Record<string, unknown> }> }).entries;
    assert.deepEqual(entries.map((entry) => entry.action), ['call.created', 'artifact.created', 'artifact.completed', 'artifact.read']);
    assert.ok(entries.every((entry) => entry.target === call.callId || entry.details.call === call.callId));
    const all = await auditOf(h);
    assert.ok(all.some((entry) => entry.target === other.callId), 'the other call is in the whole log');
    assert.equal((await as(h, DPO, GOVERNANCE_ROUTES.readAudit, { query: 'call=' })).status, 400);
    assert.equal((await as(h, AGENT_A, GOVERNANCE_ROUTES.readAudit, { query: `call=${call.callId}` })).status, 403, 'a filter opens no route');
  });
});

describe('records: opening an artifact', () => {
  it('streams the ciphertext as stored with its metadata, audited as read before the first byte', async (t) => {
    const h = await startGovernance(t);
    const call = await started(h, AGENT_A);
    const chunks = [bytes(70_000, 1), bytes(5, 2)];
    const recording = await upload(h, { callId: call.callId, subjectId: call.subjectId, chunks });

    const answer = await as(h, SUPERVISOR_NORTH, GOVERNANCE_ROUTES.viewArtifact, { id: recording.id });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/x-ndjson');
    const got = lines(answer);
    assert.deepEqual(got[0], { type: 'artifact', artifact: recording });
    const content = got.flatMap((line) => (line.type === 'chunk' ? [Buffer.from(line.data, 'base64url')] : []));
    assert.deepEqual(content, chunks.map((chunk) => Buffer.from(chunk)));
    assert.deepEqual(got.at(-1), { type: 'end', chunks: 2, bytes: 70_005 });

    const reads = (await auditOf(h)).filter((entry) => entry.action === 'artifact.read');
    assert.deepEqual(reads.map((entry) => ({ actor: entry.actor, subjectId: entry.subjectId, target: entry.target, details: entry.details })), [
      { actor: { role: 'supervisor', id: 'sup-n' }, subjectId: call.subjectId, target: recording.id, details: { kind: 'recording', call: call.callId } },
    ]);
  });

  it('downloads only where the tenant\'s settings allow them, each refusal and download audited', async (t) => {
    const h = await startGovernance(t);
    const call = await started(h, AGENT_A);
    const picture = await upload(h, { callId: call.callId, subjectId: call.subjectId, kind: 'picture' });
    const refused = await as(h, AGENT_A, GOVERNANCE_ROUTES.downloadArtifact, { id: picture.id });
    assert.equal(refused.status, 403);
    assert.match((refused.json as { error: { message: string } }).error.message, /do not allow downloads/);

    await allowDownloads(h, true);
    const downloaded = await as(h, AGENT_A, GOVERNANCE_ROUTES.downloadArtifact, { id: picture.id });
    assert.equal(downloaded.status, 200);
    assert.deepEqual(lines(downloaded).at(-1), { type: 'end', chunks: 1, bytes: 64 });
    const entries = (await auditOf(h)).filter((entry) => ['artifact.downloaded', 'access.denied'].includes(entry.action));
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor?.id, entry.details.op ?? entry.details.kind]), [
      ['access.denied', 'agent-a', 'records.download'],
      ['artifact.downloaded', 'agent-a', 'picture'],
    ]);
  });

  it('serves nothing past its retention, nothing still uploading, nothing of another tenant', async (t) => {
    const clock = { now: Date.now() };
    const h = await startGovernance(t, { now: () => clock.now });
    const call = await started(h, AGENT_A);
    const shortLived = await upload(h, { callId: call.callId, subjectId: call.subjectId, expiresAt: clock.now + DAY });
    const uploading = await upload(h, { callId: call.callId, subjectId: call.subjectId, finish: false });
    const view = (id: string, member = DPO) => as(h, member, GOVERNANCE_ROUTES.viewArtifact, { id });
    assert.equal((await view(uploading.id)).status, 409);
    clock.now += 2 * DAY;
    assert.equal((await view(shortLived.id)).status, 404);
    const listed = (await as(h, DPO, GOVERNANCE_ROUTES.listCallArtifacts, { id: call.callId })).json as { artifacts: ArtifactRecord[] };
    assert.deepEqual(listed.artifacts.map((a) => a.id), [uploading.id]);

    const other = await startGovernance(t);
    assert.equal((await other.request(GOVERNANCE_ROUTES.viewArtifact, await other.staffToken(['dpo']), { id: uploading.id })).status, 404);
    assert.equal((await other.request(GOVERNANCE_ROUTES.listCallArtifacts, await other.staffToken(['agent']), { id: call.callId })).status, 404);
  });
});
