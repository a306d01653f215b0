import { describe, expect, it } from 'vitest';
import { decide, occurrenceFor } from '../../src/checkins/schedule.ts';

const at = (iso: string) => new Date(iso);
const mondayNine = (timezone: string) => ({ weekday: 1, time: '09:00', timezone });

describe('when a check-in is due', () => {
  it('is due once the local weekday and time have passed in the current ISO week', () => {
    const s = mondayNine('Europe/London');
    // Before this week's time, the latest check-in is last week's, long past.
    expect(decide(s, at('2026-11-30T08:59:00Z'))).toMatchObject({ action: 'miss', week: '2026-W48' });
    expect(decide(s, at('2026-11-30T09:00:00Z'))).toMatchObject({ action: 'send', week: '2026-W49' });
    expect(decide(s, at('2026-12-03T12:00:00Z'))).toMatchObject({ action: 'miss', week: '2026-W49' });
    expect(decide(s, at('2026-12-06T23:59:00Z'))?.week).toBe('2026-W49');
    expect(decide(s, at('2026-12-07T00:01:00Z'))).toMatchObject({ action: 'miss', week: '2026-W49' });
  });

  it('catches up when 3 hours late and records a miss when 30 hours late', () => {
    const s = mondayNine('Europe/London');
    expect(decide(s, at('2026-11-30T12:00:00Z'))).toMatchObject({ action: 'send', lateMs: 3 * 3_600_000 });
    expect(decide(s, at('2026-12-01T15:00:00Z'))).toMatchObject({ action: 'miss', lateMs: 30 * 3_600_000 });
  });

  it('follows Europe/London across the March and October clock changes without skipping or doubling a week', () => {
    const s = { weekday: 7, time: '09:00', timezone: 'Europe/London' };
    expect(occurrenceFor(s, at('2026-03-28T12:00:00Z')).dueAt.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(occurrenceFor(s, at('2026-03-22T12:00:00Z')).dueAt.toISOString()).toBe('2026-03-22T09:00:00.000Z');
    expect(occurrenceFor(s, at('2026-10-25T12:00:00Z')).dueAt.toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(occurrenceFor(s, at('2026-10-18T12:00:00Z')).dueAt.toISOString()).toBe('2026-10-18T08:00:00.000Z');
    const weeks = new Set<string>();
    for (let t = Date.parse('2026-03-16T00:00:00Z'); t < Date.parse('2026-04-06T00:00:00Z'); t += 3_600_000) {
      const d = decide(s, new Date(t));
      if (d?.action === 'send') weeks.add(d.week);
    }
    // W11: Sunday 15 March 09:00 is 15 hours before the first instant looked at, so still sent.
    expect([...weeks]).toEqual(['2026-W11', '2026-W12', '2026-W13', '2026-W14']);
  });

  it('handles a time that does not exist on the day clocks go forward (Europe/London 01:30)', () => {
    const s = { weekday: 7, time: '01:30', timezone: 'Europe/London' };
    const d = occurrenceFor(s, at('2026-03-29T12:00:00Z'));
    expect(d.week).toBe('2026-W13');
    expect(d.dueAt.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('follows America/New_York daylight saving (March 8 and November 1, 2026)', () => {
    const s = mondayNine('America/New_York');
    expect(occurrenceFor(s, at('2026-03-04T12:00:00Z')).dueAt.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(occurrenceFor(s, at('2026-03-11T12:00:00Z')).dueAt.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(occurrenceFor(s, at('2026-11-04T12:00:00Z')).dueAt.toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('uses the member’s own calendar week at UTC+13 and UTC−11', () => {
    const auckland = mondayNine('Pacific/Auckland');
    // Monday 09:00 in Auckland (UTC+13 in summer) is Sunday 20:00 UTC.
    expect(decide(auckland, at('2026-11-29T19:59:00Z'))).toMatchObject({ action: 'miss', week: '2026-W48' });
    expect(decide(auckland, at('2026-11-29T20:00:00Z'))).toMatchObject({ action: 'send', week: '2026-W49' });
    const pagoPago = mondayNine('Pacific/Pago_Pago');
    // Monday 09:00 in Pago Pago (UTC−11) is Monday 20:00 UTC.
    expect(decide(pagoPago, at('2026-11-30T19:59:00Z'))).toMatchObject({ action: 'miss', week: '2026-W48' });
    expect(decide(pagoPago, at('2026-11-30T20:00:00Z'))).toMatchObject({ action: 'send', week: '2026-W49' });
  });
});
