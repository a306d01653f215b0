import { DateTime } from 'luxon';
import type { AnswerDeps } from '../answer/answer.ts';
import type { Db } from '../db/client.ts';
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
  const delivery = deps.db.$client.prepare('SELECT status, response FROM checkin_deliveries WHERE member_id = ? AND week = ?').get(memberId, week) as
    | { status: string; response: string | null }
    | undefined;
  if (!schedule?.enabled || delivery?.status !== 'sent') return 'That check-in is no longer open, so there is nothing to remind you of.';
  if (delivery.response) return 'You already answered this check-in, so no reminder is needed.';
  const existing = deps.db.$client.prepare('SELECT remind_at, status FROM checkin_reminders WHERE member_id = ? AND week = ?').get(memberId, week) as
    | { remind_at: number; status: string }
    | undefined;
  if (existing) {
    return existing.status === 'waiting'
      ? `You will get one reminder on ${localWhen(existing.remind_at, schedule.timezone)}; after that, nothing more this week.`
      : 'I already reminded you once this week; the next check-in comes as usual.';
  }
  const remindAt = DateTime.fromMillis(now, { zone: schedule.timezone }).plus({ days: REMIND_AFTER_DAYS }).toMillis();
  const next = nextOccurrence(schedule, new Date(now)).dueAt.getTime();
  if (remindAt >= next) return `Your next check-in comes before then, on ${localWhen(next, schedule.timezone)}, so I will not send a reminder.`;
  deps.db.$client
    .prepare(
      `INSERT INTO checkin_reminders (member_id, week, remind_at, status, attempts, created_at) VALUES (?, ?, ?, 'waiting', 0, ?)
       ON CONFLICT (member_id, week) DO NOTHING`,
    )
    .run(memberId, week, remindAt, now);
  return `I will remind you once, on ${localWhen(remindAt, schedule.timezone)}. After that, nothing more this week.`;
}

type ReminderRow = { member_id: string; week: string; remind_at: number; status: string };

/** Reminders due at `now`, and ones left "sending" that may need taking over. */
function dueReminders(db: Db, now: number): ReminderRow[] {
  return db.$client
    .prepare("SELECT member_id, week, remind_at, status FROM checkin_reminders WHERE status IN ('waiting', 'sending') AND remind_at <= ? ORDER BY remind_at")
    .all(now) as ReminderRow[];
}

/** Claims a reminder before sending: one process wins the move from "waiting"; a stuck one is taken over as check-ins are. */
function claimReminder(db: Db, row: ReminderRow, now: number): 'claimed' | 'reclaimed' | undefined {
  return db.$client
    .transaction(() => {
      const moved = db.$client
        .prepare(
          `UPDATE checkin_reminders SET status = 'sending', attempts = attempts + 1, claimed_at = ?, claimed_by = ?
         WHERE member_id = ? AND week = ? AND status = 'waiting'`,
        )
        .run(now, THIS_PROCESS, row.member_id, row.week).changes;
      if (moved) return 'claimed' as const;
      return takeOverStuckClaim(db, 'checkin_reminders', row.member_id, row.week, now) ? ('reclaimed' as const) : undefined;
    })
    .immediate();
}

function settleReminder(db: Db, row: ReminderRow, status: string, now: number, from: string): boolean {
  return (
    db.$client
      .prepare(`UPDATE checkin_reminders SET status = ?, sent_at = ? WHERE member_id = ? AND week = ? AND status = ?`)
      .run(status, status === 'sent' ? now : null, row.member_id, row.week, from).changes > 0
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
    const schedule = getSchedule(deps.db, row.member_id);
    const answered = deps.db.$client.prepare('SELECT response FROM checkin_deliveries WHERE member_id = ? AND week = ?').pluck().get(row.member_id, row.week) as
      | string
      | null
      | undefined;
    if (row.status === 'waiting') {
      const off = !schedule?.enabled || (schedule.pausedUntil ?? 0) > at || answered;
      if (off) {
        settleReminder(deps.db, row, 'cancelled', at, 'waiting');
        continue;
      }
      if (at - row.remind_at >= CATCH_UP_MS) {
        if (settleReminder(deps.db, row, 'missed', at, 'waiting')) {
          report.skipped.push({ member: row.member_id, week: row.week, reason: 'reminder missed: more than 24 h late' });
        }
        continue;
      }
    }
    const claim = claimReminder(deps.db, row, deps.now());
    if (!claim || !schedule) continue;
    const checkin = composeCheckin(deps, row.member_id, at, { week: row.week, timezone: schedule.timezone });
    const text = `Reminder, as you asked. ${checkin}`;
    const outcome = await deliverWithRetries(
      deps,
      deliver,
      { memberId: row.member_id, week: row.week, text, kind: 'reminder', reclaimed: claim === 'reclaimed' },
      delays,
    );
    settleReminder(deps.db, row, outcome, deps.now(), 'sending');
    if (outcome === 'sent') report.sent.push({ member: row.member_id, week: row.week, text });
    else if (outcome === 'undeliverable') {
      markUndeliverable(deps.db, row.member_id, deps.now());
      report.failed.push({ member: row.member_id, week: row.week, reason: 'DMs closed: check-ins turned off' });
    } else report.failed.push({ member: row.member_id, week: row.week, reason: 'reminder failed after retries' });
  }
}
