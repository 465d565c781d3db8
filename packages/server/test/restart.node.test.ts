import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { createRoomToken } from '../src/index.js';
import { startCli } from './cli-process.js';
import { POSTGRES_URL } from './database.js';
import { freshPostgresUrl } from './fresh-postgres.js';
import { SECRET, TestClient } from './helpers.js';
import { tempDir } from './storage-helpers.js';

/**
 * The lobby across SIGKILLs of the real CLI: no shutdown, no flush, then a new process on the
 * same records. Between every step of the flow, nothing decided may be forgotten.
 */
const postgres = POSTGRES_URL;
const stores: Array<{ name: string; args(t: TestContext): Promise<string[]> }> = postgres
  ? [
      {
        name: 'PostgreSQL',
        args: async (t) => {
          const fresh = await freshPostgresUrl(postgres);
          t.after(() => fresh.drop());
          return ['--database-url', fresh.url];
        },
      },
    ]
  : [{ name: 'embedded PGlite', args: async (t) => ['--data-dir', await tempDir(t)] }];

for (const store of stores) {
  describe(`a server restarted on its records (${store.name})`, () => {
    it('keeps every lobby decision across SIGKILL between every step, and the call continues', async (t) => {
      const args = ['--port', '0', ...(await store.args(t))];
      let server = await startCli(t, args, { SEALCALL_SECRET: SECRET });
      const restart = async (): Promise<void> => {
        await server.kill();
        server = await startCli(t, args, { SEALCALL_SECRET: SECRET });
      };
      const connect = async (): Promise<TestClient> => track(t, await TestClient.open(`${server.url}/v1/rooms/r`));
      const token = (role: 'agent' | 'customer') => createRoomToken({ secret: SECRET, subject: 'test-user', room: 'r', role });

      // The agent waits; the first customer knocks.
      let agent = await connect();
      let agentResume = (await agent.join(token('agent'))).resumeToken;
      const firstInvite = token('customer');
      let customer = await connect();
      const first = await customer.join(firstInvite);
      await agent.next('knock');
      await restart();

      // Both come back: the customer is still waiting, and knocks again.
      customer = await connect();
      const waiting = await customer.join(first.resumeToken);
      assert.equal(waiting.participantId, first.participantId);
      assert.equal(waiting.admitted, false, 'a restart lets no one past the lobby');
      agent = await connect();
      agentResume = (await agent.join(agentResume)).resumeToken;
      assert.equal((await agent.next('knock')).participantId, first.participantId);

      agent.send({ type: 'reject', participantId: first.participantId });
      await agent.next('peer-left');
      assert.equal((await customer.closed).code, 4403);
      await restart();

      // The rejected customer stays out, and its invitation stays spent.
      assert.deepEqual(await (await connect()).refused(waiting.resumeToken), { code: 'TOKEN_REVOKED', closeCode: 4401 });
      await restart();
      assert.deepEqual(await (await connect()).refused(firstInvite), { code: 'TOKEN_REUSED', closeCode: 4401 });

      // A second customer is admitted: the resume token it had while waiting still works, once.
      agent = await connect();
      agentResume = (await agent.join(agentResume)).resumeToken;
      customer = await connect();
      const second = await customer.join(token('customer'));
      await agent.next('knock');
      agent.send({ type: 'admit', participantId: second.participantId });
      const admitted = await customer.next('admitted');
      await customer.next('peer-joined');
      await agent.next('peer-joined');
      await restart();

      // The admitted customer resumes straight into the call, with the token from `joined` (the
      // `admitted` that carried the same one may be lost with the socket), and signals flow again.
      customer = await connect();
      const resumed = await customer.join(second.resumeToken);
      assert.equal(resumed.admitted, true);
      agent = await connect();
      agentResume = (await agent.join(agentResume)).resumeToken;
      await agent.next('peer-joined');
      await customer.next('peer-joined');
      customer.send({ type: 'signal', data: { n: 1 } });
      assert.deepEqual((await agent.next('signal')).data, { n: 1 });
      agent.send({ type: 'signal', data: { n: 2 } });
      assert.deepEqual((await customer.next('signal')).data, { n: 2 });
      await restart();

      // The resume token just used is dead too: a thief holding it is refused and displaces no one.
      customer = await connect();
      const current = await customer.join(resumed.resumeToken);
      const thief = await connect();
      assert.deepEqual(await thief.refused(admitted.resumeToken), { code: 'TOKEN_REUSED', closeCode: 4401 });
      agent = await connect();
      await agent.join(agentResume);
      await agent.next('peer-joined');
      await customer.next('peer-joined');
      customer.send({ type: 'signal', data: { n: 3 } });
      assert.deepEqual((await agent.next('signal')).data, { n: 3 });
      assert.ok(current.resumeToken);
      await server.kill();
    });
  });
}

function track(t: TestContext, client: TestClient): TestClient {
  t.after(() => client.ws.terminate());
  return client;
}


