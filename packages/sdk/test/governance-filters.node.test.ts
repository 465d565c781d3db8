import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SealcallError } from '../src/errors.js';
import { GovernanceClient } from '../src/governance/governance-client.js';

// What GovernanceClient sends for `whoAmI` and the call filters, over a scripted fetch (the
// server's side is tested in packages/server/test/records-reach.node.test.ts and
// governance.node.test.ts; the browsers' in governance-client.test.ts).

interface Sent {
  readonly method: string;
  readonly url: URL;
}

/** A client whose fetch records each request and answers the next of `answers`, as JSON. */
function scripted(answers: unknown[]): { client: GovernanceClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push({ method: init?.method ?? 'GET', url: new URL(String(input)) });
    return new Response(JSON.stringify(answers.shift()), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { client: new GovernanceClient({ baseUrl: 'https://sealcall.test', token: 'staff-token', fetch }), sent };
}

const CALL = { callId: 'c', subjectId: 's', startedBy: 'agent-a', teams: [], startedAt: 1 };

describe('GovernanceClient: who am I, and filtered calls', () => {
  it('asks GET /v1/me and answers the identity as the protocol reads it', async () => {
    const identity = { subject: 'agent-a', tenant: 't', roles: ['agent'], teams: ['north'], permissions: ['call.start', 'settings.read'] };
    const { client, sent } = scripted([{ ...identity, later: true }]);
    assert.deepEqual(await client.whoAmI(), identity);
    assert.deepEqual(sent.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`), ['GET /v1/me']);

    const off = scripted([{ ...identity, permissions: ['everything'] }]);
    await assert.rejects(off.client.whoAmI(), (error) => error instanceof SealcallError && error.code === 'GOVERNANCE_FAILED' && /"permissions\[\]"/.test(error.message));
  });

  it('puts the page and the filters in the query, and only those given', async () => {
    const { client, sent } = scripted([{ calls: [CALL], next: null }, { calls: [], next: null }]);
    await client.callPage({ after: 4, limit: 10, subject: 'subject-X', from: 1000, to: 2000, kind: 'picture' });
    await client.callPage();
    assert.deepEqual(Object.fromEntries(sent[0]!.url.searchParams), { after: '4', limit: '10', subject: 'subject-X', from: '1000', to: '2000', kind: 'picture' });
    assert.equal(sent[1]!.url.search, '');
  });

  it('keeps the filters on every page of calls()', async () => {
    const { client, sent } = scripted([{ calls: [CALL], next: 7 }, { calls: [{ ...CALL, callId: 'd' }], next: null }]);
    const ids: string[] = [];
    for await (const call of client.calls({ kind: 'recording', limit: 1 })) ids.push(call.callId);
    assert.deepEqual(ids, ['c', 'd']);
    assert.deepEqual(sent.map((s) => s.url.search), ['?after=0&limit=1&kind=recording', '?after=7&limit=1&kind=recording']);
  });

  it('refuses a filter the protocol does not take, before sending anything', async () => {
    const { client, sent } = scripted([]);
    const refused = (message: RegExp) => (error: unknown) => error instanceof SealcallError && error.code === 'INVALID_ARGUMENT' && message.test(error.message);
    // @ts-expect-error: not a kind
    await assert.rejects(client.callPage({ kind: 'video' }), refused(/"kind" expected picture, recording, document, location, transcript or consent/));
    await assert.rejects(client.callPage({ from: 5, to: 5 }), refused(/"to" expected later than "from"/));
    await assert.rejects(client.callPage({ subject: '' }), refused(/"subject" expected a non-empty string/));
    assert.throws(() => client.calls({ from: -1 }), refused(/"from" expected milliseconds since the epoch/));
    assert.deepEqual(sent, []);
  });
});
