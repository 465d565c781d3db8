import pg from 'pg';
import type { Database, SqlValue } from './database.js';
import { migrated } from './migrate.js';

export interface PostgresDatabaseOptions {
  /** A libpq connection URL, e.g. `postgres://sealcall@127.0.0.1:5432/sealcall`. */
  url: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /**
   * An idle pooled connection failed (the server restarted or dropped it); the pool replaces it
   * on the next query. Default: one line on stderr.
   */
  onIdleError?: (error: Error) => void;
}

/** A real PostgreSQL server through a `pg` connection pool, migrated to the current schema. */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  pool.on('error', options.onIdleError ?? ((error) => process.stderr.write(`sealcall-server: idle PostgreSQL connection failed: ${error.message}\n`)));
  return migrated(wrap(pool));
}

function wrap(pool: pg.Pool): Database {
  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    exec: async (script) => void (await pool.query(script)),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work({
          query: (text, params) => run(client, text, params),
          // Without parameters, pg sends a simple query, which may hold several statements.
          exec: async (script) => void (await client.query(script)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot roll back is not given back to the pool (release(error) closes it).
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => (closing ??= pool.end()),
  };
}

async function run<Row extends object>(
  client: pg.Pool | pg.PoolClient,
  text: string,
  params: readonly SqlValue[] = [],
): Promise<Row[]> {
  return (await client.query<Row & pg.QueryResultRow>(text, [...params])).rows;
}
