import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserFacingError } from '../core/errors.ts';
import type { App } from '../main.ts';

/** A consistent copy of the live database (SQLite's online backup), safe while the bot runs. */
export async function backupDatabase(app: App, target: string | undefined): Promise<{ path: string; bytes: number }> {
  if (!target) throw new UserFacingError('Usage: pivot backup <file>  (e.g. backups/pivot-2026-11-23.db)');
  const path = resolve(target);
  if (existsSync(path)) throw new UserFacingError(`${target} already exists; choose a new file name.`);
  mkdirSync(dirname(path), { recursive: true });
  await app.db.$client.backup(path);
  const bytes = (app.db.$client.prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get() as {
    n: number;
  }).n;
  return { path: target, bytes };
}
