import { randomBytes } from 'node:crypto';
import pg from 'pg';

// No node:test here: scripts/bench-server.mjs creates its databases with this too.

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
