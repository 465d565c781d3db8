import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SealcallServerError } from '../src/index.js';
import type { Role, ServerMessage } from '@sealcall/protocol';
import { OUTBOX_LIMIT, Rooms, type JoinClaim } from '../src/signaling/rooms.js';

/** Connections are plain names; the host records what would have gone over the wire. */
function setup() {
  const sent: Array<[string, ServerMessage['type']]> = [];
  const closed: Array<[string, number]> = [];
  const rooms = new Rooms<string>({
    send: (conn, message) => sent.push([conn, message.type]),
    close: (conn, code) => closed.push([conn, code]),
    log: () => {},
  });
  const take = () => sent.splice(0);
  return { rooms, take, closed };
}

let ids = 0;

/** A new participant's claim, or the resume of `participantId`. */
function claim(role: Role, admitted: boolean, participantId?: string): JoinClaim {
  return { role, subject: role, admitted, participantId: participantId ?? `p${++ids}`, resuming: participantId !== undefined, resumeToken: 'resume' };
}

const R = { tenant: 'default', room: 'r' };

describe('Rooms', () => {
  it('ROOM_FULL changes nothing', () => {
    const { rooms, take } = setup();
    rooms.join(R, claim('agent', true), 'a');
    take();
    assert.throws(() => rooms.join(R, claim('agent', true), 'a2'), (e) => e instanceof SealcallServerError && e.code === 'ROOM_FULL');
    assert.throws(() => rooms.join(R, claim('agent', true, 'p9'), 'a3'));
    assert.deepEqual(take(), []);
    assert.equal(rooms.participant('a2'), undefined);
    assert.equal(rooms.size, 1);
  });

  it('holds messages for a dropped participant and delivers them, in order, on resume', () => {
    const { rooms, take } = setup();
    const agent = rooms.join(R, claim('agent', true), 'a');
    const customer = rooms.join(R, claim('customer', false), 'c');
    rooms.admit('a', customer.id, 'resume');
    take();

    rooms.drop('c');
    rooms.signal('a', { n: 1 });
    rooms.signal('a', { n: 2 });
    assert.deepEqual(take(), []);
    rooms.join(R, claim('customer', true, customer.id), 'c2');
    assert.deepEqual(take(), [
      ['c2', 'joined'],
      ['c2', 'signal'],
      ['c2', 'signal'],
    ]);
    assert.equal(rooms.participant('c2'), customer);
    assert.equal(agent.conn, 'a');
  });

  it('answers NO_PEER once a reconnecting peer has too much waiting', () => {
    const { rooms } = setup();
    rooms.join(R, claim('agent', true), 'a');
    rooms.join(R, claim('customer', true), 'c');
    rooms.drop('c');
    for (let i = 0; i < OUTBOX_LIMIT; i++) rooms.signal('a', { i });
    assert.throws(() => rooms.signal('a', {}), (e) => e instanceof SealcallServerError && e.code === 'NO_PEER');
  });

  it('timeout vacates the slot, tells the peer and deletes the empty room', () => {
    const { rooms, take } = setup();
    const agent = rooms.join(R, claim('agent', true), 'a');
    rooms.join(R, claim('customer', true), 'c');
    take();
    rooms.drop('a');
    rooms.timeout(agent);
    assert.deepEqual(take(), [['c', 'peer-left']]);
    const customer = rooms.drop('c');
    assert.ok(customer);
    rooms.timeout(customer);
    assert.equal(rooms.size, 0);
  });
});
