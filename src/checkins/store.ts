import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { checkinDeliveries, checkinReminders, checkinSchedules } from '../db/schema.ts';
import { claimantStopped, THIS_PROCESS } from './claimant.ts';
import type { CheckinSchedule } from './schedule.ts';

/** A claim still "sending" after this long is taken to have crashed (wherever it ran), and is retried once. */
export const STUCK_CLAIM_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 2;

export type StoredSchedule = CheckinSchedule & {
  memberId: string;
  enabled: boolean;
  undeliverableAt: number | null;
  pausedUntil: number | null;
  activeAt: number | null;
  quietStoppedAt: number | null;
};

type ScheduleRow = typeof checkinSchedules.$inferSelect;

const toSchedule = (r: ScheduleRow): StoredSchedule => ({
  memberId: r.memberId,
  weekday: r.weekday,
  time: r.time,
  timezone: r.timezone,
  enabled: r.enabled,
  undeliverableAt: r.undeliverableAt?.getTime() ?? null,
  pausedUntil: r.pausedUntil?.getTime() ?? null,
  activeAt: r.activeAt?.getTime() ?? null,
  quietStoppedAt: r.quietStoppedAt?.getTime() ?? null,
});

/** Read for every member a planner burst checks in with, and on every message. */
const scheduleOf = preparedPerDatabase((db) =>
  db
    .select()
    .from(checkinSchedules)
    .where(eq(checkinSchedules.memberId, sql.placeholder('memberId')))
    .prepare(),
);

export function getSchedule(db: Db, memberId: string): StoredSchedule | undefined {
  const row = scheduleOf(db).get({ memberId });
  return row ? toSchedule(row) : undefined;
}

export function enabledSchedules(db: Db): StoredSchedule[] {
  return db.select().from(checkinSchedules).where(eq(checkinSchedules.enabled, true)).all().map(toSchedule);
}

const updateSchedule = (db: Db, memberId: string, changes: Partial<typeof checkinSchedules.$inferInsert>) =>
  db.update(checkinSchedules).set(changes).where(eq(checkinSchedules.memberId, memberId)).run();

export function saveSchedule(db: Db, memberId: string, schedule: CheckinSchedule | undefined, now: number): void {
  const at = new Date(now);
  if (!schedule) {
    updateSchedule(db, memberId, { enabled: false, updatedAt: at });
    return;
  }
  const { weekday, time, timezone } = schedule;
  db.insert(checkinSchedules)
    .values({ memberId, weekday, time, timezone, enabled: true, undeliverableAt: null, activeAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: checkinSchedules.memberId,
      set: { weekday, time, timezone, enabled: true, undeliverableAt: null, pausedUntil: null, quietStoppedAt: null, activeAt: at, updatedAt: at },
    })
    .run();
}

/** /checkin pause: no check-in falls due before `until`. */
export function pauseSchedule(db: Db, memberId: string, until: number, now: number): void {
  updateSchedule(db, memberId, { pausedUntil: new Date(until), activeAt: new Date(now), updatedAt: new Date(now) });
}

/** /checkin resume: on again, unpaused, weekly again (the member just spoke up). */
export function resumeSchedule(db: Db, memberId: string, now: number): void {
  updateSchedule(db, memberId, {
    enabled: true,
    pausedUntil: null,
    quietStoppedAt: null,
    undeliverableAt: null,
    activeAt: new Date(now),
    updatedAt: new Date(now),
  });
}

/** Check-ins that went unanswered too long are turned off after their last message. */
export function stopQuietSchedule(db: Db, memberId: string, now: number): void {
  updateSchedule(db, memberId, { enabled: false, quietStoppedAt: new Date(now), updatedAt: new Date(now) });
}

/** Closed DMs: the check-in is turned off and the member told the next time they talk to Pivot. */
export function markUndeliverable(db: Db, memberId: string, now: number): void {
  updateSchedule(db, memberId, { enabled: false, undeliverableAt: new Date(now), updatedAt: new Date(now) });
}

const noticeWaiting = preparedPerDatabase((db) =>
  db
    .select({ memberId: checkinSchedules.memberId })
    .from(checkinSchedules)
    .where(and(eq(checkinSchedules.memberId, sql.placeholder('memberId')), isNotNull(checkinSchedules.undeliverableAt)))
    .prepare(),
);

/** The pending "your DMs were closed" notice, cleared once read. */
export function takeUndeliverableNotice(db: Db, memberId: string): boolean {
  // Read first: this runs on every message, and nearly always there is nothing to clear (no write needed).
  if (!noticeWaiting(db).get({ memberId })) return false;
  return (
    db
      .update(checkinSchedules)
      .set({ undeliverableAt: null })
      .where(and(eq(checkinSchedules.memberId, memberId), isNotNull(checkinSchedules.undeliverableAt)))
      .run().changes > 0
  );
}

export type Claim = 'claimed' | 'reclaimed';

/**
 * Claims the member's check-in for a week before anything is sent. The unique
 * (member, week) key means only one process can win. A claim stuck in
 * "sending" may be taken over once: at once when the process that made it has
 * stopped (it crashed on this host), otherwise after STUCK_CLAIM_MS.
 * "reclaimed" tells the sender the first attempt may have got through.
 */
export function claimCheckin(db: Db, memberId: string, week: string, now: number): Claim | undefined {
  return db.$client
    .transaction((): Claim | undefined => {
      const inserted = db
        .insert(checkinDeliveries)
        .values({ memberId, week, status: 'sending', attempts: 1, claimedAt: new Date(now), claimedBy: THIS_PROCESS })
        .onConflictDoNothing({ target: [checkinDeliveries.memberId, checkinDeliveries.week] })
        .run().changes;
      if (inserted) return 'claimed';
      return takeOverStuckClaim(db, 'checkin_deliveries', memberId, week, now) ? 'reclaimed' : undefined;
    })
    .immediate();
}

const CLAIMED = { checkin_deliveries: checkinDeliveries, checkin_reminders: checkinReminders };

/**
 * The takeover rule every (member, week) send shares: a row still "sending"
 * is taken over once, at once when its claimant has stopped, otherwise after
 * STUCK_CLAIM_MS. Call inside the claiming transaction.
 */
export function takeOverStuckClaim(db: Db, table: keyof typeof CLAIMED, memberId: string, week: string, now: number): boolean {
  const t = CLAIMED[table];
  const row = and(eq(t.memberId, memberId), eq(t.week, week));
  const held = db.select({ status: t.status, attempts: t.attempts, claimedAt: t.claimedAt, claimedBy: t.claimedBy }).from(t).where(row).get();
  if (held?.status !== 'sending' || held.attempts >= MAX_ATTEMPTS) return false;
  if ((held.claimedAt?.getTime() ?? 0) > now - STUCK_CLAIM_MS && !claimantStopped(held.claimedBy)) return false;
  // The attempts seen must still be there: of two processes taking over at once, only one moves it on.
  return (
    db
      .update(t)
      .set({ attempts: sql`${t.attempts} + 1`, claimedAt: new Date(now), claimedBy: THIS_PROCESS })
      .where(and(row, eq(t.status, 'sending'), eq(t.attempts, held.attempts)))
      .run().changes > 0
  );
}

/**
 * The (member, week) pairs among `weeks` that are settled (sent, missed, failed,
 * undeliverable), as "member week" keys: the planner skips them without a
 * write. A claim still "sending" is not settled, since it may be taken over.
 */
export function settledWeeks(db: Db, weeks: string[]): Set<string> {
  if (weeks.length === 0) return new Set();
  const rows = db
    .select({ memberId: checkinDeliveries.memberId, week: checkinDeliveries.week })
    .from(checkinDeliveries)
    .where(and(ne(checkinDeliveries.status, 'sending'), inArray(checkinDeliveries.week, weeks)))
    .all();
  return new Set(rows.map((r) => `${r.memberId} ${r.week}`));
}

/**
 * Records a week that is not sent: too late (missed), during a pause, or the
 * off week of every-other-week check-ins. False when it was already handled.
 */
export function recordMissedWeek(db: Db, memberId: string, week: string, now: number, status: 'missed' | 'paused' | 'quiet' = 'missed'): boolean {
  return (
    db
      .insert(checkinDeliveries)
      .values({ memberId, week, status, attempts: 1, claimedAt: new Date(now) })
      .onConflictDoNothing({ target: [checkinDeliveries.memberId, checkinDeliveries.week] })
      .run().changes > 0
  );
}

export function finishWeek(
  db: Db,
  memberId: string,
  week: string,
  outcome: { status: 'sent' | 'failed' | 'undeliverable' | 'stopped'; text?: string },
  now: number,
): void {
  db.update(checkinDeliveries)
    .set({ status: outcome.status, text: outcome.text ?? null, sentAt: outcome.status === 'sent' || outcome.status === 'stopped' ? new Date(now) : null })
    .where(and(eq(checkinDeliveries.memberId, memberId), eq(checkinDeliveries.week, week)))
    .run();
}
