import type { Database } from './db/database.js';
import { SealcallServerError } from './errors.js';
import { jsonLinesLogger, type LogEntry } from './logger.js';
import type { RateLimit } from './rate-limit.js';
import { ARTIFACT_KINDS, type ArtifactKind } from '@sealcall/protocol';
import { DEFAULT_RETENTION_DAYS, DEFAULT_SWEEP_INTERVAL_MS, type ResolvedStorageOptions, type StorageOptions } from './storage/options.js';
import { resolveAuditKey, type AuditKey } from './governance/audit-key.js';
import type { TokenKeys } from './tokens/jwt.js';
import { createStaffVerifier, type StaffSignInOptions, type StaffVerifier } from './tokens/staff-token.js';
import { resolveTokenKeys } from './tokens/keys.js';
import type { JSONWebKeySet } from 'jose';
import { DAY_MS } from './time.js';
import type { TurnOptions } from './signaling/turn-credentials.js';


export interface ServerOptions {
  /**
   * HMAC key (HS256) for resume tokens, and for room and storage tokens unless `publicKeys` is
   * set: a string of at least 32 characters, or at least 32 bytes.
   */
  secret: string | Uint8Array;
  /**
   * Public keys (Ed25519 or P-256 JWKs) of your back end: when set, room and storage tokens must
   * be signed with EdDSA or ES256 by one of them, and HS256 ones are refused, except the room and
   * storage tokens the server issued itself (`POST /v1/calls`).
   */
  publicKeys?: JSONWebKeySet;
  /** The `iss` every token must carry. Default `'sealcall'`. */
  tokenIssuer?: string;
  /**
   * The Ed25519 key that signs the audit log: 32 random bytes as base64url. Default: derived from
   * `secret`, so that whoever holds the secret (your back end, with HS256) could sign entries too;
   * give the server a key of its own in production.
   */
  auditKey?: string;
  /** Longest lifetime (`exp - iat`) of a token the server accepts. Default 86400 (24 hours). */
  maxTokenLifetimeSeconds?: number;
  /**
   * Where the server keeps its decisions (spent tokens, who was admitted or turned away):
   * `openEmbeddedDatabase({ dataDir })` or `openPostgresDatabase({ url })`. The server does not
   * close it; close it after `server.close()`.
   */
  database: Database;
  /** Default `'127.0.0.1'`. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Largest accepted frame; a bigger one closes the socket with 1009. Default 64 KiB. */
  maxPayloadBytes?: number;
  /** Per connection token bucket. Default `{ messagesPerSecond: 50, burst: 200 }`. */
  rateLimit?: RateLimit;
  /** Ping interval; a socket that has not answered by the next ping is terminated. Default 15000. */
  heartbeatIntervalMs?: number;
  /** How long a dropped participant's slot is kept for a resume. Default 30000. */
  reconnectGraceMs?: number;
  /** How long a new socket has to send a valid `join`. Default 10000. */
  joinTimeoutMs?: number;
  /** How long a client has to send its request headers (an upgrade too); then it is cut off. Default 5000. */
  handshakeTimeoutMs?: number;
  /**
   * WebSockets open at once from one remote address; more are refused with HTTP 429. Behind a
   * reverse proxy every client has the proxy's address: raise it there, and limit at the proxy.
   * Default 32.
   */
  maxConnectionsPerAddress?: number;
  /** Lifetime of the resume tokens the server issues, never past the room token's own. Default 4 hours. */
  resumeTtlSeconds?: number;
  /**
   * If set, upgrades whose `Origin` header is not listed are refused with HTTP 403, and so are
   * storage requests from browsers of other origins.
   */
  allowedOrigins?: readonly string[];
  /** Serves the artifact storage endpoint `/v1/artifacts` from this directory. Default: none (404). */
  storage?: StorageOptions;
  /**
   * A TURN server (coturn with `use-auth-secret`) whose credentials every participant gets in
   * `joined`, valid until its session ends: calls then go through networks that block direct
   * connections. Default: none.
   */
  turn?: TurnOptions;
  /**
   * Redis shared by every node of a cluster: rooms, the lobby's seats and the relay between nodes
   * live there, so that the agent and the customer may be connected to different nodes behind any
   * load balancer. All nodes need the same `secret` (or keys) and one PostgreSQL database. Redis
   * holds only live state: the database stays the record. Default: none, one process.
   */
  redis?: RedisOptions;
  /**
   * Staff sign-in with your identity provider (OpenID Connect access tokens): turns on the
   * governance routes (`GOVERNANCE_ROUTES` of @sealcall/protocol). Default: none (404).
   */
  staff?: StaffSignInOptions;
  /** Default: one JSON line per entry on stdout. */
  logger?: (entry: LogEntry) => void;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

export interface RedisOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
  readonly url: string;
  /** Put in front of every key and channel, for a Redis shared with other applications. Default `'sealcall:'`. */
  readonly keyPrefix?: string;
}

export interface ResolvedOptions {
  readonly tokens: TokenKeys;
  readonly auditKey: AuditKey;
  readonly database: Database;
  readonly host: string;
  readonly port: number;
  readonly maxPayloadBytes: number;
  readonly rateLimit: RateLimit;
  readonly heartbeatIntervalMs: number;
  readonly reconnectGraceMs: number;
  readonly joinTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly maxConnectionsPerAddress: number;
  readonly resumeTtlSeconds: number;
  readonly allowedOrigins: ReadonlySet<string> | null;
  readonly storage: ResolvedStorageOptions | null;
  readonly turn: TurnOptions | null;
  readonly redis: Required<RedisOptions> | null;
  readonly staff: StaffVerifier | null;
  readonly logger: (entry: LogEntry) => void;
  readonly now: () => number;
}

export function resolveOptions(options: ServerOptions): ResolvedOptions {
  const rateLimit = options.rateLimit ?? { messagesPerSecond: 50, burst: 200 };
  if (!(rateLimit.messagesPerSecond > 0) || !Number.isFinite(rateLimit.messagesPerSecond)) {
    throw invalid('rateLimit.messagesPerSecond', 'a positive number', rateLimit.messagesPerSecond);
  }
  const tokens = resolveTokenKeys(options);
  return {
    tokens,
    auditKey: resolveAuditKey(options.auditKey, tokens.secret),
    database: database(options.database),
    host: options.host ?? '127.0.0.1',
    port: integer('port', options.port ?? 8787, 0, 65535),
    maxPayloadBytes: integer('maxPayloadBytes', options.maxPayloadBytes ?? 64 * 1024, 1024),
    rateLimit: { messagesPerSecond: rateLimit.messagesPerSecond, burst: integer('rateLimit.burst', rateLimit.burst, 1) },
    heartbeatIntervalMs: integer('heartbeatIntervalMs', options.heartbeatIntervalMs ?? 15_000, 1),
    reconnectGraceMs: integer('reconnectGraceMs', options.reconnectGraceMs ?? 30_000, 0),
    joinTimeoutMs: integer('joinTimeoutMs', options.joinTimeoutMs ?? 10_000, 1),
    handshakeTimeoutMs: integer('handshakeTimeoutMs', options.handshakeTimeoutMs ?? 5000, 1),
    maxConnectionsPerAddress: integer('maxConnectionsPerAddress', options.maxConnectionsPerAddress ?? 32, 1),
    resumeTtlSeconds: integer('resumeTtlSeconds', options.resumeTtlSeconds ?? 4 * 3600, 1),
    allowedOrigins: options.allowedOrigins ? new Set(options.allowedOrigins) : null,
    storage: options.storage === undefined ? null : resolveStorage(options.storage),
    turn: options.turn === undefined ? null : resolveTurn(options.turn),
    redis: options.redis === undefined ? null : resolveRedis(options.redis, options.database),
    staff: options.staff === undefined ? null : createStaffVerifier(options.staff),
    logger: options.logger ?? jsonLinesLogger,
    now: options.now ?? Date.now,
  };
}

function database(value: Database): Database {
  if (typeof value !== 'object' || value === null || typeof value.transaction !== 'function') {
    throw invalid('database', 'a Database from openEmbeddedDatabase() or openPostgresDatabase()', value);
  }
  return value;
}

function resolveStorage(storage: StorageOptions): ResolvedStorageOptions {
  if (typeof storage !== 'object' || storage === null) throw invalid('storage', 'an object', storage);
  if (typeof storage.directory !== 'string' || storage.directory === '') {
    throw invalid('storage.directory', 'a directory path', storage.directory);
  }
  if (storage.region !== undefined && (typeof storage.region !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(storage.region))) {
    throw invalid('storage.region', 'a region id of [a-z0-9-] such as eu-central', storage.region);
  }
  return {
    directory: storage.directory,
    region: storage.region ?? null,
    maxArtifactBytes: integer('storage.maxArtifactBytes', storage.maxArtifactBytes ?? 4 * 1024 ** 3, 1),
    maxChunkBytes: integer('storage.maxChunkBytes', storage.maxChunkBytes ?? 1024 * 1024, 1, 2 ** 31 - 1),
    retentionMs: resolveRetention(storage.retentionDays ?? {}),
    sweepIntervalMs: integer('storage.sweepIntervalMs', storage.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS, 1000, 2 ** 31 - 1),
  };
}

function resolveTurn(turn: TurnOptions): TurnOptions {
  if (typeof turn !== 'object' || turn === null) throw invalid('turn', 'an object { secret, urls }', turn);
  if (typeof turn.secret !== 'string' || turn.secret.length < 16) throw invalid('turn.secret', "coturn's static-auth-secret, at least 16 characters", typeof turn.secret === 'string' ? `length=${turn.secret.length}` : turn.secret);
  const urls = turn.urls;
  if (!Array.isArray(urls) || urls.length === 0 || urls.length > 8) throw invalid('turn.urls', '1..8 TURN URLs', urls);
  const bad = urls.find((url) => typeof url !== 'string' || !/^turns?:[^\s]{1,500}$/.test(url));
  if (bad !== undefined) throw invalid('turn.urls', 'URLs of the form turn:host:port or turns:host:port (with ?transport=udp|tcp)', bad);
  return { secret: turn.secret, urls: [...urls] };
}

function resolveRedis(redis: RedisOptions, database: Database): Required<RedisOptions> {
  if (typeof redis !== 'object' || redis === null) throw invalid('redis', 'an object { url }', redis);
  // Each node's embedded database would keep its own record: a token spent on one node would work on the next.
  if (database.kind !== 'postgres') throw invalid('redis', 'nodes that share one PostgreSQL database (openPostgresDatabase), not embedded PGlite', database.kind);
  if (typeof redis.url !== 'string' || !/^rediss?:\/\/[^\s]{1,1000}$/.test(redis.url)) throw invalid('redis.url', 'a redis:// or rediss:// URL', typeof redis.url === 'string' ? 'another URL' : redis.url);
  const keyPrefix = redis.keyPrefix ?? 'sealcall:';
  if (typeof keyPrefix !== 'string' || !/^[\w:.-]{1,64}$/.test(keyPrefix)) throw invalid('redis.keyPrefix', 'letters, digits and _ : . - (1..64)', keyPrefix);
  return { url: redis.url, keyPrefix };
}

function resolveRetention(days: Partial<Record<ArtifactKind, number>>): Record<ArtifactKind, number> {
  if (typeof days !== 'object' || days === null) throw invalid('storage.retentionDays', 'an object of days per kind', days);
  const unknown = Object.keys(days).find((kind) => !(ARTIFACT_KINDS as readonly string[]).includes(kind));
  if (unknown !== undefined) throw invalid('storage.retentionDays', `only the kinds ${ARTIFACT_KINDS.join(', ')}`, unknown);
  const entries = ARTIFACT_KINDS.map((kind) => [kind, integer(`storage.retentionDays.${kind}`, days[kind] ?? DEFAULT_RETENTION_DAYS[kind], 1, 100 * 365) * DAY_MS]);
  return Object.fromEntries(entries) as Record<ArtifactKind, number>;
}

function integer(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`;
    throw invalid(name, `an integer ${range}`, value);
  }
  return value;
}

function invalid(name: string, expected: string, got: unknown): SealcallServerError {
  return new SealcallServerError('OPTION_INVALID', `"${name}" expected ${expected}, got ${String(got)}`);
}
