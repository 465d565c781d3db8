import { readdir, readFile } from 'node:fs/promises';
import { SealcallServerError } from '../errors.js';
import type { Database } from './database.js';

/** The schema's migrations: `NNN_name.sql`, applied in order of NNN, each once. */
const MIGRATIONS = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Any constant both drivers agree on: servers starting together take turns migrating. */
const MIGRATION_LOCK = 7_311_951;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export async function migrations(): Promise<Migration[]> {
  const names = (await readdir(MIGRATIONS)).filter((name) => MIGRATION_FILE.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({
      version: Number(name.slice(0, 3)),
      name,
      sql: await readFile(new URL(name, MIGRATIONS), 'utf8'),
    })),
  );
}

/** `database`, migrated; closed again if the migration fails. */
export async function migrated(database: Database): Promise<Database> {
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * Brings the schema up to date in one transaction, under a lock. Refuses a database whose schema
 * is newer than this server (a rollback of the server after an upgrade).
 */
export async function migrate(database: Database): Promise<void> {
  const known = await migrations();
  await database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version));
    const newest = Math.max(0, ...applied);
    const latest = known.at(-1)?.version ?? 0;
    if (newest > latest) {
      throw new SealcallServerError('DATABASE_SCHEMA_TOO_NEW', `The database's schema is at version ${newest}, newer than this server knows (${latest}): run the server version that migrated it, or a newer one.`);
    }
    for (const migration of known) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}
