import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/client.ts';
import { checkinReminders } from '../db/schema.ts';
import { planWeek, QUIET_AFTER, readRhythm, STOP_AFTER } from './rhythm.ts';
import { nextOccurrence, type Occurrence, WEEKDAYS } from './schedule.ts';
import type { StoredSchedule } from './store.ts';

export const describeSchedule = (s: { weekday: number; time: string; timezone: string }) =>
  `${WEEKDAYS[s.weekday - 1]?.replace(/^./, (c) => c.toUpperCase())}s at ${s.time} (${s.timezone})`;

/** A date as the member reads it: their own timezone, their calendar. */
export const localDate = (at: number, zone: string, withTime = true) =>
  DateTime.fromMillis(at, { zone })
    .setLocale('en-GB')
    .toFormat(withTime ? "cccc d LLLL yyyy 'at' HH:mm" : 'cccc d LLLL yyyy');

/**
 * The next check-in that will really be sent: after any pause, and past the
 * off week when check-ins come every other week. Calendar weeks in the
 * member's timezone, as the planner counts them.
 */
export function nextCheckin(db: Db, schedule: StoredSchedule, now: number): Occurrence {
  const from = Math.max(now, (schedule.pausedUntil ?? 0) - 1);
  const next = nextOccurrence(schedule, new Date(from));
  return planWeek(readRhythm(db, schedule), next.week).action === 'quiet' ? nextOccurrence(schedule, next.dueAt) : next;
}

/** What /checkin status says: on or off, paused, every other week, a reminder waiting, and the next date. */
export function checkinStatus(db: Db, schedule: StoredSchedule | undefined, now: number): string {
  if (!schedule) return 'Check-ins are off. /checkin on day:monday time:09:00 turns them on.';
  const zone = schedule.timezone;
  if (!schedule.enabled) {
    if (schedule.quietStoppedAt !== null) {
      return `Check-ins stopped on ${localDate(schedule.quietStoppedAt, zone, false)} after ${STOP_AFTER} went unanswered. /checkin resume turns them on again (${describeSchedule(schedule)}).`;
    }
    return 'Check-ins are off. /checkin on day:monday time:09:00 turns them on (/checkin resume: the same day and time as before).';
  }
  const lines = [`Check-ins on: ${describeSchedule(schedule)}.`];
  if (schedule.pausedUntil !== null && schedule.pausedUntil > now) {
    lines.push(`Paused until ${localDate(schedule.pausedUntil, zone, false)}. /checkin resume ends the pause now.`);
  }
  const rhythm = readRhythm(db, schedule);
  if (rhythm.unanswered >= QUIET_AFTER) {
    lines.push(`Every other week for now, since the last ${rhythm.unanswered} went unanswered; any answer or message makes them weekly again.`);
  }
  const reminder = db
    .select({ remindAt: checkinReminders.remindAt })
    .from(checkinReminders)
    .where(and(eq(checkinReminders.memberId, schedule.memberId), eq(checkinReminders.status, 'waiting')))
    .orderBy(checkinReminders.remindAt)
    .limit(1)
    .get();
  if (reminder !== undefined) lines.push(`Reminder: ${localDate(reminder.remindAt.getTime(), zone)} (${zone}).`);
  const next = nextCheckin(db, schedule, now);
  const stopping = rhythm.unanswered >= STOP_AFTER;
  lines.push(`${stopping ? 'Last message' : 'Next'}: ${localDate(next.dueAt.getTime(), zone)} (${zone}).`);
  return lines.join('\n');
}
