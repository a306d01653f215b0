import type { Db } from '../db/client.ts';

/** Every table that holds a member's data, by the column naming them. */
const MEMBER_TABLES = [
  'feedback',
  'turns',
  'proposals',
  'practice_sessions',
  'checkin_deliveries',
  'checkin_schedules',
  'discord_inbox',
  'group_members',
  'milestone_progress',
  'projects',
  'state_changes',
  'members',
] as const;

/** Erases everything stored about a member, in one transaction; returns rows removed per table. */
export function forgetMember(db: Db, memberId: string): Record<string, number> {
  return db.$client.transaction(() => {
    const removed: Record<string, number> = {};
    for (const table of MEMBER_TABLES) {
      const column = table === 'members' ? 'id' : 'member_id';
      removed[table] = db.$client.prepare(`DELETE FROM ${table} WHERE ${column} = ?`).run(memberId).changes;
    }
    return removed;
  })();
}
