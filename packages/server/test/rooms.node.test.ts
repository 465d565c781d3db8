import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { SealcallServerError } from '../src/index.js';
import type { Role, ServerMessage } from '@sealcall/protocol';
import { MemoryDirectory } from '../src/signaling/memory-directory.js';
import { OUTBOX_LIMIT, Rooms, type JoinClaim } from '../src/signaling/rooms.js';
import type { RoomDirectory } from '../src/signaling/room-directory.js';
import { redisDirectory, testRedisUrl } from './redis.js';

const directories: Array<[string, (t: TestContext) => Promise<RoomDirectory>]> = [
  ['in memory', async () => new MemoryDirectory()],
  ...(testRedisUrl ? [['in Redis', (t: TestContext) => redisDirectory(t)] as [string, (t: TestContext) => Promise<RoomDirectory>]] : []),
];

/** Connections are plain names; the host records what would have gone over the wire. */
async function setup(t: TestContext, open: (t: TestContext) => Promise<RoomDirectory>) {
  const sent: Array<[string, ServerMessage['type']]> = [];
  const closed: Array<[string, number]> = [];
  const rooms = new Rooms<string>(
    {
      send: (conn, message) => sent.push([conn, message.type]),
      isOpen: (conn) => !closed.some(([c]) => c === conn),
      close: (conn, code) => closed.push([conn, code]),
      orphaned: () => {},
      log: () => {},
    },
    await open(t),
  );
  await rooms.start();
  const take = () => sent.splice(0);
  return { rooms, take, closed };
}

let ids = 0;

/** A new participant's claim, or the resume of `participantId`. */
function claim(role: Role, admitted: boolean, participantId?: string): JoinClaim {
  return {
    role,
    subject: role,
    admitted,
    participantId: participantId ?? `p${++ids}`,
    resuming: participantId !== undefined,
    resumeToken: 'resume',
    sessionExpiresAt: Date.now() + 60_000,
  };
}

for (const [where, open] of directories) {
  describe(`Rooms, ${where}`, () => {
    const R = { tenant: 'default', room: `r-${crypto.randomUUID()}` };

    it('ROOM_FULL changes nothing', async (t) => {
      const { rooms, take } = await setup(t, open);
      await rooms.join(R, claim('agent', true), 'a');
      take();
      await assert.rejects(rooms.join(R, claim('agent', true), 'a2'), (e) => e instanceof SealcallServerError && e.code === 'ROOM_FULL');
      await assert.rejects(rooms.join(R, claim('agent', true, 'someone-else'), 'a3'));
      assert.deepEqual(take(), []);
      assert.equal(rooms.participant('a2'), undefined);
      assert.equal(rooms.size, 1);
    });

    it('holds messages for a dropped participant and delivers them, in order, on resume', async (t) => {
      const { rooms, take } = await setup(t, open);
      const room = { ...R, room: `${R.room}-held` };
      await rooms.join(room, claim('agent', true), 'a');
      const customer = await rooms.join(room, claim('customer', false), 'c');
      await rooms.admit('a', customer.id, 'resume');
      take();

      await rooms.drop('c');
      await rooms.signal('a', { n: 1 });
      await rooms.signal('a', { n: 2 });
      assert.deepEqual(take(), []);
      await rooms.join(room, claim('customer', true, customer.id), 'c2');
      assert.deepEqual(take(), [
        ['c2', 'joined'],
        ['c2', 'signal'],
        ['c2', 'signal'],
      ]);
      assert.deepEqual(rooms.participant('c2'), customer);
    });

    it('answers NO_PEER once a reconnecting peer has too much waiting', async (t) => {
      const { rooms } = await setup(t, open);
      const room = { ...R, room: `${R.room}-full` };
      await rooms.join(room, claim('agent', true), 'a');
      await rooms.join(room, claim('customer', true), 'c');
      await rooms.drop('c');
      for (let i = 0; i < OUTBOX_LIMIT; i++) await rooms.signal('a', { i });
      await assert.rejects(rooms.signal('a', {}), (e) => e instanceof SealcallServerError && e.code === 'NO_PEER');
    });

    it('timeout vacates the seat, tells the peer and deletes the empty room; a resumed participant outlives its old timeout', async (t) => {
      const { rooms, take } = await setup(t, open);
      const room = { ...R, room: `${R.room}-timeout` };
      await rooms.join(room, claim('agent', true), 'a');
      const customer = await rooms.join(room, claim('customer', true), 'c');
      take();
      const agent = await rooms.drop('a');
      assert.ok(agent);
      await rooms.timeout(agent);
      assert.deepEqual(take(), [['c', 'peer-left']]);

      const first = await rooms.drop('c');
      assert.ok(first);
      await rooms.join(room, claim('customer', true, customer.id), 'c2');
      await rooms.timeout(first);
      assert.deepEqual(rooms.participant('c2'), customer, 'the grace of a socket it no longer has ends nothing');
      const second = await rooms.drop('c2');
      assert.ok(second);
      await rooms.timeout(second);
      assert.equal(rooms.participant('c2'), undefined);
      assert.equal(rooms.size, 0);
      await rooms.checkVacancy(room, 'agent');
      await rooms.checkVacancy(room, 'customer');
    });
  });
}
