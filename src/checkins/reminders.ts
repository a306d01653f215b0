import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { AnswerDeps } from '../answer/answer.ts';
import type { Db } from '../db/client.ts';
import { checkinDeliveries, checkinReminders } from '../db/schema.ts';
import { THIS_PROCESS } from './claimant.ts';
import { composeCheckin } from './content.ts';
import { CATCH_UP_MS, nextOccurrence } from './schedule.ts';
import { getSchedule, markUndeliverable, takeOverStuckClaim } from './store.ts';
import { type CheckinDelivery, deliverWithRetries, type TickReport } from './tick.ts';

/** "Remind me in 2 days": two calendar days in the member's timezone, the same local time. */
export const REMIND_AFTER_DAYS = 2;

const localWhen = (at: number, zone: string) => `${DateTime.fromMillis(at, { zone }).setLocale('en-GB').toFormat("cccc d LLLL 'at' HH:mm")} (${zone})`;

/**
 * The member asked to be reminded of a week's check-in. One reminder per
 * week: it is sent once, then nothing more that week. Returns what to tell
 * them (privately).
 */
export function snoozeCheckin(deps: AnswerDeps, memberId: string, week: string): string {
  const now = deps.now();
  const schedule = getSchedule(deps.db, memberId);
  const thisWeek = <T extends typeof checkinDeliveries | typeof checkinReminders>(t: T) => and(eq(t.memberId, memberId), eq(t.week, week));
  const delivery = deps.db
    .select({ status: checkinDeliveries.status, response: checkinDeliveries.response })
    .from(checkinDeliveries)
    .where(thisWeek(checkinDeliveries))
    .get();
  if (!schedule?.enabled || delivery?.status !== 'sent') return 'That check-in is no longer open, so there is nothing to remind you of.';
  if (delivery.response) return 'You already answered this check-in, so no reminder is needed.';
  const existing = deps.db
    .select({ remindAt: checkinReminders.remindAt, status: checkinReminders.status })
    .from(checkinReminders)
    .where(thisWeek(checkinReminders))
    .get();
  if (existing) {
    return existing.status === 'waiting'
      ? `You will get one reminder on ${localWhen(existing.remindAt.getTime(), schedule.timezone)}; after that, nothing more this week.`
      : 'I already reminded you once this week; the next check-in comes as usual.';
  }
  const remindAt = DateTime.fromMillis(now, { zone: schedule.timezone }).plus({ days: REMIND_AFTER_DAYS }).toMillis();
  const next = nextOccurrence(schedule, new Date(now)).dueAt.getTime();
  if (remindAt >= next) return `Your next check-in comes before then, on ${localWhen(next, schedule.timezone)}, so I will not send a reminder.`;
  deps.db
    .insert(checkinReminders)
    .values({ memberId, week, remindAt: new Date(remindAt), status: 'waiting', attempts: 0, createdAt: new Date(now) })
    .onConflictDoNothing({ target: [checkinReminders.memberId, checkinReminders.week] })
    .run();
  return `I will remind you once, on ${localWhen(remindAt, schedule.timezone)}. After that, nothing more this week.`;
}

type ReminderStatus = (typeof checkinReminders.$inferSelect)['status'];
type ReminderRow = { memberId: string; week: string; remindAt: number; status: ReminderStatus };

const reminderIs = (row: ReminderRow, status: ReminderStatus) =>
  and(eq(checkinReminders.memberId, row.memberId), eq(checkinReminders.week, row.week), eq(checkinReminders.status, status));

/** Reminders due at `now`, and ones left "sending" that may need taking over. */
function dueReminders(db: Db, now: number): ReminderRow[] {
  return db
    .select({ memberId: checkinReminders.memberId, week: checkinReminders.week, remindAt: checkinReminders.remindAt, status: checkinReminders.status })
    .from(checkinReminders)
    .where(and(inArray(checkinReminders.status, ['waiting', 'sending']), lte(checkinReminders.remindAt, new Date(now))))
    .orderBy(checkinReminders.remindAt)
    .all()
    .map((r) => ({ ...r, remindAt: r.remindAt.getTime() }));
}

/** Claims a reminder before sending: one process wins the move from "waiting"; a stuck one is taken over as check-ins are. */
function claimReminder(db: Db, row: ReminderRow, now: number): 'claimed' | 'reclaimed' | undefined {
  return db.$client
    .transaction(() => {
      const moved = db
        .update(checkinReminders)
        .set({ status: 'sending', attempts: sql`${checkinReminders.attempts} + 1`, claimedAt: new Date(now), claimedBy: THIS_PROCESS })
        .where(reminderIs(row, 'waiting'))
        .run().changes;
      if (moved) return 'claimed' as const;
      return takeOverStuckClaim(db, 'checkin_reminders', row.memberId, row.week, now) ? ('reclaimed' as const) : undefined;
    })
    .immediate();
}

function settleReminder(db: Db, row: ReminderRow, status: ReminderStatus, now: number, from: ReminderStatus): boolean {
  return (
    db
      .update(checkinReminders)
      .set({ status, sentAt: status === 'sent' ? new Date(now) : null })
      .where(reminderIs(row, from))
      .run().changes > 0
  );
}

/**
 * Sends the reminders that are due, each exactly once. One whose check-in was
 * answered meanwhile, or whose check-ins were paused or turned off, is
 * cancelled; one more than 24 hours late is missed.
 */
export async function runReminders(deps: AnswerDeps, deliver: CheckinDelivery, now: Date, report: TickReport, delays: number[]): Promise<void> {
  const at = now.getTime();
  for (const row of dueReminders(deps.db, at)) {
    const schedule = getSchedule(deps.db, row.memberId);
    const answered = deps.db
      .select({ response: checkinDeliveries.response })
      .from(checkinDeliveries)
      .where(and(eq(checkinDeliveries.memberId, row.memberId), eq(checkinDeliveries.week, row.week)))
      .get()?.response;
    if (row.status === 'waiting') {
      const off = !schedule?.enabled || (schedule.pausedUntil ?? 0) > at || answered;
      if (off) {
        settleReminder(deps.db, row, 'cancelled', at, 'waiting');
        continue;
      }
      if (at - row.remindAt >= CATCH_UP_MS) {
        if (settleReminder(deps.db, row, 'missed', at, 'waiting')) {
          report.skipped.push({ member: row.memberId, week: row.week, reason: 'reminder missed: more than 24 h late' });
        }
        continue;
      }
    }
    const claim = claimReminder(deps.db, row, deps.now());
    if (!claim || !schedule) continue;
    const checkin = composeCheckin(deps, row.memberId, at, { week: row.week, timezone: schedule.timezone });
    const text = `Reminder, as you asked. ${checkin}`;
    const outcome = await deliverWithRetries(
      deps,
      deliver,
      { memberId: row.memberId, week: row.week, text, kind: 'reminder', reclaimed: claim === 'reclaimed' },
      delays,
    );
    settleReminder(deps.db, row, outcome, deps.now(), 'sending');
    if (outcome === 'sent') report.sent.push({ member: row.memberId, week: row.week, text });
    else if (outcome === 'undeliverable') {
      markUndeliverable(deps.db, row.memberId, deps.now());
      report.failed.push({ member: row.memberId, week: row.week, reason: 'DMs closed: check-ins turned off' });
    } else report.failed.push({ member: row.memberId, week: row.week, reason: 'reminder failed after retries' });
  }
}
