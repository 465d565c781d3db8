import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { storageError } from './errors.js';
import { toStorageError } from './idb-transaction.js';

/**
 * One lazily opened IndexedDB database at version 1. Another tab upgrading the schema, or the
 * browser closing it, makes the next use open it again; a failed open is not remembered.
 */
export class IdbConnection<Schema extends DBSchema> {
  readonly name: string;
  readonly #create: (db: IDBPDatabase<Schema>) => void;
  #db: Promise<IDBPDatabase<Schema>> | undefined;

  constructor(name: string, create: (db: IDBPDatabase<Schema>) => void) {
    this.name = name;
    this.#create = create;
  }

  open(): Promise<IDBPDatabase<Schema>> {
    this.#db ??= openDB<Schema>(this.name, 1, {
      upgrade: (db) => this.#create(db),
      blocking: () => this.close(),
      terminated: () => {
        this.#db = undefined;
      },
    }).catch((cause: unknown) => {
      this.#db = undefined;
      throw storageError('STORAGE_FAILED', `IndexedDB database "${this.name}" could not be opened.`, { cause });
    });
    return this.#db;
  }

  /** A single request (or a few in one implicit transaction), its failure as a SealcallError. */
  async run<T>(query: (db: IDBPDatabase<Schema>) => Promise<T>): Promise<T> {
    const db = await this.open();
    try {
      return await query(db);
    } catch (error) {
      throw toStorageError(error);
    }
  }

  /** Closes the connection; the next use opens it again. */
  close(): void {
    const db = this.#db;
    this.#db = undefined;
    db?.then((d) => d.close()).catch(() => undefined);
  }
}
