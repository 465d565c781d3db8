import { after } from 'node:test';
import { openEmbeddedDatabase, openPostgresDatabase, type Database } from '../src/index.js';
import { freshPostgresUrl } from './fresh-postgres.js';

/**
 * The URL of a PostgreSQL server the tests may create databases on (scripts/with-postgres.mjs
 * sets it). Unset: every server test runs on embedded PGlite only.
 */
export const POSTGRES_URL = process.env.SEALCALL_TEST_DATABASE_URL;

let shared: Promise<Database> | undefined;

/** One database for the whole test file (opening PGlite costs seconds), closed when the file ends. */
export function testDatabase(): Promise<Database> {
  shared ??= POSTGRES_URL ? freshPostgres(POSTGRES_URL) : openEmbeddedDatabase();
  return shared;
}

after(async () => {
  await (await shared)?.close();
});

/** A new, empty database on the server at `url`, dropped again when closed. */
export async function freshPostgres(url: string): Promise<Database> {
  const fresh = await freshPostgresUrl(url);
  const database = await openPostgresDatabase({ url: fresh.url, poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await fresh.drop();
    },
  };
}
