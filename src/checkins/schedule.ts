import { DateTime, type WeekdayNumbers } from 'luxon';

export type CheckinSchedule = { weekday: number; time: string; timezone: string };

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A late check-in is still worth sending within this window (the bot was down); after it, it is missed. */
export const CATCH_UP_MS = 24 * 60 * 60 * 1000;

export type Occurrence = {
  /** ISO week in the member's timezone, e.g. "2026-W48": at most one check-in each. */
  week: string;
  dueAt: Date;
};

/**
 * This week's check-in time for a schedule, in the member's timezone. Weeks
 * are ISO weeks of the member's local calendar, so a daylight-saving change
 * can move the instant but never skips or doubles a week. A local time that
 * does not exist that day (clocks jump forward) moves to just after the jump.
 */
export function occurrenceFor(schedule: CheckinSchedule, now: Date): Occurrence {
  const local = DateTime.fromJSDate(now, { zone: schedule.timezone });
  const [hour, minute] = schedule.time.split(':').map(Number);
  const due = DateTime.fromObject(
    { weekYear: local.weekYear, weekNumber: local.weekNumber, weekday: schedule.weekday as WeekdayNumbers, hour, minute },
    { zone: schedule.timezone },
  );
  return { week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`, dueAt: due.toJSDate() };
}

export type Decision = { action: 'send' | 'miss'; week: string; dueAt: Date; lateMs: number } | undefined;

/** Whether a schedule's check-in for the current week is due at `now`, and whether it is too late to send. */
export function decide(schedule: CheckinSchedule, now: Date): Decision {
  const { week, dueAt } = occurrenceFor(schedule, now);
  const lateMs = now.getTime() - dueAt.getTime();
  if (lateMs < 0) return undefined;
  return { action: lateMs < CATCH_UP_MS ? 'send' : 'miss', week, dueAt, lateMs };
}
