import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveSchedule } from '../../src/checkins/store.ts';
import type { TickReport } from '../../src/checkins/tick.ts';
import { createGroup } from '../../src/groups/store.ts';
import type { App } from '../../src/main.ts';
import { runWeeklyTick } from '../../src/planner/weekly.ts';
import { testApp } from '../support/app.ts';
import { runCli, tempDir } from '../support/cli.ts';

// A tick that comes late (the bot was down, or the host was busy) across the end of the member's week.

let app: App;
beforeEach(async () => {
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
});
afterEach(() => app.close());

const SUNDAY_2300_LONDON = { weekday: 7, time: '23:00', timezone: 'Europe/London' };

const delivered: { memberId: string; week: string }[] = [];
const posted: { group: string }[] = [];
beforeEach(async () => {
  delivered.length = 0;
  posted.length = 0;
});
const tick = (iso: string | number): Promise<TickReport> =>
  runWeeklyTick(
    app.core,
    {
      deliver: async ({ memberId, week }) => {
        delivered.push({ memberId, week });
        return 'sent';
      },
      post: async (group) => {
        posted.push({ group: group.name });
        return 'sent';
      },
    },
    new Date(iso),
    { retryDelaysMs: [] },
  );
const deliveries = () => app.db.$client.prepare('SELECT member_id AS member, week, status FROM checkin_deliveries ORDER BY member_id, week').all();

describe('a check-in due late on Sunday, with the tick after midnight', () => {
  it('Sunday 23:00 Europe/London with the tick at Monday 00:30 is sent for the week it was due in, once', async () => {
    saveSchedule(app.db, 'ana', SUNDAY_2300_LONDON, Date.parse('2026-11-20T12:00:00Z'));
    // Sunday 29 November 2026 23:00 GMT; the tick comes at Monday 30 November 00:30 GMT.
    const late = await tick('2026-11-30T00:30:00Z');
    expect(late.sent.map((s) => [s.member, s.week])).toEqual([['ana', '2026-W48']]);
    expect((await tick('2026-11-30T00:35:00Z')).sent).toEqual([]);
    expect((await tick('2026-12-01T12:00:00Z')).skipped).toEqual([]);
    expect(delivered).toEqual([{ memberId: 'ana', week: '2026-W48' }]);
    expect(deliveries()).toEqual([{ member: 'ana', week: '2026-W48', status: 'sent' }]);
  });

  it('is recorded as missed when the first tick is more than 24 hours after it was due', async () => {
    saveSchedule(app.db, 'bo', SUNDAY_2300_LONDON, Date.parse('2026-11-20T12:00:00Z'));
    const report = await tick('2026-11-30T23:30:00Z');
    expect(report.sent).toEqual([]);
    expect(report.skipped).toEqual([{ member: 'bo', week: '2026-W48', reason: 'missed: 25 h late' }]);
    expect(deliveries()).toEqual([{ member: 'bo', week: '2026-W48', status: 'missed' }]);
    expect(delivered).toEqual([]);
  });

  it('on the night clocks go forward, Monday 00:30 BST (still Sunday in UTC) sends the Sunday 23:00 check-in', async () => {
    saveSchedule(app.db, 'cy', SUNDAY_2300_LONDON, Date.parse('2026-03-20T12:00:00Z'));
    // Sunday 29 March 2026 23:00 BST is 22:00 UTC; Monday 30 March 00:30 BST is 23:30 UTC on Sunday.
    expect((await tick('2026-03-29T23:30:00Z')).sent.map((s) => s.week)).toEqual(['2026-W13']);
  });

  it('on the night clocks go back, Monday 00:30 GMT sends the Sunday 23:00 check-in', async () => {
    saveSchedule(app.db, 'dee', SUNDAY_2300_LONDON, Date.parse('2026-10-20T12:00:00Z'));
    expect((await tick('2026-10-26T00:30:00Z')).sent.map((s) => s.week)).toEqual(['2026-W43']);
  });

  it('counts lateness in real hours across a clock change: 23 h 45 min late is sent, 24 h 30 min late is missed', async () => {
    // Saturday 28 March 2026 23:30 GMT (23:30 UTC); Sunday the 29th has 23 hours in London.
    const saturday = { weekday: 6, time: '23:30', timezone: 'Europe/London' };
    saveSchedule(app.db, 'eli', saturday, Date.parse('2026-03-20T12:00:00Z'));
    // Monday 30 March 00:15 BST = 23:15 UTC Sunday: 23 h 45 min after it was due (24 h 45 min by the wall clock).
    expect((await tick('2026-03-29T23:15:00Z')).sent.map((s) => [s.member, s.week])).toEqual([['eli', '2026-W13']]);
    saveSchedule(app.db, 'fay', saturday, Date.parse('2026-03-20T12:00:00Z'));
    // Monday 30 March 01:00 BST = 00:00 UTC: 24 h 30 min late.
    expect((await tick('2026-03-30T00:00:00Z')).skipped).toEqual([{ member: 'fay', week: '2026-W13', reason: 'missed: 25 h late' }]);
    expect(delivered).toEqual([{ memberId: 'eli', week: '2026-W13' }]);
  });

  it('ticks every 20 minutes across the March clock change, with the bot down over each Sunday midnight, send every week once', async () => {
    saveSchedule(app.db, 'gus', SUNDAY_2300_LONDON, Date.parse('2026-03-01T12:00:00Z'));
    const down = (t: number) => {
      const local = new Date(t).toLocaleString('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', hour12: false });
      // Down from Sunday 22:00 to Monday 00:59 local time, every week.
      return /^Sun.* 2[23]$/.test(local) || /^Mon.* 00$/.test(local);
    };
    const missed: string[] = [];
    for (let t = Date.parse('2026-03-16T00:00:00Z'); t < Date.parse('2026-04-14T00:00:00Z'); t += 20 * 60_000) {
      if (down(t)) continue;
      missed.push(...(await tick(t)).skipped.map((s) => s.week));
      // The member answers each one, so check-ins stay weekly (unanswered ones back off: see adaptive.test.ts).
      app.db.$client.prepare("UPDATE checkin_deliveries SET response = 'on-track', answered_at = ? WHERE status = 'sent' AND response IS NULL").run(Date.now());
    }
    expect(missed).toEqual([]);
    expect(delivered.map((d) => d.week)).toEqual(['2026-W11', '2026-W12', '2026-W13', '2026-W14', '2026-W15']);
  });

  it('a study group digest due Sunday 23:00 is posted when the tick comes at Monday 00:30, once', async () => {
    createGroup(
      app.db,
      { place: 'g1', name: 'Night Owls', channelId: 'c1', ownerId: 'hal', ...SUNDAY_2300_LONDON },
      { displayName: 'Hal' },
      Date.parse('2026-11-20T12:00:00Z'),
    );
    const late = await tick('2026-11-30T00:30:00Z');
    expect(late.sent.map((s) => [s.member, s.week])).toEqual([['group:Night Owls', '2026-W48']]);
    await tick('2026-11-30T00:40:00Z');
    await tick('2026-12-01T12:00:00Z');
    expect(posted).toEqual([{ group: 'Night Owls' }]);
    expect(app.db.$client.prepare('SELECT week, status FROM group_digests').all()).toEqual([{ week: '2026-W48', status: 'sent' }]);
  });
});

describe('pivot checkins tick --at after midnight', () => {
  it('sends the Sunday check-in on a late Monday tick, and a second tick sends nothing', async () => {
    const env = { DATABASE_PATH: join(tempDir(), 'pivot.db') };
    const seeded = testApp({ DATABASE_PATH: env.DATABASE_PATH }, { llm: null });
    saveSchedule(seeded.db, 'ivy', SUNDAY_2300_LONDON, Date.parse('2026-11-20T12:00:00Z'));
    seeded.close();
    const first = await runCli(['checkins', 'tick', '--at', '2026-11-30T00:30:00Z', '--json'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ sent: [{ member: 'ivy', week: '2026-W48' }], skipped: [], failed: [] });
    const second = await runCli(['checkins', 'tick', '--at', '2026-11-30T01:30:00Z', '--json'], env);
    expect(JSON.parse(second.stdout)).toEqual({ sent: [], skipped: [], failed: [] });
  }, 60_000);
});
