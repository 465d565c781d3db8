import { createClient } from '@redis/client';
import { SealcallServerError } from '../errors.js';
import { KeyedLock, type Lock } from '../keyed-lock.js';
import type { Log } from '../logger.js';
import type { RedisOptions } from '../options.js';
import { MemoryDirectory } from './memory-directory.js';
import { RedisDirectory, type RedisClient } from './redis-directory.js';
import { RedisLock } from './redis-lock.js';
import type { RoomDirectory } from './room-directory.js';
import { randomId } from '../tokens/jwt.js';

export interface RoomState {
  readonly directory: RoomDirectory;
  /** Serialises the lobby's decisions for one room. */
  readonly lock: Lock;
  close(): Promise<void>;
}

/** Rooms in this process, or, with `redis`, shared by every node through it; a node beats every `beatMs`. */
export function openRoomState(redis: Required<RedisOptions> | null, beatMs: number, log: Log): RoomState {
  if (redis === null) {
    const directory = new MemoryDirectory();
    return { directory, lock: new KeyedLock(), close: () => directory.stop() };
  }
  const node = randomId();
  // CLIENT LIST tells each node's connections by name.
  const [client, subscriber] = [connection(redis, node), connection(redis, node)];
  for (const each of [client, subscriber]) {
    // node-redis reconnects by itself; a command that failed meanwhile has failed what it served.
    each.on('error', (error: unknown) => log('error', 'redis-error', { code: error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : typeof error }));
  }
  const directory = new RedisDirectory(node, client, subscriber, redis.keyPrefix, beatMs, (error) =>
    log('error', 'redis-error', { code: error instanceof SealcallServerError ? error.code : error instanceof Error ? error.name : typeof error }),
  );
  return { directory, lock: new RedisLock(client, `${redis.keyPrefix}lock:`), close: () => directory.stop() };
}

/** A client that gives up on a Redis it never reached (listen() fails), and otherwise retries, backing off to 3 s. */
function connection(redis: Required<RedisOptions>, node: string): RedisClient {
  let reached = false;
  const client: RedisClient = createClient({
    url: redis.url,
    name: `${redis.keyPrefix}${node}`,
    socket: {
      reconnectStrategy: (retries: number, cause: Error) => {
        if (reached) return Math.min(100 * 2 ** retries, 3000);
        if (retries < 3) return 200;
        return new SealcallServerError('REDIS_UNAVAILABLE', `cannot reach Redis (${cause.message}); check --redis-url and that Redis is up`);
      },
    },
  });
  client.on('ready', () => (reached = true));
  return client;
}
