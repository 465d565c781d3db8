import type { TestContext } from 'node:test';
import { createClient } from '@redis/client';
import { RedisDirectory, type RedisClient } from '../src/signaling/redis-directory.js';
import { randomId } from '../src/tokens/jwt.js';

/** The Redis the tests may use (scripts/with-redis.mjs starts one); tests that need it are skipped without. */
export const testRedisUrl = process.env.SEALCALL_TEST_REDIS_URL;

/** A key prefix of its own, so that tests never see each other's rooms. */
export function freshPrefix(): string {
  return `test-${crypto.randomUUID()}:`;
}

/** A started RedisDirectory on its own prefix, stopped after the test. */
export async function redisDirectory(t: TestContext, prefix = freshPrefix()): Promise<RedisDirectory> {
  const client: RedisClient = createClient({ url: testRedisUrl });
  const directory = new RedisDirectory(randomId(), client, client.duplicate(), prefix, 15_000, (error) => {
    throw error;
  });
  t.after(() => directory.stop());
  return directory;
}
