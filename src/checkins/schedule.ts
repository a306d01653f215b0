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
  return occurrenceInWeekOf(schedule, DateTime.fromJSDate(now, { zone: schedule.timezone }));
}

function occurrenceInWeekOf(schedule: CheckinSchedule, local: DateTime): Occurrence {
  const [hour, minute] = schedule.time.split(':').map(Number);
  const due = DateTime.fromObject(
    { weekYear: local.weekYear, weekNumber: local.weekNumber, weekday: schedule.weekday as WeekdayNumbers, hour, minute },
    { zone: schedule.timezone },
  );
  return { week: weekLabel(local), dueAt: due.toJSDate() };
}

/** The ISO week a local date falls in, e.g. "2026-W48". */
export function weekLabel(local: DateTime): string {
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/**
 * The label of the ISO week `weeks` before (negative: after) the given one: calendar weeks, so W01 follows W52 or
 * W53. Plain date arithmetic on the weeks' Mondays (a label has no timezone): it runs for every week a streak looks
 * back over, for every member due.
 */
export function weekBefore(week: string, weeks = 1): string {
  const [year = 1970, number = 1] = week.split('-W').map(Number);
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = mondayOfWeek1 + ((number - 1) * 7 - weeks * 7) * DAY_MS;
  // The ISO week-year is the year of the week's Thursday.
  const thursday = new Date(monday + 3 * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const weekNumber = 1 + Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS));
  return `${weekYear}-W${String(weekNumber).padStart(2, '0')}`;
}

/**
 * The last check-in time at or before `now`: this week's, or last week's when
 * this week's is still ahead (a Sunday 23:00 check-in, ticked at Monday 00:30).
 * Weeks are stepped on the local calendar, so a clock change between them
 * cannot skip one.
 */
export function latestOccurrence(schedule: CheckinSchedule, now: Date): Occurrence {
  const local = DateTime.fromJSDate(now, { zone: schedule.timezone });
  const thisWeek = occurrenceInWeekOf(schedule, local);
  return thisWeek.dueAt.getTime() <= now.getTime() ? thisWeek : occurrenceInWeekOf(schedule, local.minus({ weeks: 1 }));
}

/** The first check-in time after `now`: this week's, or next week's (calendar weeks, not 7 × 24 hours). */
export function nextOccurrence(schedule: CheckinSchedule, now: Date): Occurrence {
  const local = DateTime.fromJSDate(now, { zone: schedule.timezone });
  const thisWeek = occurrenceInWeekOf(schedule, local);
  return thisWeek.dueAt.getTime() > now.getTime() ? thisWeek : occurrenceInWeekOf(schedule, local.plus({ weeks: 1 }));
}

export type Decision = { action: 'send' | 'miss'; week: string; dueAt: Date; lateMs: number } | undefined;

/**
 * Whether the schedule's latest check-in is owed at `now`: sent when less
 * than 24 hours late (measured in real time, so across a clock change or the
 * end of the member's week too), recorded as missed when later. The caller
 * claims the (member, week) key, so each week is handled once.
 */
export function decide(schedule: CheckinSchedule, now: Date): Decision {
  const { week, dueAt } = latestOccurrence(schedule, now);
  const lateMs = now.getTime() - dueAt.getTime();
  if (lateMs < 0) return undefined;
  return { action: lateMs < CATCH_UP_MS ? 'send' : 'miss', week, dueAt, lateMs };
}

/**
 * `decide` for one instant, worked out once per distinct (weekday, time,
 * timezone): a tick plans every schedule, most of them alike, and each
 * timezone calculation is costly.
 */
export function decisionsAt(now: Date): (schedule: CheckinSchedule) => Decision {
  const known = new Map<string, Decision>();
  return (schedule) => {
    const key = `${schedule.weekday} ${schedule.time} ${schedule.timezone}`;
    if (!known.has(key)) known.set(key, decide(schedule, now));
    return known.get(key);
  };
}
