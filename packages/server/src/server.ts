/** Wires HTTP, WebSockets, tokens and rooms together; owns every socket and timer. */

import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { SealcallServerError, type SealcallServerErrorCode } from './errors.js';
import { handleRequest, pathOf, refuseUpgrade } from './http.js';
import { createLog, type LogEvent, type LogFields } from './logger.js';
import { resolveOptions, type ServerOptions } from './options.js';
import { CloseCode, roomFromPath, type ClientMessage, type Role, type ServerMessage, type SignalingErrorCode } from '@sealcall/protocol';
import { parseClientFrame } from './protocol.js';
import { tokenBucket } from './rate-limit.js';
import { Lobby } from './signaling/lobby.js';
import { SignalingRecords, type RoomRef } from './signaling/records.js';
import { Rooms } from './signaling/rooms.js';
import { openRoomState } from './signaling/room-state.js';
import { AuditLog } from './governance/audit-log.js';
import { createGovernanceHandler } from './governance/handler.js';
import { LegalHolds } from './governance/legal-holds.js';
import { pruneAuditLogs } from './governance/audit-retention.js';
import { RetentionSweeper } from './governance/retention-sweeper.js';
import { originAllowed, TenantSettingsStore } from './governance/tenant-settings.js';
import { createCountersignHandler } from './governance/consent-countersign.js';
import { DEFAULT_SWEEP_INTERVAL_MS } from './storage/options.js';
import { createStorageEndpoint } from './storage/handler.js';

export interface SealcallServer {
  /**
   * Starts listening. Rejects with the Node error if the port is taken, or if the storage
   * directory cannot be created.
   */
  listen(): Promise<ListenAddress>;
  /** Closes every socket with 1001, stops all timers and the HTTP server. Idempotent. */
  close(): Promise<void>;
  /**
   * Erases every stored artifact past its expiry now, and prunes audit logs past their tenants'
   * retention, as the sweeper does at start and every `storage.sweepIntervalMs`; resolves with
   * how many artifacts it erased (0 without storage).
   */
  sweepRetention(): Promise<number>;
  readonly stats: ServerStats;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
  /** For example `ws://127.0.0.1:8787`; clients connect to `${url}/v1/rooms/<roomId>`. */
  readonly url: string;
}

export interface ServerStats {
  /** Rooms with someone in them; with `redis`, rooms with someone connected to this node. */
  readonly rooms: number;
  readonly connections: number;
}

interface Connection {
  readonly ws: WebSocket;
  readonly room: string;
  /** The remote address, never logged: for the per-address limit only. */
  readonly address: string;
  /** The page that opened it, as the browser said (`Origin`); undefined from a program. */
  readonly origin: string | undefined;
  readonly allow: () => boolean;
  /** Which tick of the heartbeat pings it (HEARTBEAT_SLICES). */
  readonly slice: number;
  alive: boolean;
  joinTimer: NodeJS.Timeout | undefined;
  /** Its messages are handled one after the other, each after the previous one's decision is stored. */
  queue: Promise<void>;
  /** Set once it has joined: its room, in the tenant of its token. */
  ref?: RoomRef;
  participantId?: string;
  role?: Role;
}

/**
 * The heartbeat pings a fifteenth of the sockets every fifteenth of its interval: each socket
 * still once an interval, but a node with ten thousand never stalls to ping them all at once.
 */
const HEARTBEAT_SLICES = 15;

interface ErrorPolicy {
  readonly event: LogEvent;
  readonly close?: CloseCode;
}

/** After `{ type: 'error', code }` is sent: how it is logged, and whether the socket is closed. */
const ON_ERROR: Record<SignalingErrorCode, ErrorPolicy> = {
  TOKEN_INVALID: { event: 'refused', close: CloseCode.unauthorized },
  TOKEN_EXPIRED: { event: 'refused', close: CloseCode.unauthorized },
  TOKEN_REUSED: { event: 'refused', close: CloseCode.unauthorized },
  TOKEN_REVOKED: { event: 'refused', close: CloseCode.unauthorized },
  TOKEN_WRONG_ROOM: { event: 'refused', close: CloseCode.unauthorized },
  ORIGIN_REFUSED: { event: 'refused', close: CloseCode.unauthorized },
  NOT_JOINED: { event: 'refused', close: CloseCode.unauthorized },
  ROOM_FULL: { event: 'refused', close: CloseCode.roomFull },
  JOIN_TIMEOUT: { event: 'join-timeout', close: CloseCode.joinTimeout },
  RATE_LIMITED: { event: 'rate-limited', close: CloseCode.rateLimited },
  BAD_MESSAGE: { event: 'bad-message' },
  FORBIDDEN: { event: 'denied' },
  UNKNOWN_PARTICIPANT: { event: 'denied' },
  NO_PEER: { event: 'denied' },
};

/** Time allowed for clients to answer the closing handshake on shutdown before they are cut off. */
const SHUTDOWN_GRACE_MS = 1000;

export function createServer(options: ServerOptions): SealcallServer {
  const o = resolveOptions(options);
  const log = createLog(o.logger, o.now);
  const connections = new Set<Connection>();
  const audit = new AuditLog(o.auditKey);
  const records = new SignalingRecords(o.database, audit);
  const roomState = openRoomState(o.redis, o.heartbeatIntervalMs, log);
  const rooms = new Rooms<Connection>(
    {
      send,
      isOpen: (conn) => conn.ws.readyState === WebSocket.OPEN,
      close: (conn, code, reason) => conn.ws.close(code, reason),
      orphaned: (dropped) => lobby.orphaned(dropped),
      log,
    },
    roomState.directory,
  );
  const settings = new TenantSettingsStore(o.database, audit, o.storage?.retentionMs ?? null);
  const lobby = new Lobby<Connection>({
    rooms,
    lock: roomState.lock,
    records,
    tokens: o.tokens,
    resumeTtlSeconds: o.resumeTtlSeconds,
    reconnectGraceMs: o.reconnectGraceMs,
    turn: o.turn,
    originAllowed: async (tenant, origin) => originAllowed(await settings.current(tenant, o.now()), origin),
    now: o.now,
    log,
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxPayloadBytes, clientTracking: false });
  const storage = o.storage ? createStorageEndpoint(o.storage, { tokens: o.tokens, database: o.database, audit, settings, allowedOrigins: o.allowedOrigins, now: o.now, log }) : undefined;
  const sweeper = new RetentionSweeper({
    store: storage?.store,
    pruneAudit: (now) => pruneAuditLogs(o.database, audit, now),
    intervalMs: o.storage?.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
    now: o.now,
    log,
  });
  const governance = createGovernanceHandler({
    staff: o.staff,
    holds: new LegalHolds(o.database, audit),
    settings,
    tokens: o.tokens,
    database: o.database,
    audit,
    store: storage?.store,
    allowedOrigins: o.allowedOrigins,
    now: o.now,
    log,
  });
  const countersign = createCountersignHandler({
    tokens: o.tokens,
    database: o.database,
    audit,
    auditKey: o.auditKey,
    settings,
    allowedOrigins: o.allowedOrigins,
    now: o.now,
    log,
  });
  const http = createHttpServer(
    // A request (an upgrade too) whose headers have not all arrived within the timeout is cut off.
    { headersTimeout: o.handshakeTimeoutMs, connectionsCheckingInterval: Math.min(1000, o.handshakeTimeoutMs) },
    (req, res) => handleRequest(req, res, { storage: storage?.handle, governance, countersign, auditKeys: { keys: [o.auditKey.publicJwk] } }, o.now),
  );
  http.on('upgrade', upgrade);
  /** Open WebSockets per remote address, for `maxConnectionsPerAddress`. */
  const perAddress = new Map<string, number>();
  let heartbeat: NodeJS.Timeout | undefined;
  const slices = o.heartbeatIntervalMs >= 1500 ? HEARTBEAT_SLICES : 1;
  let nextSlice = 0;
  let tickSlice = 0;
  let closing: Promise<void> | undefined;

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closing) {
      socket.destroy();
      return;
    }
    const room = roomFromPath(pathOf(req));
    if (room === null) {
      log('info', 'refused', { status: 404 });
      refuseUpgrade(socket, 404);
    } else if (o.allowedOrigins !== null && !o.allowedOrigins.has(req.headers.origin ?? '')) {
      log('info', 'refused', { room, status: 403 });
      refuseUpgrade(socket, 403);
    } else if ((perAddress.get(addressOf(req)) ?? 0) >= o.maxConnectionsPerAddress) {
      log('warn', 'refused', { room, status: 429 });
      refuseUpgrade(socket, 429);
    } else {
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, room, addressOf(req), req.headers.origin));
    }
  }

  function accept(ws: WebSocket, room: string, address: string, origin: string | undefined): void {
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    const conn: Connection = {
      ws,
      room,
      address,
      origin,
      allow: tokenBucket(o.rateLimit, o.now),
      slice: nextSlice++ % slices,
      alive: true,
      joinTimer: setTimeout(() => {
        answer(conn, 'JOIN_TIMEOUT', `no "join" within ${o.joinTimeoutMs} ms`);
      }, o.joinTimeoutMs),
      queue: Promise.resolve(),
    };
    connections.add(conn);
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data, isBinary) => receive(conn, data, isBinary));
    // Oversized frames and protocol violations land here; ws then closes the socket itself.
    ws.on('error', (error: Error & { code?: string }) => {
      log('warn', 'socket-error', { ...who(conn), code: error.code ?? error.name });
    });
    ws.on('close', (code) => closed(conn, code));
  }

  function receive(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    try {
      if (!conn.allow()) {
        throw new SealcallServerError('RATE_LIMITED', 'more messages than the rate limit allows');
      }
      if (isBinary) {
        throw new SealcallServerError('BAD_MESSAGE', 'binary frames are not accepted; send JSON text frames');
      }
      const message = parseClientFrame(toText(data));
      conn.queue = conn.queue.then(() => handle(conn, message)).catch((error: unknown) => fail(conn, error));
    } catch (error) {
      fail(conn, error);
    }
  }

  function fail(conn: Connection, error: unknown): void {
    if (error instanceof SealcallServerError && isWireCode(error.code)) {
      answer(conn, error.code, error.message);
    } else {
      log('error', 'internal-error', { ...who(conn), code: error instanceof Error ? error.name : typeof error });
      conn.ws.close(CloseCode.internal, 'internal error');
    }
  }

  /** Runs after the messages before it were decided: a `leave` right before the socket closes still counts. */
  async function handle(conn: Connection, message: ClientMessage): Promise<void> {
    const ref = conn.ref;
    if (ref === undefined) {
      if (message.type === 'absent') {
        await lobby.absent(conn.room, message.token, message.reason, conn.origin);
        clearTimeout(conn.joinTimer);
        conn.ws.close(CloseCode.left, 'absent');
        return;
      }
      if (message.type !== 'join') {
        throw new SealcallServerError('NOT_JOINED', 'the first message must be "join" (or "absent")');
      }
      // Nobody to seat any more.
      if (conn.ws.readyState !== WebSocket.OPEN) return;
      const participant = await lobby.join(conn.room, conn, message.token, conn.origin);
      clearTimeout(conn.joinTimer);
      conn.ref = { tenant: participant.tenant, room: participant.room };
      conn.participantId = participant.id;
      conn.role = participant.role;
      return;
    }
    switch (message.type) {
      case 'join':
      case 'absent':
        throw new SealcallServerError('BAD_MESSAGE', 'this socket has already joined');
      case 'admit':
        return lobby.admit(ref, conn, message.participantId);
      case 'reject':
        return lobby.reject(ref, conn, message.participantId);
      case 'signal':
        return rooms.signal(conn, message.data);
      case 'leave':
        return lobby.leave(ref, conn);
    }
  }

  function answer(conn: Connection, code: SignalingErrorCode, message: string): void {
    const policy = ON_ERROR[code];
    log(policy.close === undefined ? 'info' : 'warn', policy.event, { ...who(conn), code });
    send(conn, { type: 'error', code, message });
    if (policy.close !== undefined) conn.ws.close(policy.close, code);
  }

  function send(conn: Connection, message: ServerMessage): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(message));
  }

  function closed(conn: Connection, code: number): void {
    connections.delete(conn);
    const open = (perAddress.get(conn.address) ?? 1) - 1;
    if (open > 0) perAddress.set(conn.address, open);
    else perAddress.delete(conn.address);
    clearTimeout(conn.joinTimer);
    log('info', 'closed', { ...who(conn), closeCode: code });
    if (closing) return;
    // After the messages it sent: a join still being decided seats it first, then it is dropped.
    conn.queue = conn.queue.then(() => (conn.ref === undefined ? undefined : lobby.dropped(conn.ref, conn))).catch((error: unknown) => {
      log('error', 'internal-error', { ...who(conn), code: error instanceof Error ? error.name : typeof error });
    });
  }

  function tick(): void {
    const slice = tickSlice;
    tickSlice = (tickSlice + 1) % slices;
    for (const conn of connections) {
      if (conn.slice !== slice) continue;
      if (!conn.alive) {
        log('info', 'heartbeat-timeout', who(conn));
        conn.ws.terminate();
      } else if (conn.ws.readyState === WebSocket.OPEN) {
        conn.alive = false;
        conn.ws.ping();
      }
    }
    if (slice !== 0) return;
    records.prune(o.now()).catch((error: unknown) => {
      log('error', 'database-error', { code: error instanceof Error ? error.name : typeof error });
    });
  }

  async function listen(): Promise<ListenAddress> {
    await storage?.store.open();
    await rooms.start();
    void sweeper.start();
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(o.port, o.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    const address = http.address();
    const port = typeof address === 'object' && address !== null ? address.port : o.port;
    const url = `ws://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
    heartbeat = setInterval(tick, o.heartbeatIntervalMs / slices).unref();
    log('info', 'listening', { url });
    return { host: o.host, port, url };
  }

  async function shutdown(): Promise<void> {
    clearInterval(heartbeat);
    const sockets = [...connections];
    for (const conn of sockets) {
      clearTimeout(conn.joinTimer);
      conn.ws.close(CloseCode.shutdown, 'server shutting down');
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(sockets.map((conn) => whenClosed(conn.ws))),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS))),
    ]);
    clearTimeout(timer);
    for (const conn of sockets) conn.ws.terminate();
    await Promise.allSettled(sockets.map((conn) => conn.queue));
    await lobby.close();
    await sweeper.stop();
    rooms.clear();
    await roomState.close();
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
    log('info', 'shutdown');
  }

  return {
    listen,
    close: () => (closing ??= shutdown()),
    sweepRetention: () => sweeper.sweep(),
    get stats() {
      return { rooms: rooms.size, connections: connections.size };
    },
  };
}

function addressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '';
}

function isWireCode(code: SealcallServerErrorCode): code is SignalingErrorCode {
  return code in ON_ERROR;
}

function who(conn: Connection): LogFields {
  return conn.ref === undefined
    ? { room: conn.room }
    : { tenant: conn.ref.tenant, room: conn.room, participantId: conn.participantId, role: conn.role };
}

function toText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

function whenClosed(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => ws.once('close', () => resolve()));
}
