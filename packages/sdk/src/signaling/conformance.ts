import type { PeerMessage } from './peer-message.js';
import { MAX_PEER_MESSAGE_BYTES } from './peer-message.js';
import type { Role, SignalingAdapter, SignalingEvents } from './types.js';
import { conformanceAsserts } from '../internal/conformance-assert.js';

const { check, rejects } = conformanceAsserts('Signaling');

/** Makes a fresh adapter for one role in a room. Each test uses a new random room. */
export type SignalingPairFactory = (role: Role, room: string) => SignalingAdapter | Promise<SignalingAdapter>;

/** The `describe` and `it` of your test framework (mocha, node:test, vitest and jest all fit). */
export interface TestFunctions {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

const EVENT_TIMEOUT_MS = 5000;

/**
 * Registers the SignalingAdapter contract as tests. Run it against your own adapter:
 *
 *   defineSignalingConformance('MySignaling', (role, room) => new MySignaling({ role, room }), { describe, it });
 */
export function defineSignalingConformance(name: string, create: SignalingPairFactory, { describe, it }: TestFunctions): void {
  describe(`${name} conforms to SignalingAdapter`, () => {
    const open: SignalingAdapter[] = [];
    const make = async (role: Role, room: string) => {
      const adapter = await create(role, room);
      open.push(adapter);
      return adapter;
    };
    const cleanUp = () => open.splice(0).forEach((a) => a.close());
    const test = (title: string, body: () => Promise<void>) =>
      it(title, async () => {
        try {
          await body();
        } finally {
          cleanUp();
        }
      });

    const pair = async () => {
      const room = `conformance-${crypto.randomUUID()}`;
      const agent = await make('agent', room);
      const customer = await make('customer', room);
      const knock = next(agent, 'knock');
      const agentJoined = await agent.connect();
      const customerJoined = await customer.connect();
      const { participantId } = await knock;
      const peers = Promise.all([next(agent, 'peer-joined'), next(customer, 'peer-joined'), next(customer, 'admitted')]);
      agent.admit(participantId);
      const [agentSees, customerSees] = await peers;
      return { agent, customer, agentJoined, customerJoined, agentSees, customerSees };
    };

    test('an agent joins admitted; a customer joins in the lobby and knocks', async () => {
      const { agentJoined, customerJoined, agentSees, customerSees } = await pair();
      check(agentJoined.admitted && agentJoined.self.role === 'agent', 'the agent is admitted on join');
      check(!customerJoined.admitted && customerJoined.self.role === 'customer', 'the customer waits in the lobby');
      check(agentSees.peer.participantId === customerJoined.self.participantId, 'the agent sees the customer join');
      check(customerSees.peer.participantId === agentJoined.self.participantId, 'the customer sees the agent');
    });

    test('delivers messages in order, both ways, with the sender named', async () => {
      const { agent, customer, agentJoined, customerJoined } = await pair();
      const count = 25;
      const toCustomer = collect(customer, count);
      const toAgent = collect(agent, count);
      for (let i = 0; i < count; i++) {
        agent.send(restart(i));
        customer.send(restart(1000 + i));
      }
      const [atCustomer, atAgent] = await Promise.all([toCustomer, toAgent]);
      check(atCustomer.every((m, i) => m.message.generation === i && m.from === agentJoined.self.participantId), 'agent → customer in order');
      check(atAgent.every((m, i) => m.message.generation === 1000 + i && m.from === customerJoined.self.participantId), 'customer → agent in order');
    });

    test('a rejected customer is told and closed', async () => {
      const room = `conformance-${crypto.randomUUID()}`;
      const agent = await make('agent', room);
      const customer = await make('customer', room);
      const knock = next(agent, 'knock');
      await agent.connect();
      await customer.connect();
      const rejected = next(customer, 'rejected');
      agent.reject((await knock).participantId);
      await rejected;
      await until(() => customer.state === 'closed', 'the customer is closed');
    });

    test('refuses to send a message over the size limit', async () => {
      const { agent } = await pair();
      const sdp = 'a'.repeat(MAX_PEER_MESSAGE_BYTES);
      const huge: PeerMessage = { kind: 'description', generation: 1, description: { type: 'offer', sdp } };
      await rejects(async () => agent.send(huge), 'SIGNALING_MESSAGE_TOO_LARGE');
    });

    test('close() tells the peer, is idempotent, and refuses later sends', async () => {
      const { agent, customer, agentJoined } = await pair();
      const left = next(customer, 'peer-left');
      agent.close();
      agent.close();
      const { participantId, reason } = await left;
      check(participantId === agentJoined.self.participantId && reason === 'left', 'the customer sees the agent leave');
      check(agent.state === 'closed', 'the adapter is closed');
      await rejects(async () => agent.send(restart(1)), 'SIGNALING_CLOSED');
    });

    test('an unsubscribed listener hears nothing more', async () => {
      const { agent, customer } = await pair();
      let heard = 0;
      const off = customer.on('message', () => heard++);
      off();
      const delivered = next(customer, 'message');
      agent.send(restart(7));
      await delivered;
      check(heard === 0, 'the removed listener was not called');
    });
  });
}

function restart(generation: number): PeerMessage {
  return { kind: 'restart', generation };
}

function next<K extends keyof SignalingEvents>(adapter: SignalingAdapter, type: K): Promise<SignalingEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Signaling conformance: no '${type}' event within ${EVENT_TIMEOUT_MS} ms.`));
    }, EVENT_TIMEOUT_MS);
    const off = adapter.on(type, (detail) => {
      clearTimeout(timer);
      off();
      resolve(detail);
    });
  });
}

function collect(adapter: SignalingAdapter, count: number): Promise<Array<SignalingEvents['message']>> {
  return new Promise((resolve, reject) => {
    const seen: Array<SignalingEvents['message']> = [];
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Signaling conformance: ${seen.length} of ${count} messages arrived within ${EVENT_TIMEOUT_MS} ms.`));
    }, EVENT_TIMEOUT_MS);
    const off = adapter.on('message', (detail) => {
      seen.push(detail);
      if (seen.length < count) return;
      clearTimeout(timer);
      off();
      resolve(seen);
    });
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + EVENT_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Signaling conformance: expected ${what} within ${EVENT_TIMEOUT_MS} ms.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
