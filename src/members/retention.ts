import cron from 'node-cron';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';

const DAY_MS = 86_400_000;
/** Rows deleted per statement, so a first purge of a large backlog never holds the write lock for long. */
const BATCH = 2000;

/** Tables whose rows expire by age: turns (and their feedback, by cascade) and the record of model calls. */
const EXPIRING = ['turns', 'model_calls'] as const;

/** Deletes turns and model-call records created before `now - days`; returns how many turns went. */
export function purgeExpiredTurns(db: Db, now: number, days: number): number {
  const [turns = 0] = EXPIRING.map((table) => purgeOlderThan(db, table, now - days * DAY_MS));
  return turns;
}

function purgeOlderThan(db: Db, table: (typeof EXPIRING)[number], cutoff: number): number {
  const remove = db.$client.prepare(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE created_at < ? ORDER BY created_at LIMIT ?)`);
  let total = 0;
  for (;;) {
    const { changes } = remove.run(cutoff, BATCH);
    total += changes;
    if (changes < BATCH) return total;
  }
}

/** Purges once at start, then hourly. */
export function startRetentionSchedule(deps: { db: Db; log: Logger; now: () => number }, days: number): { stop(): void } {
  const purge = () => {
    try {
      const removed = purgeExpiredTurns(deps.db, deps.now(), days);
      if (removed) deps.log.info({ turns: removed, days }, 'purged turns past the retention period');
    } catch (error) {
      deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'retention purge failed');
    }
  };
  purge();
  const task = cron.schedule('17 * * * *', purge);
  return { stop: () => void task.stop() };
}
