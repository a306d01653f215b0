import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { packagePath } from '../paths.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = packagePath('drizzle');

/** How long a statement waits for another process's write to finish before failing. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating the directory if needed) and migrates the database.
 * `:memory:` gives a private, fully migrated database, as the tests use.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  useWriteAheadLog(sqlite);
  sqlite.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros, so erased member data cannot be read back from free pages.
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('synchronous = NORMAL');
  // A 4 MB page cache per connection (better-sqlite3 builds SQLite with 16 MB): reads that miss it come from the
  // operating system's file cache, and the bot's memory stays within its budget (see bench/README.md).
  sqlite.pragma('cache_size = -4000');
  beginTransactionsImmediately(sqlite);
  applyMigrations(sqlite);
  return drizzle(sqlite, { schema });
}

/**
 * Switching a new file to WAL needs the file to itself for a moment, and
 * SQLite answers SQLITE_BUSY at once rather than waiting (busy_timeout does not
 * apply), so a process opening a new file alongside another tries again.
 */
function useWriteAheadLog(sqlite: Database.Database): void {
  const giveUpAt = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > giveUpAt) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/**
 * Every transaction Pivot opens writes. Begun DEFERRED (SQLite's default), one
 * that reads first holds a snapshot and must then upgrade to a writer; if
 * another process wrote in between, the upgrade fails at once with
 * SQLITE_BUSY, which busy_timeout does not retry. IMMEDIATE takes the write
 * lock up front, where busy_timeout waits its turn. `.deferred` stays
 * available on the returned function for a read-only transaction.
 */
function beginTransactionsImmediately(sqlite: Database.Database): void {
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => transaction(fn).immediate) as Database.Database['transaction'];
}

/**
 * drizzle's migrations, applied as drizzle-kit's migrator does (same journal,
 * same `__drizzle_migrations` table), but deciding what to apply inside the
 * write transaction: drizzle's own reads the last applied migration before it
 * begins, so two processes opening a new file together could both apply the
 * first migration and one would fail on "table already exists".
 */
function applyMigrations(sqlite: Database.Database): void {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  sqlite.transaction(() => {
    // Raw SQL: drizzle-kit's own journal table, which the schema does not declare, and the migrations' SQL as generated.
    sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
    const last = sqlite.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').pluck().get();
    const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
    for (const migration of migrations) {
      if (last !== undefined && Number(last) >= migration.folderMillis) continue;
      for (const statement of migration.sql) sqlite.exec(statement);
      record.run(migration.hash, migration.folderMillis);
    }
  })();
}
