import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { createServer, type TurnOptions } from '../src/index.js';
import { testDatabase } from './database.js';
import { SECRET, startServer } from './helpers.js';

const NOW = Date.parse('2026-12-07T09:00:00Z');
const turn: TurnOptions = { secret: 'coturn-static-auth-secret', urls: ['turn:127.0.0.1:3478?transport=udp', 'turn:127.0.0.1:3478?transport=tcp'] };

/** What coturn checks: the credential is the HMAC of the username under the shared secret. */
const credentialFor = (username: string) => createHmac('sha1', turn.secret).update(username).digest('base64');

describe('TURN credentials', () => {
  it('gives every participant its own, expiring with its session, in joined: on a first join and on a resume', async (t) => {
    const h = await startServer(t, { turn, now: () => NOW });
    const agent = await h.connect('r');
    const joined = await agent.join(h.token('r', 'agent', 1800));
    const expiry = Math.floor(NOW / 1000) + 1800;
    assert.deepEqual(joined.iceServers, [{ urls: turn.urls, username: `${expiry}:${joined.participantId}`, credential: credentialFor(`${expiry}:${joined.participantId}`) }]);

    const customer = await h.connect('r');
    const waiting = await customer.join(h.token('r', 'customer', 600));
    assert.equal(waiting.iceServers?.[0]?.username, `${Math.floor(NOW / 1000) + 600}:${waiting.participantId}`, 'a customer in the lobby has them too, until its own token ends');

    agent.ws.terminate();
    const again = await h.connect('r');
    const resumed = await again.join(joined.resumeToken);
    assert.equal(resumed.participantId, joined.participantId);
    assert.deepEqual(resumed.iceServers, joined.iceServers, 'a resume never outlives the session either');
  });

  it('sends none without TURN', async (t) => {
    const h = await startServer(t);
    const agent = await h.connect('r');
    assert.equal('iceServers' in (await agent.join(h.token('r', 'agent'))), false);
  });

  it('refuses a short secret and URLs that are not TURN URLs', async () => {
    const database = await testDatabase();
    const refused = (options: unknown, message: RegExp) =>
      assert.throws(() => createServer({ secret: SECRET, database, turn: options as TurnOptions }), (error: Error & { code?: string }) => error.code === 'OPTION_INVALID' && message.test(error.message));
    refused({ secret: 'short', urls: turn.urls }, /"turn.secret" expected coturn's static-auth-secret, at least 16 characters, got length=5/);
    refused({ secret: turn.secret, urls: [] }, /"turn.urls" expected 1..8 TURN URLs/);
    refused({ secret: turn.secret, urls: ['stun:127.0.0.1:3478'] }, /"turn.urls" expected URLs of the form turn:host:port/);
    refused({ secret: turn.secret, urls: ['turn:a b'] }, /"turn.urls"/);
    await database.close();
  });
});
