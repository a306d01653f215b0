import { inArray, lt } from 'drizzle-orm';
import cron from 'node-cron';
import type { Db } from '../db/client.ts';
import { modelCalls, turns } from '../db/schema.ts';
import type { Logger } from '../log.ts';

const DAY_MS = 86_400_000;
/** Rows deleted per statement, so a first purge of a large backlog never holds the write lock for long. */
const BATCH = 2000;

/** Tables whose rows expire by age: turns (and their feedback, by cascade) and the record of model calls. */
const EXPIRING = [turns, modelCalls] as const;

/** Deletes turns and model-call records created before `now - days`; returns how many turns went. */
export function purgeExpiredTurns(db: Db, now: number, days: number): number {
  const [turns = 0] = EXPIRING.map((table) => purgeOlderThan(db, table, now - days * DAY_MS));
  return turns;
}

function purgeOlderThan(db: Db, table: (typeof EXPIRING)[number], cutoff: number): number {
  const oldest = db
    .select({ id: table.id })
    .from(table)
    .where(lt(table.createdAt, new Date(cutoff)))
    .orderBy(table.createdAt)
    .limit(BATCH);
  const remove = db.delete(table).where(inArray(table.id, oldest)).prepare();
  let total = 0;
  for (;;) {
    const { changes } = remove.run();
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
