import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { checkinDeliveries } from '../db/schema.ts';
import { weekBefore, weekLabel } from './schedule.ts';

/** A week of a streak: progress shown, a skipped or missed week, or a pause (which neither counts nor breaks). */
export type WeekMark = 'counted' | 'gap' | 'paused';

export type Streak = { counted: number; weeks: number };

/** Gaps must be at least this many weeks apart: one skipped or missed week in four does not break a streak. */
const GRACE_WINDOW = 4;
const MAX_WEEKS = 104;

/**
 * The streak in marks given most recent week first: it runs back while no
 * two gaps fall within GRACE_WINDOW weeks of each other, and ends on a
 * counted week. Paused weeks are left out altogether.
 */
export function graceStreak(marks: Iterable<WeekMark>): Streak {
  let lastGap = Number.NEGATIVE_INFINITY;
  let i = -1;
  let best: Streak = { counted: 0, weeks: 0 };
  let counted = 0;
  for (const mark of marks) {
    if (mark === 'paused') continue;
    i++;
    if (mark === 'gap') {
      if (i - lastGap < GRACE_WINDOW) break;
      lastGap = i;
    } else best = { counted: ++counted, weeks: i + 1 };
  }
  return best;
}

/** "5 weeks in a row", or honestly "4 of the last 5 weeks". */
export function describeStreak(streak: Streak): string | undefined {
  if (streak.counted === 0) return undefined;
  if (streak.counted === streak.weeks) return `${streak.counted} week${streak.counted === 1 ? '' : 's'} in a row`;
  return `${streak.counted} of the last ${streak.weeks} weeks`;
}

/**
 * Marks for weeks ending with `currentWeek` (counted only when it already
 * counts: it is not over yet), from which weeks count and which were paused.
 */
export function* marksFor(currentWeek: string, counted: Set<string>, paused: Set<string>): Generator<WeekMark> {
  if (counted.has(currentWeek)) yield 'counted';
  let week = currentWeek;
  // Lazily: the streak usually ends within a few weeks, and each step is a calendar calculation.
  for (let k = 1; k <= MAX_WEEKS; k++) {
    week = weekBefore(week);
    yield counted.has(week) ? 'counted' : paused.has(week) ? 'paused' : 'gap';
  }
}

/** The week, in `zone`, of each instant. */
export const weeksOf = (instants: Iterable<number>, zone: string) => new Set([...instants].map((t) => weekLabel(DateTime.fromMillis(t, { zone }))));

/**
 * A member's streak: a week counts when they answered its check-in (on track
 * or stuck) or finished a milestone in it; a skipped, missed or unanswered
 * week is a gap; a paused week is neither.
 */
/** Run for every check-in composed, so for every member due in a planner burst. */
const weeksAnswered = preparedPerDatabase((db) =>
  db
    .select({ week: checkinDeliveries.week, status: checkinDeliveries.status, response: checkinDeliveries.response })
    .from(checkinDeliveries)
    .where(eq(checkinDeliveries.memberId, sql.placeholder('memberId')))
    .prepare(),
);

export function memberStreak(db: Db, memberId: string, zone: string, currentWeek: string, doneAt: Iterable<number>): Streak {
  const rows = weeksAnswered(db).all({ memberId });
  const counted = weeksOf(doneAt, zone);
  const paused = new Set<string>();
  for (const r of rows) {
    if (r.response === 'on-track' || r.response === 'stuck') counted.add(r.week);
    else if (r.status === 'paused') paused.add(r.week);
  }
  return graceStreak(marksFor(currentWeek, counted, paused));
}
