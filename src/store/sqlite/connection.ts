import Database from 'better-sqlite3';
import { StoreError } from '../../domain/index.ts';
import { migrate } from './schema.ts';

/** An open better-sqlite3 database. */
export type Db = Database.Database;

/** A database and its prepared statements, each SQL text compiled once. */
export interface Conn {
  db: Db;
  sql(text: string): Database.Statement;
}

/** How long a writer waits for another process's write lock before failing, by default. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens `file` (or ':memory:') the way every process sharing it must: WAL, so readers never wait for
 * the writer; a busy timeout, so `wirefeed worker` and `wirefeed serve` take turns writing; NORMAL
 * sync, which WAL keeps crash-safe (a power cut may lose the last commits, never corrupt the file).
 */
export function openConnection(file: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Conn {
  let db: Db | undefined;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (file !== ':memory:' && mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, WAL is not supported here`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
  } catch (error) {
    db?.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`store: opening ${file} failed: ${(error as Error).message}`, { cause: error });
  }
  return withStatements(db);
}

function withStatements(db: Db): Conn {
  const cache = new Map<string, Database.Statement>();
  return {
    db,
    sql(text) {
      let statement = cache.get(text);
      if (!statement) cache.set(text, (statement = db.prepare(text)));
      return statement;
    },
  };
}
