import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StorageRole } from '../src/index.js';
import { newArtifact, path, startStorageServer, type StorageHarness } from './storage-helpers.js';

// Every route of /v1/artifacts for every role, on three artifacts each time: one this token began
// ("mine"; for the office, which begins nothing, the agent's), one the other participant of the
// call began ("theirs"), and one of another call ("elsewhere"). The statuses are written out
// here, not derived from STORAGE_ACCESS, so that a change to either shows.

type Target = 'mine' | 'theirs' | 'elsewhere';
const TARGETS: readonly Target[] = ['mine', 'theirs', 'elsewhere'];
const ROLES: readonly StorageRole[] = ['agent', 'customer', 'office'];

const ON_ARTIFACTS: Record<string, Record<StorageRole, readonly [number, number, number]>> = {
  append: { agent: [201, 403, 403], customer: [201, 403, 403], office: [403, 403, 403] },
  'append a batch': { agent: [201, 403, 403], customer: [201, 403, 403], office: [403, 403, 403] },
  finish: { agent: [200, 403, 403], customer: [200, 403, 403], office: [403, 403, 403] },
  metadata: { agent: [200, 200, 403], customer: [403, 403, 403], office: [200, 200, 200] },
  content: { agent: [200, 200, 403], customer: [403, 403, 403], office: [200, 200, 200] },
  update: { agent: [200, 403, 403], customer: [403, 403, 403], office: [200, 200, 200] },
  delete: { agent: [204, 403, 403], customer: [204, 403, 403], office: [204, 204, 204] },
};

/** Per role: [in its own call (call-1), in another call (call-2)], or one status for the tenant-wide listings. */
const ON_CALLS: Record<string, Record<StorageRole, readonly number[]>> = {
  begin: { agent: [201, 403], customer: [201, 403], office: [403, 403] },
  'list-by-call': { agent: [200, 403], customer: [403, 403], office: [200, 200] },
  'list-by-subject': { agent: [403], customer: [403], office: [200] },
  'list-expired': { agent: [403], customer: [403], office: [200] },
};

function tokenOf(h: StorageHarness, role: StorageRole): string {
  return role === 'office' ? h.storageToken('*', 'office') : h.storageToken('call-1', role);
}

/** An artifact begun by `role` of `call`, holding chunk 0. */
async function begun(h: StorageHarness, role: 'agent' | 'customer', callId: string): Promise<string> {
  const token = h.storageToken(callId, role);
  const input = newArtifact({ callId });
  assert.equal((await h.call('POST', '/v1/artifacts', { token, json: input })).status, 201);
  assert.equal((await h.call('PUT', path(input.id, '/chunks/0'), { token, body: 'a' })).status, 201);
  return input.id;
}

async function perform(h: StorageHarness, op: string, token: string, id: string): Promise<number> {
  const call = async (method: string, url: string, init: { json?: unknown; body?: string } = {}) => (await h.call(method, url, { token, ...init })).status;
  switch (op) {
    case 'append':
      return call('PUT', path(id, '/chunks/1'), { body: 'b' });
    case 'append a batch':
      return call('POST', path(id, '/chunks?from=1&sizes=1,2'), { body: 'bcc' });
    case 'finish':
      return call('POST', path(id, '/finish'));
    case 'metadata':
      return call('GET', path(id));
    case 'content':
      return call('GET', path(id, '/chunks/0'));
    case 'update':
      return call('PATCH', path(id), { json: { endReason: 'stopped' } });
    case 'delete':
      return call('DELETE', path(id));
    default:
      throw new Error(op);
  }
}

describe('storage authorization, every route × every role', () => {
  it('on artifacts: only the participant who began one writes to, finishes, changes or aborts it', async (t) => {
    const h = await startStorageServer(t);
    for (const [op, byRole] of Object.entries(ON_ARTIFACTS)) {
      for (const role of ROLES) {
        const beginner = role === 'office' ? 'agent' : role;
        const ids: Record<Target, string> = {
          mine: await begun(h, beginner, 'call-1'),
          theirs: await begun(h, beginner === 'agent' ? 'customer' : 'agent', 'call-1'),
          elsewhere: await begun(h, beginner, 'call-2'),
        };
        const got = [];
        for (const target of TARGETS) got.push(await perform(h, op, tokenOf(h, role), ids[target]));
        assert.deepEqual(got, byRole[role], `${op} by ${role} on ${TARGETS.join(', ')}`);
      }
    }
  });

  it('on calls and listings', async (t) => {
    const h = await startStorageServer(t);
    for (const role of ROLES) {
      const token = tokenOf(h, role);
      const status = async (method: string, url: string, json?: unknown) => (await h.call(method, url, { token, json })).status;
      const got = {
        begin: [await status('POST', '/v1/artifacts', newArtifact({ callId: 'call-1' })), await status('POST', '/v1/artifacts', newArtifact({ callId: 'call-2' }))],
        'list-by-call': [await status('GET', '/v1/artifacts?callId=call-1'), await status('GET', '/v1/artifacts?callId=call-2')],
        'list-by-subject': [await status('GET', '/v1/artifacts?subjectId=subject-AbC123')],
        'list-expired': [await status('GET', '/v1/artifacts?expiredBefore=5000')],
      };
      for (const [op, statuses] of Object.entries(got)) assert.deepEqual(statuses, ON_CALLS[op]![role], `${op} by ${role}`);
    }
  });

  it('ownership is the token\'s sub too: a second agent of the same call cannot write to the first one\'s recording', async (t) => {
    const h = await startStorageServer(t);
    const id = await begun(h, 'agent', 'call-1');
    const colleague = h.storageToken('call-1', 'agent', undefined, { subject: 'agent-2' });
    for (const op of ['append', 'append a batch', 'finish', 'update', 'delete']) assert.equal(await perform(h, op, colleague, id), 403, op);
    assert.equal(await perform(h, 'metadata', colleague, id), 200, 'reading in the call is allowed');
    const owner = h.storageToken('call-1', 'agent');
    assert.equal(await perform(h, 'append', owner, id), 201, 'the owner carries on, its next chunk not taken');
  });

  it('tenants are apart: the office of one never sees or touches the artifacts of another, and ids may repeat across them', async (t) => {
    const h = await startStorageServer(t);
    const acme = h.storageToken('call-1', 'agent', undefined, { tenant: 'acme' });
    const input = newArtifact();
    assert.equal((await h.call('POST', '/v1/artifacts', { token: acme, json: input })).status, 201);
    const globexOffice = h.storageToken('*', 'office', undefined, { tenant: 'globex' });
    assert.equal((await h.call('GET', path(input.id), { token: globexOffice })).status, 404);
    const listed = (await h.call('GET', `/v1/artifacts?subjectId=${input.subjectId}`, { token: globexOffice })).json as { artifacts: unknown[] };
    assert.deepEqual(listed.artifacts, []);
    assert.equal((await h.call('DELETE', path(input.id), { token: globexOffice })).status, 204, 'nothing of globex to erase');
    assert.equal((await h.call('GET', path(input.id), { token: acme })).status, 200, 'acme\'s artifact untouched');
    const globex = h.storageToken('call-1', 'agent', undefined, { tenant: 'globex' });
    assert.equal((await h.call('POST', '/v1/artifacts', { token: globex, json: input })).status, 201, 'the same id in another tenant is another artifact');
  });
});
