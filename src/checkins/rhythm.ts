import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { checkinDeliveries } from '../db/schema.ts';
import { weekBefore } from './schedule.ts';
import { prepared } from './statements.ts';
import type { StoredSchedule } from './store.ts';

/** Unanswered check-ins in a row after which they come every other week, and after which they stop. */
export const QUIET_AFTER = 3;
export const STOP_AFTER = 6;

export type Rhythm = {
  /** Check-ins sent since the member last did anything (answered, asked, practised, marked progress, used /checkin). */
  unanswered: number;
  /** The week of the latest of those, if any. */
  lastUnansweredWeek: string | null;
};

/**
 * When the member last showed up. Any of these is an answer to the check-ins:
 * a question to the coach (a turn: /ask, a DM, a mention), an interview
 * practice answer, a check-in answer (older rows have no time: their send
 * time stands in), a reminder asked for, a milestone marked done, or an
 * action on their check-ins (on, pause, resume).
 */
export function lastActivityAt(db: Db, schedule: Pick<StoredSchedule, 'memberId' | 'activeAt'>): number {
  // Raw SQL: one statement takes the latest of five tables' times, per member due in a planner burst.
  const row = prepared(
    db,
    `SELECT max(
         coalesce((SELECT max(created_at) FROM turns WHERE member_id = @m), 0),
         coalesce((SELECT max(answered_at) FROM practice_sessions WHERE member_id = @m), 0),
         coalesce((SELECT max(coalesce(answered_at, sent_at)) FROM checkin_deliveries WHERE member_id = @m AND response IS NOT NULL), 0),
         coalesce((SELECT max(created_at) FROM checkin_reminders WHERE member_id = @m), 0),
         coalesce((SELECT max(done_at) FROM milestone_progress WHERE member_id = @m), 0)) AS at`,
  ).get({ m: schedule.memberId }) as { at: number };
  return Math.max(row.at, schedule.activeAt ?? 0);
}

/** Run for every member due in a planner burst. */
const sentSince = preparedPerDatabase((db) =>
  db
    .select({ week: checkinDeliveries.week })
    .from(checkinDeliveries)
    .where(
      and(
        eq(checkinDeliveries.memberId, sql.placeholder('memberId')),
        eq(checkinDeliveries.status, 'sent'),
        gt(checkinDeliveries.sentAt, sql.placeholder('since')),
      ),
    )
    .orderBy(desc(checkinDeliveries.week))
    .prepare(),
);

export function readRhythm(db: Db, schedule: Pick<StoredSchedule, 'memberId' | 'activeAt'>): Rhythm {
  const since = lastActivityAt(db, schedule);
  const weeks = sentSince(db)
    .all({ memberId: schedule.memberId, since })
    .map((r) => r.week);
  return { unanswered: weeks.length, lastUnansweredWeek: weeks[0] ?? null };
}

export type WeekPlan = { action: 'send'; backingOff: boolean } | { action: 'quiet' } | { action: 'stop' };

/**
 * What this week's check-in does. Weekly while the member answers; after
 * QUIET_AFTER unanswered in a row, every other week (the first of those says
 * so); after STOP_AFTER, one last message and no more.
 */
export function planWeek(rhythm: Rhythm, week: string): WeekPlan {
  if (rhythm.unanswered >= QUIET_AFTER && rhythm.lastUnansweredWeek === weekBefore(week)) return { action: 'quiet' };
  if (rhythm.unanswered >= STOP_AFTER) return { action: 'stop' };
  return { action: 'send', backingOff: rhythm.unanswered === QUIET_AFTER };
}

export const BACKING_OFF_LINE =
  'The last three check-ins went unanswered, so they now come every other week; answer this one or message me any time and they are weekly again.';

export const STOP_MESSAGE = `This is my last check-in for now: the last ${STOP_AFTER} went unanswered, and I would rather not nag. Whenever you want them back, /checkin resume turns them on again at the same day and time (or /checkin on day:… time:… for another). Questions are welcome any time.`;
