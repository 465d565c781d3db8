import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { createRoomToken } from '../src/index.js';
import { pair, startServer } from './helpers.js';

describe('joining and the lobby', () => {
  it('knock, admit, peer-joined on both sides, then signals relayed both ways in order', async (t) => {
    const h = await startServer(t);
    const agent = await h.connect('claim-1');
    const agentJoined = await agent.join(h.token('claim-1', 'agent'));
    assert.equal(agentJoined.role, 'agent');
    assert.equal(agentJoined.admitted, true);
    assert.equal(agentJoined.peer, null);
    assert.match(agentJoined.participantId, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(typeof agentJoined.resumeToken, 'string');

    const customer = await h.connect('claim-1');
    const customerJoined = await customer.join(h.token('claim-1', 'customer'));
    assert.equal(customerJoined.role, 'customer');
    assert.equal(customerJoined.admitted, false);
    assert.equal(customerJoined.peer, null);
    assert.deepEqual(await agent.next('knock'), { type: 'knock', participantId: customerJoined.participantId });

    agent.send({ type: 'admit', participantId: customerJoined.participantId });
    const agentInfo = { participantId: agentJoined.participantId, role: 'agent' };
    const customerInfo = { participantId: customerJoined.participantId, role: 'customer' };
    const admitted = await customer.next('admitted');
    assert.deepEqual(admitted.peer, agentInfo);
    const jti = (token: string) => decodeJwt(token).jti;
    assert.equal(jti(admitted.resumeToken), jti(customerJoined.resumeToken), 'an admission does not use up the resume token');
    assert.deepEqual(await customer.next('peer-joined'), { type: 'peer-joined', peer: agentInfo });
    assert.deepEqual(await agent.next('peer-joined'), { type: 'peer-joined', peer: customerInfo });

    for (let seq = 0; seq < 5; seq++) {
      agent.send({ type: 'signal', data: { seq, sdp: 'offer' } });
      customer.send({ type: 'signal', data: { seq, sdp: 'answer' } });
    }
    for (let seq = 0; seq < 5; seq++) {
      assert.deepEqual(await customer.next('signal'), {
        type: 'signal',
        from: agentJoined.participantId,
        data: { seq, sdp: 'offer' },
      });
      assert.deepEqual(await agent.next('signal'), {
        type: 'signal',
        from: customerJoined.participantId,
        data: { seq, sdp: 'answer' },
      });
    }
    assert.deepEqual(h.server.stats, { rooms: 1, connections: 2 });
  });

  it('knocks when the agent arrives after the customer', async (t) => {
    const h = await startServer(t);
    const customer = await h.connect('r');
    const { participantId } = await customer.join(h.token('r', 'customer'));
    const agent = await h.connect('r');
    await agent.join(h.token('r', 'agent'));
    assert.equal((await agent.next('knock')).participantId, participantId);
  });

  it('reject: the customer gets rejected and close 4403, the slot is freed, its resume token is revoked', async (t) => {
    const h = await startServer(t);
    const agent = await h.connect('r');
    await agent.join(h.token('r', 'agent'));
    const customer = await h.connect('r');
    const joined = await customer.join(h.token('r', 'customer'));
    await agent.next('knock');

    agent.send({ type: 'reject', participantId: joined.participantId });
    await customer.next('rejected');
    assert.equal((await customer.closed).code, 4403);
    assert.deepEqual(await agent.next('peer-left'), {
      type: 'peer-left',
      participantId: joined.participantId,
      reason: 'rejected',
    });

    const again = await h.connect('r');
    assert.deepEqual(await again.refused(joined.resumeToken), { code: 'TOKEN_REVOKED', closeCode: 4401 });
    const next = await h.connect('r');
    const other = await next.join(h.token('r', 'customer'));
    assert.equal((await agent.next('knock')).participantId, other.participantId);
  });

  it('refuses a third connection with 4409 and leaves the room as it was', async (t) => {
    const h = await startServer(t);
    const agentToken = h.token('r', 'agent');
    const p = await pair(h, 'r');

    const secondAgent = await h.connect('r');
    assert.deepEqual(await secondAgent.refused(agentToken), { code: 'ROOM_FULL', closeCode: 4409 });
    const secondCustomer = await h.connect('r');
    assert.deepEqual(await secondCustomer.refused(h.token('r', 'customer')), { code: 'ROOM_FULL', closeCode: 4409 });

    p.customer.send({ type: 'signal', data: { still: 'here' } });
    assert.deepEqual(await p.agent.next('signal'), { type: 'signal', from: p.customerId, data: { still: 'here' } });
    p.agent.send({ type: 'signal', data: { and: 'back' } });
    assert.deepEqual(await p.customer.next('signal'), { type: 'signal', from: p.agentId, data: { and: 'back' } });
    assert.equal(h.server.stats.rooms, 1);
  });

  it('refuses bad tokens with 4401 before any state changes', async (t) => {
    let now = Date.now();
    const h = await startServer(t, { now: () => now });
    const agent = await h.connect('r');
    await agent.join(h.token('r', 'agent'));
    const customerToken = h.token('r', 'customer');
    const customer = await h.connect('r');
    const joined = await customer.join(customerToken);
    await agent.next('knock');

    const forged = createRoomToken({ secret: 'some-other-secret-of-sufficient-length', room: 'r', role: 'customer', subject: 'customer-1' });
    const expiring = h.token('r', 'customer', 60);
    const cases: Array<[string, string]> = [
      [forged, 'TOKEN_INVALID'],
      ['not-a-token', 'TOKEN_INVALID'],
      [customerToken, 'TOKEN_REUSED'],
      [h.token('elsewhere', 'customer'), 'TOKEN_WRONG_ROOM'],
      [h.token('elsewhere', 'agent'), 'TOKEN_WRONG_ROOM'],
    ];
    for (const [token, code] of cases) {
      const intruder = await h.connect('r');
      assert.deepEqual(await intruder.refused(token), { code, closeCode: 4401 });
    }
    // Past exp and the 60 s of clock skew allowed.
    now += 121_000;
    const late = await h.connect('r');
    assert.deepEqual(await late.refused(expiring), { code: 'TOKEN_EXPIRED', closeCode: 4401 });

    // Nothing reached the agent: its next message is about the customer that was already there.
    customer.send({ type: 'leave' });
    assert.deepEqual(await agent.next('peer-left'), { type: 'peer-left', participantId: joined.participantId, reason: 'left' });
    const reuse = await h.connect('r');
    assert.deepEqual(await reuse.refused(customerToken), { code: 'TOKEN_REUSED', closeCode: 4401 });
    assert.equal(h.server.stats.rooms, 1);
  });

  it('closes 4401 with NOT_JOINED when anything but join comes first', async (t) => {
    const h = await startServer(t);
    const client = await h.connect('r');
    client.send({ type: 'signal', data: {} });
    assert.equal((await client.next('error')).code, 'NOT_JOINED');
    assert.equal((await client.closed).code, 4401);
  });

  it('leave frees the slot, tells the peer and closes 1000; an empty room is deleted', async (t) => {
    const h = await startServer(t);
    const p = await pair(h, 'r');
    p.customer.send({ type: 'leave' });
    assert.deepEqual(await p.customer.closed, { code: 1000, reason: 'left' });
    assert.deepEqual(await p.agent.next('peer-left'), { type: 'peer-left', participantId: p.customerId, reason: 'left' });
    p.agent.send({ type: 'leave' });
    assert.equal((await p.agent.closed).code, 1000);
    assert.equal(h.server.stats.rooms, 0);

    const back = await h.connect('r');
    assert.deepEqual(await back.refused(p.customerResumeToken), { code: 'TOKEN_REVOKED', closeCode: 4401 });
  });

  it('a leave sent right before the socket closes still counts: the peer hears left, the token is revoked', async (t) => {
    const h = await startServer(t);
    const p = await pair(h, 'r');
    p.customer.send({ type: 'leave' });
    p.customer.ws.close(1000);
    assert.deepEqual(await p.agent.next('peer-left'), { type: 'peer-left', participantId: p.customerId, reason: 'left' });
    const back = await h.connect('r');
    assert.deepEqual(await back.refused(p.customerResumeToken), { code: 'TOKEN_REVOKED', closeCode: 4401 });
  });

  it('answers FORBIDDEN, UNKNOWN_PARTICIPANT and NO_PEER without closing', async (t) => {
    const h = await startServer(t);
    const agent = await h.connect('r');
    await agent.join(h.token('r', 'agent'));
    agent.send({ type: 'signal', data: { early: true } });
    assert.equal((await agent.next('error')).code, 'NO_PEER');

    const customer = await h.connect('r');
    const joined = await customer.join(h.token('r', 'customer'));
    await agent.next('knock');
    customer.send({ type: 'admit', participantId: joined.participantId });
    assert.equal((await customer.next('error')).code, 'FORBIDDEN');
    customer.send({ type: 'signal', data: { lobby: true } });
    assert.equal((await customer.next('error')).code, 'NO_PEER');
    agent.send({ type: 'admit', participantId: 'nobody' });
    assert.equal((await agent.next('error')).code, 'UNKNOWN_PARTICIPANT');
    agent.send({ type: 'reject', participantId: 'nobody' });
    assert.equal((await agent.next('error')).code, 'UNKNOWN_PARTICIPANT');

    agent.send({ type: 'admit', participantId: joined.participantId });
    await customer.next('admitted');
    await customer.next('peer-joined');
    await agent.next('peer-joined');
  });
});

describe('a customer who is not coming', () => {
  it('says why with its unused room token: the agent hears it, and the token still joins', async (t) => {
    const h = await startServer(t);
    const agent = await h.connect('r');
    await agent.join(h.token('r', 'agent'));
    const customerToken = h.token('r', 'customer');

    const declining = await h.connect('r');
    declining.send({ type: 'absent', token: customerToken, reason: 'declined' });
    assert.deepEqual(await agent.next('peer-absent'), { type: 'peer-absent', reason: 'declined' });
    assert.deepEqual(await declining.closed, { code: 1000, reason: 'absent' });

    const cameraRefused = await h.connect('r');
    cameraRefused.send({ type: 'absent', token: customerToken, reason: 'media-denied' });
    assert.deepEqual(await agent.next('peer-absent'), { type: 'peer-absent', reason: 'media-denied' });

    const customer = await h.connect('r');
    const joined = await customer.join(customerToken);
    assert.equal((await agent.next('knock')).participantId, joined.participantId);
  });

  it('cannot say so with a used, forged or agent token, nor a reason only the server gives', async (t) => {
    const h = await startServer(t);
    const agent = await h.connect('r');
    await agent.join(h.token('r', 'agent'));
    const customerToken = h.token('r', 'customer');
    const customer = await h.connect('r');
    await customer.join(customerToken);
    await agent.next('knock');

    const forged = createRoomToken({ secret: 'some-other-secret-of-sufficient-length', room: 'r', role: 'customer', subject: 'customer-1' });
    const cases: Array<[{ type: 'absent'; token: string; reason: string }, string]> = [
      [{ type: 'absent', token: customerToken, reason: 'declined' }, 'TOKEN_REUSED'],
      [{ type: 'absent', token: forged, reason: 'declined' }, 'TOKEN_INVALID'],
      [{ type: 'absent', token: h.token('r', 'agent'), reason: 'declined' }, 'FORBIDDEN'],
      [{ type: 'absent', token: h.token('r', 'customer'), reason: 'link-used' }, 'BAD_MESSAGE'],
    ];
    for (const [message, code] of cases) {
      const intruder = await h.connect('r');
      intruder.send(message);
      assert.equal((await intruder.next('error')).code, code);
    }
    customer.send({ type: 'leave' });
    assert.equal((await agent.next('peer-left')).reason, 'left', 'the agent heard none of them');
  });

  it('the agent hears of a link opened again or too late, while no customer is in the room', async (t) => {
    let now = Date.now();
    const h = await startServer(t, { now: () => now });
    const agent = await h.connect('r');
    await agent.join(h.token('r', 'agent'));
    const customerToken = h.token('r', 'customer');
    const expiring = h.token('r', 'customer', 60);
    const customer = await h.connect('r');
    await customer.join(customerToken);
    await agent.next('knock');

    const secondTab = await h.connect('r');
    assert.equal((await secondTab.refused(customerToken)).code, 'TOKEN_REUSED');
    customer.send({ type: 'leave' });
    await agent.next('peer-left');

    const reopened = await h.connect('r');
    assert.equal((await reopened.refused(customerToken)).code, 'TOKEN_REUSED');
    assert.deepEqual(await agent.next('peer-absent'), { type: 'peer-absent', reason: 'link-used' });

    now += 121_000;
    const late = await h.connect('r');
    assert.equal((await late.refused(expiring)).code, 'TOKEN_EXPIRED');
    assert.deepEqual(await agent.next('peer-absent'), { type: 'peer-absent', reason: 'link-expired' });
    const elsewhere = await h.connect('elsewhere');
    assert.equal((await elsewhere.refused(expiring)).code, 'TOKEN_EXPIRED');
    // Nothing came of the expired link used for another room: the agent's next message is the knock.
    const next = await h.connect('r');
    const joined = await next.join(h.token('r', 'customer'));
    assert.equal((await agent.next('knock')).participantId, joined.participantId);
  });
});
