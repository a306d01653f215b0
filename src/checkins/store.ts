import type { Db } from '../db/client.ts';
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

type ScheduleRow = {
  member_id: string;
  weekday: number;
  time: string;
  timezone: string;
  enabled: number;
  undeliverable_at: number | null;
  paused_until: number | null;
  active_at: number | null;
  quiet_stopped_at: number | null;
};

const toSchedule = (r: ScheduleRow): StoredSchedule => ({
  memberId: r.member_id,
  weekday: r.weekday,
  time: r.time,
  timezone: r.timezone,
  enabled: r.enabled === 1,
  undeliverableAt: r.undeliverable_at,
  pausedUntil: r.paused_until,
  activeAt: r.active_at,
  quietStoppedAt: r.quiet_stopped_at,
});

export function getSchedule(db: Db, memberId: string): StoredSchedule | undefined {
  const row = db.$client.prepare('SELECT * FROM checkin_schedules WHERE member_id = ?').get(memberId) as ScheduleRow | undefined;
  return row ? toSchedule(row) : undefined;
}

export function enabledSchedules(db: Db): StoredSchedule[] {
  return (db.$client.prepare('SELECT * FROM checkin_schedules WHERE enabled = 1').all() as ScheduleRow[]).map(toSchedule);
}

export function saveSchedule(db: Db, memberId: string, schedule: CheckinSchedule | undefined, now: number): void {
  if (!schedule) {
    db.$client.prepare('UPDATE checkin_schedules SET enabled = 0, updated_at = ? WHERE member_id = ?').run(now, memberId);
    return;
  }
  db.$client
    .prepare(
      `INSERT INTO checkin_schedules (member_id, weekday, time, timezone, enabled, undeliverable_at, active_at, updated_at)
       VALUES (?, ?, ?, ?, 1, NULL, ?, ?)
       ON CONFLICT (member_id) DO UPDATE SET weekday = excluded.weekday, time = excluded.time, timezone = excluded.timezone,
         enabled = 1, undeliverable_at = NULL, paused_until = NULL, quiet_stopped_at = NULL, active_at = excluded.active_at,
         updated_at = excluded.updated_at`,
    )
    .run(memberId, schedule.weekday, schedule.time, schedule.timezone, now, now);
}

/** /checkin pause: no check-in falls due before `until`. */
export function pauseSchedule(db: Db, memberId: string, until: number, now: number): void {
  db.$client.prepare('UPDATE checkin_schedules SET paused_until = ?, active_at = ?, updated_at = ? WHERE member_id = ?').run(until, now, now, memberId);
}

/** /checkin resume: on again, unpaused, weekly again (the member just spoke up). */
export function resumeSchedule(db: Db, memberId: string, now: number): void {
  db.$client
    .prepare(
      `UPDATE checkin_schedules SET enabled = 1, paused_until = NULL, quiet_stopped_at = NULL, undeliverable_at = NULL,
         active_at = ?, updated_at = ? WHERE member_id = ?`,
    )
    .run(now, now, memberId);
}

/** Check-ins that went unanswered too long are turned off after their last message. */
export function stopQuietSchedule(db: Db, memberId: string, now: number): void {
  db.$client.prepare('UPDATE checkin_schedules SET enabled = 0, quiet_stopped_at = ?, updated_at = ? WHERE member_id = ?').run(now, now, memberId);
}

/** Closed DMs: the check-in is turned off and the member told the next time they talk to Pivot. */
export function markUndeliverable(db: Db, memberId: string, now: number): void {
  db.$client.prepare('UPDATE checkin_schedules SET enabled = 0, undeliverable_at = ?, updated_at = ? WHERE member_id = ?').run(now, now, memberId);
}

/** The pending "your DMs were closed" notice, cleared once read. */
export function takeUndeliverableNotice(db: Db, memberId: string): boolean {
  // Read first: this runs on every message, and nearly always there is nothing to clear (no write needed).
  const pending = db.$client.prepare('SELECT 1 FROM checkin_schedules WHERE member_id = ? AND undeliverable_at IS NOT NULL').get(memberId);
  if (!pending) return false;
  return (
    db.$client.prepare('UPDATE checkin_schedules SET undeliverable_at = NULL WHERE member_id = ? AND undeliverable_at IS NOT NULL').run(memberId).changes > 0
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
      const inserted = db.$client
        .prepare(
          `INSERT INTO checkin_deliveries (member_id, week, status, attempts, claimed_at, claimed_by) VALUES (?, ?, 'sending', 1, ?, ?)
         ON CONFLICT (member_id, week) DO NOTHING`,
        )
        .run(memberId, week, now, THIS_PROCESS).changes;
      if (inserted) return 'claimed';
      return takeOverStuckClaim(db, 'checkin_deliveries', memberId, week, now) ? 'reclaimed' : undefined;
    })
    .immediate();
}

/**
 * The takeover rule every (member, week) send shares: a row still "sending"
 * is taken over once, at once when its claimant has stopped, otherwise after
 * STUCK_CLAIM_MS. Call inside the claiming transaction.
 */
export function takeOverStuckClaim(db: Db, table: 'checkin_deliveries' | 'checkin_reminders', memberId: string, week: string, now: number): boolean {
  const held = db.$client.prepare(`SELECT status, attempts, claimed_at, claimed_by FROM ${table} WHERE member_id = ? AND week = ?`).get(memberId, week) as
    | { status: string; attempts: number; claimed_at: number | null; claimed_by: string | null }
    | undefined;
  if (held?.status !== 'sending' || held.attempts >= MAX_ATTEMPTS) return false;
  if ((held.claimed_at ?? 0) > now - STUCK_CLAIM_MS && !claimantStopped(held.claimed_by)) return false;
  return (
    db.$client
      .prepare(
        `UPDATE ${table} SET attempts = attempts + 1, claimed_at = ?, claimed_by = ?
         WHERE member_id = ? AND week = ? AND status = 'sending' AND attempts = ?`,
      )
      .run(now, THIS_PROCESS, memberId, week, held.attempts).changes > 0
  );
}

/**
 * The (member, week) pairs among `weeks` that are settled (sent, missed, failed,
 * undeliverable), as "member week" keys: the planner skips them without a
 * write. A claim still "sending" is not settled, since it may be taken over.
 */
export function settledWeeks(db: Db, weeks: string[]): Set<string> {
  if (weeks.length === 0) return new Set();
  const rows = db.$client
    .prepare(`SELECT member_id, week FROM checkin_deliveries WHERE status != 'sending' AND week IN (${weeks.map(() => '?').join(', ')})`)
    .all(...weeks) as { member_id: string; week: string }[];
  return new Set(rows.map((r) => `${r.member_id} ${r.week}`));
}

/**
 * Records a week that is not sent: too late (missed), during a pause, or the
 * off week of every-other-week check-ins. False when it was already handled.
 */
export function recordMissedWeek(db: Db, memberId: string, week: string, now: number, status: 'missed' | 'paused' | 'quiet' = 'missed'): boolean {
  return (
    db.$client
      .prepare(
        `INSERT INTO checkin_deliveries (member_id, week, status, attempts, claimed_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (member_id, week) DO NOTHING`,
      )
      .run(memberId, week, status, now).changes > 0
  );
}

export function finishWeek(
  db: Db,
  memberId: string,
  week: string,
  outcome: { status: 'sent' | 'failed' | 'undeliverable' | 'stopped'; text?: string },
  now: number,
): void {
  db.$client
    .prepare('UPDATE checkin_deliveries SET status = ?, text = ?, sent_at = ? WHERE member_id = ? AND week = ?')
    .run(outcome.status, outcome.text ?? null, outcome.status === 'sent' || outcome.status === 'stopped' ? now : null, memberId, week);
}
