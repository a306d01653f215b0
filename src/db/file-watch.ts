import { statSync } from 'node:fs';

/** How often the database file is checked for deletion or replacement. */
export const DATABASE_CHECK_INTERVAL_MS = 1000;

/**
 * SQLite keeps writing to an open file after it is deleted (or replaced by
 * another at the same path): every answer would seem stored and be lost at the
 * next start. The file's existence and inode are checked every second, and
 * `onLost` is told once if either changes.
 */
export function watchDatabaseFile(path: string, onLost: (why: string) => void, intervalMs = DATABASE_CHECK_INTERVAL_MS): { stop(): void } {
  const first = statSync(path);
  const timer = setInterval(() => {
    const now = statSync(path, { throwIfNoEntry: false });
    const why = !now ? 'was deleted' : now.ino !== first.ino || now.dev !== first.dev ? 'was replaced by another file' : undefined;
    if (!why) return;
    clearInterval(timer);
    onLost(why);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
