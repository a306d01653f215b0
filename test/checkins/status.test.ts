import { afterEach, describe, expect, it } from 'vitest';
import { THIS_PROCESS } from '../../src/checkins/claimant.ts';
import { runReminders, snoozeCheckin } from '../../src/checkins/reminders.ts';
import { respondSkip } from '../../src/checkins/responses.ts';
import { claimCheckin, finishWeek } from '../../src/checkins/store.ts';
import type { TickReport } from '../../src/checkins/tick.ts';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { terminalOutbox } from '../../src/terminal/outbox.ts';
import { inbound, testApp } from '../support/app.ts';

let app: App | undefined;
afterEach(() => app?.close());

const statusAt = async (iso: string, on: string) => {
  app?.close();
  const now = Date.parse(iso);
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => now });
  await handleLine(app.commands, app.core, inbound(on, 'kai'));
  return (await handleLine(app.commands, app.core, inbound('/checkin status', 'kai'))).text;
};

describe('/checkin status', () => {
  it('shows the next check-in by the calendar across a clock change: Sunday 21 March 2027 23:30 London, Fridays 09:00 → 26 March', async () => {
    const text = await statusAt('2027-03-21T23:30:00Z', '/checkin on day:friday time:09:00 timezone:Europe/London');
    expect(text).toContain('Next: Friday 26 March 2027 at 09:00 (Europe/London).');
  });

  it('shows this week’s time while it is ahead, and next week’s once it has passed', async () => {
    // Friday 26 March 2027 08:59 GMT, then 09:00 GMT: clocks go forward two days later.
    expect(await statusAt('2027-03-26T08:59:00Z', '/checkin on day:friday time:09:00 timezone:Europe/London')).toContain('Next: Friday 26 March 2027 at 09:00');
    expect(await statusAt('2027-03-26T09:00:00Z', '/checkin on day:friday time:09:00 timezone:Europe/London')).toContain('Next: Friday 2 April 2027 at 09:00');
    // Monday 09:00 in Auckland, asked on Sunday evening UTC (already Monday there).
    expect(await statusAt('2026-11-29T21:00:00Z', '/checkin on day:monday time:09:00 timezone:Pacific/Auckland')).toContain(
      'Next: Monday 7 December 2026 at 09:00 (Pacific/Auckland).',
    );
  });
});

describe('a reminder asked for', () => {
  it('is stored waiting, shown by /checkin status, then claimed and stored as sent once', async () => {
    let clock = Date.parse('2026-11-23T10:00:00Z');
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => clock });
    const core = app.core;
    await handleLine(app.commands, core, inbound('/checkin on day:monday time:09:00 timezone:Europe/London', 'kai'));
    claimCheckin(app.db, 'kai', '2026-W48', clock);
    finishWeek(app.db, 'kai', '2026-W48', { status: 'sent', text: 'How is it going?' }, clock);
    expect(snoozeCheckin(core, 'kai', '2026-W48')).toBe(
      'I will remind you once, on Wednesday 25 November at 10:00 (Europe/London). After that, nothing more this week.',
    );
    const remindAt = Date.parse('2026-11-25T10:00:00Z');
    const row = () => app?.db.$client.prepare('SELECT * FROM checkin_reminders').all();
    expect(row()).toEqual([
      {
        member_id: 'kai',
        week: '2026-W48',
        remind_at: remindAt,
        status: 'waiting',
        attempts: 0,
        claimed_at: null,
        claimed_by: null,
        sent_at: null,
        created_at: clock,
      },
    ]);
    expect(snoozeCheckin(core, 'kai', '2026-W48')).toMatch(/^You will get one reminder on Wednesday 25 November at 10:00/);
    expect((await handleLine(app.commands, core, inbound('/checkin status', 'kai'))).text).toContain(
      'Reminder: Wednesday 25 November 2026 at 10:00 (Europe/London).',
    );

    clock = remindAt + 60_000;
    const report: TickReport = { sent: [], skipped: [], failed: [] };
    await runReminders(core, terminalOutbox(null), new Date(clock), report, []);
    await runReminders(core, terminalOutbox(null), new Date(clock + 60_000), report, []);
    expect(report.sent.map((s) => s.week)).toEqual(['2026-W48']);
    expect(row()).toEqual([
      {
        member_id: 'kai',
        week: '2026-W48',
        remind_at: remindAt,
        status: 'sent',
        attempts: 1,
        claimed_at: clock,
        claimed_by: THIS_PROCESS,
        sent_at: clock,
        created_at: Date.parse('2026-11-23T10:00:00Z'),
      },
    ]);
    expect(snoozeCheckin(core, 'kai', '2026-W48')).toBe('I already reminded you once this week; the next check-in comes as usual.');
  });

  it('is cancelled once the check-in is answered', async () => {
    let clock = Date.parse('2026-11-23T10:00:00Z');
    app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => clock });
    await handleLine(app.commands, app.core, inbound('/checkin on day:monday time:09:00 timezone:Europe/London', 'kai'));
    claimCheckin(app.db, 'kai', '2026-W48', clock);
    finishWeek(app.db, 'kai', '2026-W48', { status: 'sent', text: 'How is it going?' }, clock);
    snoozeCheckin(app.core, 'kai', '2026-W48');
    respondSkip(app.core, 'kai', '2026-W48');
    expect(app.db.$client.prepare('SELECT response, answered_at FROM checkin_deliveries').get()).toEqual({ response: 'skip', answered_at: clock });
    clock = Date.parse('2026-11-25T10:01:00Z');
    const report: TickReport = { sent: [], skipped: [], failed: [] };
    await runReminders(app.core, terminalOutbox(null), new Date(clock), report, []);
    expect(report.sent).toEqual([]);
    expect(app.db.$client.prepare('SELECT status, attempts, sent_at FROM checkin_reminders').get()).toEqual({
      status: 'cancelled',
      attempts: 0,
      sent_at: null,
    });
  });
});
