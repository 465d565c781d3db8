import { PGlite } from '@electric-sql/pglite';
import type { Database, SqlValue } from './database.js';
import { migrated } from './migrate.js';

export interface EmbeddedDatabaseOptions {
  /** Where the database files live; created if missing. Default: in memory, gone when closed. */
  dataDir?: string;
}

/** PostgreSQL in-process (PGlite), migrated to the current schema. */
export async function openEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<Database> {
  return migrated(wrap(await PGlite.create(options.dataDir)));
}

function wrap(pglite: PGlite): Database {
  let closing: Promise<void> | undefined;
  return {
    kind: 'pglite',
    query: (text, params) => run(pglite, text, params),
    exec: async (script) => void (await pglite.exec(script)),
    transaction: (work) =>
      pglite.transaction((tx) =>
        work({ query: (text, params) => run(tx, text, params), exec: async (script) => void (await tx.exec(script)) }),
      ),
    close: () => (closing ??= pglite.closed ? Promise.resolve() : pglite.close()),
  };
}

async function run<Row extends object>(
  client: Pick<PGlite, 'query'>,
  text: string,
  params: readonly SqlValue[] = [],
): Promise<Row[]> {
  return (await client.query<Row>(text, [...params])).rows;
}


