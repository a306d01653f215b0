import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserFacingError } from '../core/errors.ts';
import type { Db } from '../db/client.ts';
import type { Progress } from './progress.ts';

/** Pages copied per step: small enough that writers are never held up for long. */
const PAGES_PER_STEP = 256;

/**
 * A consistent copy of the live database with SQLite's online backup API,
 * safe while the bot runs: the copy proceeds in steps, and a write between
 * steps makes SQLite restart the copy so the result is one snapshot.
 */
export async function backupDatabase(db: Db, target: string | undefined, onProgress?: Progress): Promise<{ path: string; bytes: number; pages: number }> {
  if (!target) throw new UserFacingError('Usage: pivot backup <file>  (e.g. backups/pivot-2026-11-23.db)');
  const path = resolve(target);
  if (existsSync(path)) throw new UserFacingError(`${target} already exists; choose a new file name.`);
  mkdirSync(dirname(path), { recursive: true });
  const { totalPages } = await db.$client.backup(path, {
    progress: ({ totalPages: total, remainingPages }) => {
      onProgress?.(total - remainingPages, total);
      return PAGES_PER_STEP;
    },
  });
  onProgress?.(totalPages, totalPages);
  // A pragma, which drizzle does not model.
  const pageSize = db.$client.pragma('page_size', { simple: true }) as number;
  return { path: target, bytes: totalPages * pageSize, pages: totalPages };
}
