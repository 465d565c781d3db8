import { createHash } from 'node:crypto';
import type { RedisClientType } from '@redis/client';

/**
 * Runs Lua scripts by their SHA1 (EVALSHA), sending a script's text only the first time Redis
 * answers NOSCRIPT (after a restart, or a SCRIPT FLUSH), so that a room change or a beat costs
 * the bytes of its arguments, not of its script.
 */
export class ScriptRunner {
  readonly #client: RedisClientType;
  readonly #sha = new Map<string, string>();

  constructor(client: RedisClientType) {
    this.#client = client;
  }

  async run<T = unknown>(script: string, keys: readonly string[], argv: readonly string[]): Promise<T> {
    const args = [String(keys.length), ...keys, ...argv];
    try {
      return await this.#client.sendCommand<T>(['EVALSHA', this.#shaOf(script), ...args]);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return this.#client.sendCommand<T>(['EVAL', script, ...args]);
    }
  }

  #shaOf(script: string): string {
    let sha = this.#sha.get(script);
    if (sha === undefined) {
      sha = createHash('sha1').update(script).digest('hex');
      this.#sha.set(script, sha);
    }
    return sha;
  }
}
