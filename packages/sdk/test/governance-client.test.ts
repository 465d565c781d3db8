import { expect } from '@esm-bundle/chai';
import {
  CallSession,
  createCallSecret,
  EXPORT_DEADLINE_DAYS,
  GovernanceClient,
  SealcallError,
  STAFF_PERMISSIONS,
  WebSocketSignaling,
  type ExportBundleLine,
  type StaffRole,
  type StartedCall,
} from '../src/index.js';
import { concatBytes } from '../src/internal/bytes.js';
import { DAY, newArtifact } from './helpers/artifacts.js';
import { expectCode } from './helpers/expect.js';
import { httpStorage } from './helpers/http-storage.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';
import { stateReached } from './helpers/media.js';
import { serverUrl, staffToken, storageBaseUrl } from './helpers/server.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

/** A client of the test server, signed in as `subject` with `roles` (a fresh token per request). */
async function signedIn(subject: string, roles: StaffRole[]): Promise<GovernanceClient> {
  await serverUrl();
  return new GovernanceClient({ baseUrl: await storageBaseUrl(), token: () => staffToken(subject, roles) });
}

describe('GovernanceClient against the reference server', () => {
  const { sessions } = cleanUpCalls();

  itWithInPageCalls('an agent starts a call; its tokens connect the agent and, once, the customer', async () => {
    const agentClient = await signedIn(`agent-${crypto.randomUUID()}`, ['agent']);
    const started: StartedCall = await agentClient.startCall({ invitationTtlSeconds: 600 });
    const secret = createCallSecret();
    const url = await serverUrl();
    const session = (role: 'agent' | 'customer', token: string) => {
      const created = new CallSession({ signaling: new WebSocketSignaling({ url, room: started.callId, role, token }), e2ee: { secret }, consent: false });
      sessions.push(created);
      return created;
    };
    const agent = session('agent', started.agentToken);
    const customer = session('customer', started.invitationToken);
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    await agent.join();
    await customer.join();
    await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);

    const again = new WebSocketSignaling({ url, room: started.callId, role: 'customer', token: started.invitationToken });
    await expectCode(again.connect(), 'SIGNALING_TOKEN_REUSED');
  });

  it('a DPO reads the audit log page by page; what a role may not do is GOVERNANCE_FORBIDDEN', async () => {
    const subject = `agent-${crypto.randomUUID()}`;
    const agentClient = await signedIn(subject, ['agent']);
    const { callId } = await agentClient.startCall();
    const dpo = await signedIn('dpo-1', ['dpo']);
    const entries = [];
    for await (const entry of dpo.auditEntries({ limit: 50 })) entries.push(entry);
    const created = entries.find((entry) => entry.action === 'call.created' && entry.target === callId);
    expect(created?.actor).to.deep.equal({ role: 'agent', id: subject });
    expect(entries.map((entry) => entry.seq)).to.deep.equal(entries.map((_, i) => i + 1), 'every entry, in order');

    const refused = await expectCode(agentClient.auditPage(), 'GOVERNANCE_FORBIDDEN');
    expect(refused.message).to.match(/"audit.read" is for dpo/);
    expect(STAFF_PERMISSIONS['audit.read']).to.deep.equal(['dpo'], 'the table elements read says so too');
    await expectCode((await signedIn('dpo-1', ['dpo'])).startCall(), 'GOVERNANCE_FORBIDDEN');
  });

  it('a DPO places, lists and releases a legal hold; an agent may not', async () => {
    const dpo = await signedIn('dpo-2', ['dpo']);
    const subjectId = `subject-${crypto.randomUUID()}`;
    const hold = await dpo.placeHold({ subjectId, reason: 'litigation' });
    expect(hold).to.include({ subjectId, callId: null, reason: 'litigation', placedBy: 'dpo-2' });
    expect((await dpo.listHolds()).map((held) => held.id)).to.include(hold.id);
    await dpo.releaseHold(hold.id);
    expect((await dpo.listHolds()).map((held) => held.id)).not.to.include(hold.id);
    await expectCode(dpo.releaseHold(hold.id), 'GOVERNANCE_NOT_FOUND');
    await expectCode((await signedIn('agent-h', ['agent'])).placeHold({ subjectId, reason: 'other' }), 'GOVERNANCE_FORBIDDEN');
  });

  it('a DPO reads a subject\'s export as it streams, the ciphertext as stored; then erases the subject, and nothing more is stored for them', async () => {
    const subjectId = `subject-${crypto.randomUUID()}`;
    const callId = `call-${crypto.randomUUID()}`;
    const storage = await httpStorage();
    const chunks = [Uint8Array.from({ length: 70_000 }, (_, i) => (i * 13) & 0xff), Uint8Array.of(1, 2, 3)];
    const writer = await storage.beginArtifact(newArtifact({ callId, subjectId }));
    for (const [index, chunk] of chunks.entries()) await writer.writeChunk(index, chunk);
    const stored = await writer.finish();

    const dpo = await signedIn('dpo-3', ['dpo']);
    const request = await dpo.requestExport(subjectId);
    expect(request.dueAt - request.requestedAt).to.equal(EXPORT_DEADLINE_DAYS * DAY);
    const lines: ExportBundleLine[] = [];
    for await (const line of dpo.readExport(request.id)) lines.push(line);
    expect(lines[0]).to.include({ type: 'bundle', version: 1, subjectId, exportId: request.id });
    const artifact = lines.find((line) => line.type === 'artifact');
    expect(artifact?.type === 'artifact' && artifact.artifact.id).to.equal(stored.id);
    const content = concatBytes(...lines.flatMap((line) => (line.type === 'chunk' ? [line.bytes] : [])));
    expect([...content]).to.deep.equal([...concatBytes(...chunks)]);
    expect(lines.at(-1)).to.include({ type: 'end', artifacts: 1, chunks: 2, bytes: 70_003 });

    let listed = await dpo.exportPage({ limit: 500 });
    for (let tries = 0; tries < 20 && listed.exports.find((e) => e.id === request.id)?.completedAt === null; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      listed = await dpo.exportPage({ limit: 500 });
    }
    expect(listed.exports.find((e) => e.id === request.id)?.completedAt).to.be.a('number');

    const erasure = await dpo.eraseSubject(subjectId);
    expect(erasure).to.include({ subjectId, artifactsErased: 1 });
    expect(erasure.retained).to.deep.equal([]);
    await expectCode(storage.beginArtifact(newArtifact({ callId, subjectId })), 'STORAGE_CONFLICT');
    await expectCode((async () => {
      for await (const line of dpo.readExport(request.id)) void line;
    })(), 'GOVERNANCE_NOT_FOUND');
    await expectCode((await signedIn('agent-e', ['agent'])).eraseSubject(subjectId), 'GOVERNANCE_FORBIDDEN');
    await expectCode(dpo.eraseSubject(subjectId, { retain: [{ artifactId: 'not-theirs', basis: 'archiving' }] }), 'INVALID_ARGUMENT');
  });

  it('an agent sees their own calls and opens their artifacts as stored; another agent may not; downloads are off by default', async () => {
    const subject = `agent-${crypto.randomUUID()}`;
    const agent = await signedIn(subject, ['agent']);
    const { callId, subjectId } = await agent.startCall();
    const storage = await httpStorage();
    const writer = await storage.beginArtifact(newArtifact({ callId, subjectId }));
    const chunk = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    await writer.writeChunk(0, chunk);
    const stored = await writer.finish();

    const seen = [];
    for await (const call of agent.calls({ limit: 10 })) seen.push(call);
    expect(seen.map((call) => call.callId)).to.deep.equal([callId]);
    expect(seen[0]).to.include({ subjectId, startedBy: subject });
    expect((await agent.callArtifacts(callId)).map((artifact) => artifact.id)).to.deep.equal([stored.id]);
    const lines = [];
    for await (const line of agent.openArtifact(stored.id)) lines.push(line);
    expect(lines.map((line) => line.type)).to.deep.equal(['artifact', 'chunk', 'end']);
    expect(lines[1]?.type === 'chunk' && [...lines[1].bytes]).to.deep.equal([...chunk]);

    const download = async () => {
      for await (const line of agent.openArtifact(stored.id, { download: true })) void line;
    };
    expect((await expectCode(download(), 'GOVERNANCE_FORBIDDEN')).message).to.match(/do not allow downloads/);
    await expectCode((await signedIn(`agent-${crypto.randomUUID()}`, ['agent'])).callArtifacts(callId), 'GOVERNANCE_FORBIDDEN');
  });

  it('an admin changes the settings against the version read; a stale change is GOVERNANCE_CONFLICT; an agent records a retention event', async () => {
    const admin = await signedIn('admin-1', ['admin']);
    const agent = await signedIn('agent-s', ['agent']);
    const read = await agent.settings();
    const wording = { locale: 'nl', strings: { emailSubject: 'Videogesprek met {organisation}' } };
    const changed = await admin.changeSettings({ version: read.version, settings: { ...read.settings, invitationTemplates: [wording] } });
    expect(changed).to.include({ version: read.version + 1, updatedBy: 'admin-1' });
    expect((await agent.settings()).settings.invitationTemplates).to.deep.equal([wording]);
    const stale = await expectCode(admin.changeSettings({ version: read.version, settings: read.settings }), 'GOVERNANCE_CONFLICT');
    expect(stale.message).to.match(/read them again/);
    await expectCode(agent.changeSettings({ version: changed.version, settings: read.settings }), 'GOVERNANCE_FORBIDDEN');
    await expectCode(admin.changeSettings({ version: changed.version, settings: { ...read.settings, downloads: 'yes' as unknown as boolean } }), 'INVALID_ARGUMENT');

    const event = await agent.recordRetentionEvent({ event: 'claim-closed', callId: `call-${crypto.randomUUID()}` });
    expect(event).to.include({ event: 'claim-closed', artifactsUpdated: 0 });
    expect(event.occurredAt).to.be.closeTo(Date.now(), 60_000);
  });

  it('says what went wrong: no sign-in, a bad request, a bad base URL, an unreachable server', async () => {
    const base = await storageBaseUrl();
    await expectCode(new GovernanceClient({ baseUrl: base, token: 'not-a-token' }).startCall(), 'GOVERNANCE_UNAUTHORIZED');
    await expectCode(new GovernanceClient({ baseUrl: base, token: () => Promise.reject(new Error('login expired')) }).startCall(), 'GOVERNANCE_UNAUTHORIZED');
    await expectCode((await signedIn('agent-x', ['agent'])).startCall({ invitationTtlSeconds: 5 }), 'INVALID_ARGUMENT');
    await expectCode((await signedIn('dpo-x', ['dpo'])).auditPage({ limit: 0 }), 'INVALID_ARGUMENT');
    expect(() => new GovernanceClient({ baseUrl: 'http://example.com', token: 't' })).to.throw(SealcallError, /https/);
    await expectCode(new GovernanceClient({ baseUrl: 'http://127.0.0.1:9', token: 't' }).startCall(), 'GOVERNANCE_FAILED');
  });
});
