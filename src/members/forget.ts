import type { Db } from '../db/client.ts';
import { MEMBER_DATA } from './member-data.ts';

/**
 * Erases everything stored about a member in one transaction: their own rows
 * go, and rows of other people that name them keep their content under a
 * placeholder name. Returns the rows touched per table.
 *
 * The connection runs with `secure_delete`, so the freed space is zeroed, but
 * the write-ahead log (and the database file, until a checkpoint) still hold
 * the pages as they were: a checkpoint copies the zeroed pages into the file
 * and empties the log at once.
 */
export function forgetMember(db: Db, memberId: string): Record<string, number> {
  const touched = eraseRows(db, memberId);
  truncateWriteAheadLog(db);
  return touched;
}

/**
 * Waits (up to the busy timeout) for other connections' reads to finish; if
 * one still holds an old snapshot, later checkpoints overwrite the log instead.
 */
function truncateWriteAheadLog(db: Db): void {
  // A pragma: drizzle has no checkpoint.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

function eraseRows(db: Db, memberId: string): Record<string, number> {
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      const touched: Record<string, number> = {};
      for (const [table, { owned, mentions = [] }] of Object.entries(MEMBER_DATA)) {
        // Raw SQL: erasure walks every table and column that MEMBER_DATA names, the list a test checks against the live schema.
        let count = owned ? sqlite.prepare(`DELETE FROM ${table} WHERE ${owned} = ?`).run(memberId).changes : 0;
        for (const { column, replacement } of mentions) {
          const set = Object.keys(replacement)
            .map((c) => `${c} = @${c}`)
            .join(', ');
          count += sqlite.prepare(`UPDATE ${table} SET ${set} WHERE ${column} = @memberId`).run({ ...replacement, memberId }).changes;
        }
        if (count) touched[table] = count;
      }
      return touched;
    })
    .immediate();
}

/** How many rows of each table are about the member, without changing anything (for the confirmation). */
export function countMemberRows(db: Db, memberId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, { owned, mentions = [] }] of Object.entries(MEMBER_DATA)) {
    const columns = [...(owned ? [owned] : []), ...mentions.map((m) => m.column)];
    const where = columns.map((c) => `${c} = ?`).join(' OR ');
    // Raw SQL: counted over the same MEMBER_DATA list the erasure walks.
    const n = db.$client
      .prepare(`SELECT count(*) FROM ${table} WHERE ${where}`)
      .pluck()
      .get(...columns.map(() => memberId)) as number;
    if (n) counts[table] = n;
  }
  return counts;
}
