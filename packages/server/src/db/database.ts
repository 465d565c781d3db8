/** A value bound to a `$n` placeholder. */
export type SqlValue = string | number | boolean | Date | null | readonly string[];

export interface Queryable {
  /** Runs one statement with `$1, $2 …` placeholders and returns its rows. */
  query<Row extends object>(text: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/**
 * The server's PostgreSQL: embedded PGlite or a real server through `pg`, the same SQL on both.
 * Columns come back as PostgreSQL types map to JavaScript: `text` as string, `integer` as number,
 * `boolean` as boolean, `timestamptz` as Date (no `bigint` columns, which the two drivers map differently).
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the database (the pool, or the embedded instance). Idempotent. */
  close(): Promise<void>;
}
