import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { openEmbeddedDatabase, openPostgresDatabase, type Database } from '../src/index.js';

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

/** A new, empty database on the server at `url`: its URL, and how to drop it. */
export async function freshPostgresUrl(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sealcall_test_${randomBytes(6).toString('hex')}`;
  await admin(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
