import { AssertionError } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:http';
import type { TestContext } from 'node:test';
import { WebSocket, type ClientOptions } from 'ws';
import {
  createRoomToken,
  createServer,
  type LogEntry,
  type Role,
  type RoomTokenOptions,
  type SealcallServer,
  type ServerOptions,
} from '../src/index.js';
import type { ServerMessage } from '@sealcall/protocol';
import { testDatabase } from './database.js';

export const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

export type Message<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** A real `ws` client with an inbox: `await next('knock')` takes the next message and checks its type. */
export class TestClient {
  readonly ws: WebSocket;
  readonly closed: Promise<CloseInfo>;
  readonly #inbox: ServerMessage[] = [];
  readonly #waiting: Array<{ resolve(message: ServerMessage): void; reject(error: Error): void }> = [];
  #closeInfo: CloseInfo | undefined;

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      const waiter = this.#waiting.shift();
      if (waiter) waiter.resolve(message);
      else this.#inbox.push(message);
    });
    ws.on('error', () => {});
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.#closeInfo = { code, reason: reason.toString() };
        for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#closedError());
        resolve(this.#closeInfo);
      });
    });
  }

  static async open(url: string, options?: ClientOptions): Promise<TestClient> {
    const client = new TestClient(new WebSocket(url, options));
    await once(client.ws, 'open');
    return client;
  }

  /** Objects are sent as JSON text; strings as text frames; Buffers as binary frames. */
  send(message: unknown): void {
    this.ws.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  async next<T extends ServerMessage['type']>(type: T): Promise<Message<T>> {
    const message =
      this.#inbox.shift() ??
      (await new Promise<ServerMessage>((resolve, reject) => {
        if (this.#closeInfo) reject(this.#closedError());
        else this.#waiting.push({ resolve, reject });
      }));
    if (message.type !== type) {
      throw new AssertionError({ message: `expected "${type}", got ${JSON.stringify(message)}` });
    }
    return message as Message<T>;
  }

  async join(token: string): Promise<Message<'joined'>> {
    this.send({ type: 'join', token });
    return this.next('joined');
  }

  /** Sends `join` and expects an error followed by a close. */
  async refused(token: string): Promise<{ code: string; closeCode: number }> {
    this.send({ type: 'join', token });
    const error = await this.next('error');
    const { code } = await this.closed;
    return { code: error.code, closeCode: code };
  }

  #closedError(): Error {
    return new Error(`socket closed (${this.#closeInfo?.code}) while a message was awaited`);
  }
}

export interface Harness {
  readonly server: SealcallServer;
  readonly url: string;
  readonly port: number;
  readonly logs: LogEntry[];
  /** A room token of the test secret; `claims` overrides what createRoomToken is given. */
  token(room: string, role: Role, ttlSeconds?: number, claims?: Partial<RoomTokenOptions>): string;
  connect(room: string, options?: ClientOptions): Promise<TestClient>;
  waitForLog(predicate: (entry: LogEntry) => boolean): Promise<LogEntry>;
}

/** Starts a server on an ephemeral loopback port, closed when the test ends. */
export async function startServer(t: TestContext, options: Partial<ServerOptions> = {}): Promise<Harness> {
  const logs: LogEntry[] = [];
  const watchers = new Set<(entry: LogEntry) => void>();
  const server = createServer({
    secret: SECRET,
    port: 0,
    ...options,
    database: options.database ?? (await testDatabase()),
    logger: (entry) => {
      logs.push(entry);
      for (const watch of watchers) watch(entry);
    },
  });
  t.after(() => server.close());
  const { url, port } = await server.listen();
  return {
    server,
    url,
    port,
    logs,
    token: (room, role, ttlSeconds, claims) =>
      createRoomToken({ secret: SECRET, room, role, subject: `${role}-1`, ttlSeconds, now: options.now, ...claims }),
    connect: (room, clientOptions) => TestClient.open(`${url}/v1/rooms/${room}`, clientOptions),
    waitForLog: (predicate) => {
      const found = logs.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const watch = (entry: LogEntry): void => {
          if (!predicate(entry)) return;
          watchers.delete(watch);
          resolve(entry);
        };
        watchers.add(watch);
      });
    },
  };
}

export interface Pair {
  readonly agent: TestClient;
  readonly customer: TestClient;
  readonly agentId: string;
  readonly customerId: string;
  readonly agentResumeToken: string;
  /** From `admitted`: resumes straight into the room. */
  readonly customerResumeToken: string;
}

/**
 * An agent and an admitted customer in `room`, with every message up to `peer-joined` consumed;
 * the customer on `customerNode` (another server sharing rooms), if given.
 */
export async function pair(h: Harness, room: string, customerNode: Harness = h): Promise<Pair> {
  const agent = await h.connect(room);
  const agentJoined = await agent.join(h.token(room, 'agent'));
  const customer = await customerNode.connect(room);
  const customerJoined = await customer.join(h.token(room, 'customer'));
  await agent.next('knock');
  agent.send({ type: 'admit', participantId: customerJoined.participantId });
  const admitted = await customer.next('admitted');
  await customer.next('peer-joined');
  await agent.next('peer-joined');
  return {
    agent,
    customer,
    agentId: agentJoined.participantId,
    customerId: customerJoined.participantId,
    agentResumeToken: agentJoined.resumeToken,
    customerResumeToken: admitted.resumeToken,
  };
}

/** The HTTP status of a WebSocket upgrade request (101 when accepted). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url.replace(/^ws:/, 'http:'), {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}

export function httpUrl(h: Harness, path: string): string {
  return `http://127.0.0.1:${h.port}${path}`;
}
