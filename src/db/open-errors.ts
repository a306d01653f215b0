import { statSync } from 'node:fs';
import { type Db, openDatabase } from './client.ts';

/** The database cannot be opened for a reason the operator can fix (a setting or permissions). */
export class DatabaseOpenError extends Error {
  constructor(path: string, why: string) {
    super(`Cannot use the database at ${path}: ${why}.`);
    this.name = 'DatabaseOpenError';
  }
}

/** openDatabase, with the failures an operator causes and can fix told plainly instead of as SQLite errors. */
export function openDatabaseOrExplain(path: string): Db {
  if (path !== ':memory:' && statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DatabaseOpenError(path, 'it is a directory; DATABASE_PATH must name a file, such as data/pivot.db');
  }
  try {
    return openDatabase(path);
  } catch (error) {
    throw openProblem(path, error) ?? error;
  }
}

function openProblem(path: string, error: unknown): DatabaseOpenError | undefined {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || code === 'EACCES') {
    return new DatabaseOpenError(
      path,
      'it is read-only; Pivot writes to the file and beside it (the -wal and -shm files), so both the file and its directory must be writable',
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return new DatabaseOpenError(path, 'it cannot be opened; check that its directory exists and is writable');
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new DatabaseOpenError(path, 'it is not a SQLite database, or it is damaged');
  return undefined;
}
