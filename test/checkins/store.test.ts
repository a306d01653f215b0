import { describe, expect, it } from 'vitest';
import { THIS_PROCESS } from '../../src/checkins/claimant.ts';
import {
  claimCheckin,
  enabledSchedules,
  finishWeek,
  getSchedule,
  markUndeliverable,
  pauseSchedule,
  recordMissedWeek,
  resumeSchedule,
  STUCK_CLAIM_MS,
  saveSchedule,
  settledWeeks,
  stopQuietSchedule,
  takeUndeliverableNotice,
} from '../../src/checkins/store.ts';
import { openDatabase } from '../../src/db/client.ts';

const friday = { weekday: 5, time: '09:00', timezone: 'Europe/London' };

describe('check-in store', () => {
  it('stores a schedule and each change to it, times in milliseconds', () => {
    const db = openDatabase(':memory:');
    const row = () => db.$client.prepare('SELECT * FROM checkin_schedules WHERE member_id = ?').get('ana');
    saveSchedule(db, 'ana', friday, 1000);
    expect(row()).toEqual({
      member_id: 'ana',
      weekday: 5,
      time: '09:00',
      timezone: 'Europe/London',
      enabled: 1,
      undeliverable_at: null,
      paused_until: null,
      active_at: 1000,
      quiet_stopped_at: null,
      updated_at: 1000,
    });
    pauseSchedule(db, 'ana', 9000, 2000);
    expect(row()).toMatchObject({ paused_until: 9000, active_at: 2000, updated_at: 2000, enabled: 1 });
    stopQuietSchedule(db, 'ana', 3000);
    expect(row()).toMatchObject({ enabled: 0, quiet_stopped_at: 3000, paused_until: 9000, updated_at: 3000 });
    expect(getSchedule(db, 'ana')).toMatchObject({ enabled: false, pausedUntil: 9000, quietStoppedAt: 3000, activeAt: 2000, undeliverableAt: null });
    resumeSchedule(db, 'ana', 4000);
    expect(row()).toMatchObject({ enabled: 1, paused_until: null, quiet_stopped_at: null, undeliverable_at: null, active_at: 4000, updated_at: 4000 });
    markUndeliverable(db, 'ana', 5000);
    expect(row()).toMatchObject({ enabled: 0, undeliverable_at: 5000, updated_at: 5000 });
    expect(enabledSchedules(db)).toEqual([]);
    expect(takeUndeliverableNotice(db, 'ana')).toBe(true);
    expect(takeUndeliverableNotice(db, 'ana')).toBe(false);
    expect(row()).toMatchObject({ undeliverable_at: null, updated_at: 5000 });

    pauseSchedule(db, 'ana', 9000, 6000);
    stopQuietSchedule(db, 'ana', 6500);
    saveSchedule(db, 'ana', { weekday: 1, time: '18:30', timezone: 'Europe/Paris' }, 7000);
    expect(row()).toEqual({
      member_id: 'ana',
      weekday: 1,
      time: '18:30',
      timezone: 'Europe/Paris',
      enabled: 1,
      undeliverable_at: null,
      paused_until: null,
      active_at: 7000,
      quiet_stopped_at: null,
      updated_at: 7000,
    });
    expect(enabledSchedules(db).map((s) => s.memberId)).toEqual(['ana']);
    saveSchedule(db, 'ana', undefined, 8000);
    expect(row()).toMatchObject({ enabled: 0, weekday: 1, updated_at: 8000 });
  });

  it('claims a week once, takes over a stuck claim once, and stores how each week ended', () => {
    const db = openDatabase(':memory:');
    const rows = () =>
      db.$client.prepare('SELECT member_id, week, status, attempts, text, claimed_at, claimed_by, sent_at FROM checkin_deliveries ORDER BY id').all();
    expect(claimCheckin(db, 'ana', '2026-W10', 1000)).toBe('claimed');
    expect(claimCheckin(db, 'ana', '2026-W10', 2000)).toBeUndefined();
    expect(claimCheckin(db, 'ana', '2026-W10', 1000 + STUCK_CLAIM_MS + 1)).toBe('reclaimed');
    expect(claimCheckin(db, 'ana', '2026-W10', 1000 + 3 * STUCK_CLAIM_MS)).toBeUndefined();
    expect(recordMissedWeek(db, 'ana', '2026-W11', 3000, 'paused')).toBe(true);
    expect(recordMissedWeek(db, 'ana', '2026-W11', 3000)).toBe(false);
    expect(recordMissedWeek(db, 'bo', '2026-W10', 3000)).toBe(true);
    expect(settledWeeks(db, ['2026-W10', '2026-W11'])).toEqual(new Set(['ana 2026-W11', 'bo 2026-W10']));
    finishWeek(db, 'ana', '2026-W10', { status: 'sent', text: 'How did the week go?' }, 4000);
    expect(rows()).toEqual([
      {
        member_id: 'ana',
        week: '2026-W10',
        status: 'sent',
        attempts: 2,
        text: 'How did the week go?',
        claimed_at: 1000 + STUCK_CLAIM_MS + 1,
        claimed_by: THIS_PROCESS,
        sent_at: 4000,
      },
      { member_id: 'ana', week: '2026-W11', status: 'paused', attempts: 1, text: null, claimed_at: 3000, claimed_by: null, sent_at: null },
      { member_id: 'bo', week: '2026-W10', status: 'missed', attempts: 1, text: null, claimed_at: 3000, claimed_by: null, sent_at: null },
    ]);
    finishWeek(db, 'bo', '2026-W10', { status: 'failed' }, 5000);
    expect(db.$client.prepare("SELECT status, text, sent_at FROM checkin_deliveries WHERE member_id = 'bo'").get()).toEqual({
      status: 'failed',
      text: null,
      sent_at: null,
    });
    expect(settledWeeks(db, [])).toEqual(new Set());
  });
});
