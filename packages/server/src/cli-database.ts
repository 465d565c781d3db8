import type { Database } from './db/database.js';
import { openEmbeddedDatabase } from './db/pglite.js';
import { openPostgresDatabase } from './db/postgres.js';

export interface DatabaseFlags {
  readonly 'data-dir'?: string | undefined;
  readonly 'database-url'?: string | undefined;
}

/** Exactly one of the two places, from the flags or else the environment. */
export function databaseChoice(values: DatabaseFlags, env: NodeJS.ProcessEnv): { url: string } | { dataDir: string } | string {
  const url = values['database-url'] ?? env.SEALCALL_DATABASE_URL;
  const dataDir = values['data-dir'] ?? env.SEALCALL_DATA_DIR;
  if (url && dataDir) return 'give either --data-dir or --database-url, not both';
  if (url) return { url };
  if (dataDir) return { dataDir };
  return 'say where the server keeps its records: --data-dir DIR (embedded, nothing to install) or --database-url URL (a PostgreSQL server)';
}

/** The chosen database, opened and migrated; throws the driver's error. */
export function openChosen(where: { url: string } | { dataDir: string }): Promise<Database> {
  return 'url' in where ? openPostgresDatabase({ url: where.url }) : openEmbeddedDatabase({ dataDir: where.dataDir });
}
