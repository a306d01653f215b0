import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weekBefore, weekLabel } from '../../src/checkins/schedule.ts';
import { graceStreak, type WeekMark } from '../../src/checkins/streak.ts';
import type { TickReport } from '../../src/checkins/tick.ts';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { runWeeklyTick } from '../../src/planner/weekly.ts';
import { inbound, testApp } from '../support/app.ts';
import { runCliProcess, tempDir } from '../support/cli.ts';

// Check-ins that adapt, driven through the commands members type and the planner's tick, with clocks
// across the March 2026 change in London (Sunday 29 March, 01:00 GMT → 02:00 BST).

let now = 0;
let app: App;
beforeEach(() => {
  now = Date.parse('2026-03-01T12:00:00Z');
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => now });
});
afterEach(() => app.close());

const delivered: { memberId: string; week: string; kind: string; text: string }[] = [];
beforeEach(() => {
  delivered.length = 0;
});
const tick = (iso: string | number): Promise<TickReport> => {
  now = new Date(iso).getTime();
  return runWeeklyTick(
    app.core,
    {
      deliver: async ({ memberId, week, kind, text }) => {
        delivered.push({ memberId, week, kind: kind ?? 'checkin', text });
        return 'sent';
      },
      post: async () => 'sent',
    },
    new Date(now),
    { retryDelaysMs: [] },
  );
};
const say = async (memberId: string, text: string, at?: string) => {
  if (at) now = Date.parse(at);
  return (await handleLine(app.commands, app.core, inbound(text, memberId))).text;
};
/** Ticks hourly from `from` to `to`, as a scheduler would (hourly keeps the test quick; the planner catches up within 24 h). */
const tickHourly = async (from: string, to: string) => {
  for (let t = Date.parse(from); t < Date.parse(to); t += 3_600_000) await tick(t);
};
const weeksSent = (memberId: string, kind = 'checkin') => delivered.filter((d) => d.memberId === memberId && d.kind === kind).map((d) => d.week);
const rows = (memberId: string) =>
  app.db.$client.prepare('SELECT week, status FROM checkin_deliveries WHERE member_id = ? ORDER BY week').all(memberId) as { week: string; status: string }[];

describe('/checkin pause and resume', () => {
  it('pauses two calendar weeks across the clock change: the two check-ins in between are passed over, then weekly again', async () => {
    await say('ana', '/profile set track:ml-platform timezone:Europe/London', '2026-03-20T12:00:00Z');
    await say('ana', '/checkin on day:monday time:09:00');
    // Friday 20 March 12:00 GMT + 2 weeks on the calendar = Friday 3 April 12:00 BST (11:00 UTC), not 12:00 UTC.
    const paused = await say('ana', '/checkin pause weeks:2');
    expect(paused).toContain('until Friday 3 April 2026');
    expect(paused).toContain('The next one comes on Monday 6 April 2026 at 09:00 (Europe/London)');
    const status = await say('ana', '/checkin status', '2026-03-25T12:00:00Z');
    expect(status).toContain('Paused until Friday 3 April 2026.');
    expect(status).toContain('Next: Monday 6 April 2026 at 09:00 (Europe/London).');

    await tickHourly('2026-03-20T12:00:00Z', '2026-04-14T00:00:00Z');
    // Monday 23 and 30 March were paused; 6 and 13 April come (09:00 BST = 08:00 UTC).
    expect(weeksSent('ana')).toEqual(['2026-W15', '2026-W16']);
    expect(rows('ana')).toEqual([
      // Monday 16 March was four days before check-ins were turned on: too late, as before.
      { week: '2026-W12', status: 'missed' },
      { week: '2026-W13', status: 'paused' },
      { week: '2026-W14', status: 'paused' },
      { week: '2026-W15', status: 'sent' },
      { week: '2026-W16', status: 'sent' },
    ]);
  });

  it('resume ends a pause early, so the very next check-in comes', async () => {
    await say('bo', '/checkin on day:monday time:09:00 timezone:Europe/London', '2026-03-20T12:00:00Z');
    await say('bo', '/checkin pause weeks:12');
    await tickHourly('2026-03-20T12:00:00Z', '2026-03-24T00:00:00Z');
    expect(weeksSent('bo')).toEqual([]);
    const resumed = await say('bo', '/checkin resume', '2026-03-25T10:00:00Z');
    expect(resumed).toContain('Next: Monday 30 March 2026 at 09:00');
    expect(await say('bo', '/checkin status')).not.toMatch(/Paused/);
    await tickHourly('2026-03-25T10:00:00Z', '2026-03-31T00:00:00Z');
    expect(weeksSent('bo')).toEqual(['2026-W14']);
  });

  it('refuses bad weeks and a pause without check-ins, changing nothing', async () => {
    expect(await say('cy', '/checkin pause weeks:2', '2026-03-20T12:00:00Z')).toMatch(/Check-ins are off, so there is nothing to pause/);
    await say('cy', '/checkin on day:monday time:09:00 timezone:Europe/London');
    for (const bad of ['0', '13', '2.5', 'two']) {
      expect(await say('cy', `/checkin pause weeks:${bad}`)).toMatch(/weeks: must be a whole number of weeks from 1 to 12/);
    }
    expect(app.db.$client.prepare('SELECT paused_until FROM checkin_schedules WHERE member_id = ?').pluck().get('cy')).toBeNull();
    expect(await say('dee', '/checkin resume')).toMatch(/no check-ins to resume/);
  });
});

describe('pivot checkins tick --at after a pause', () => {
  it('passes over the paused week and sends the one after, across the clock change', async () => {
    const env = { DATABASE_PATH: join(tempDir(), 'pivot.db') };
    const seeded = testApp({ DATABASE_PATH: env.DATABASE_PATH }, { llm: null, now: () => Date.parse('2026-03-20T12:00:00Z') });
    for (const line of ['/checkin on day:monday time:09:00 timezone:Europe/London', '/checkin pause weeks:1']) {
      await handleLine(seeded.commands, seeded.core, inbound(line, 'gus'));
    }
    seeded.close();
    const paused = await runCliProcess(['checkins', 'tick', '--at', '2026-03-23T09:05:00Z', '--json'], env);
    expect(JSON.parse(paused.stdout)).toEqual({ sent: [], skipped: [{ member: 'gus', week: '2026-W13', reason: 'paused' }], failed: [] });
    // Monday 30 March 09:05 BST is 08:05 UTC.
    const sent = await runCliProcess(['checkins', 'tick', '--at', '2026-03-30T08:05:00Z', '--json'], env);
    expect(JSON.parse(sent.stdout)).toMatchObject({ sent: [{ member: 'gus', week: '2026-W14' }], skipped: [], failed: [] });
  }, 60_000);
});

describe('backing off when check-ins go unanswered', () => {
  it('every other week after three unanswered (the next one says so), weekly again after a message, and stops after three more', async () => {
    await say('eli', '/profile set track:ml-platform timezone:Europe/London', '2026-03-01T12:00:00Z');
    await say('eli', '/checkin on day:monday time:09:00');
    await tickHourly('2026-03-01T12:00:00Z', '2026-03-24T00:00:00Z');
    // 2, 9 and 16 March unanswered; 23 March (W13) is the off week.
    expect(weeksSent('eli')).toEqual(['2026-W10', '2026-W11', '2026-W12']);
    expect(rows('eli').at(-1)).toEqual({ week: '2026-W13', status: 'quiet' });
    expect(await say('eli', '/checkin status', '2026-03-24T12:00:00Z')).toContain('Every other week for now');
    await tickHourly('2026-03-24T12:00:00Z', '2026-03-31T00:00:00Z');
    const fourth = delivered.at(-1);
    expect(fourth?.week).toBe('2026-W14');
    expect(fourth?.text.split('\n').filter((l) => /every other week/.test(l))).toHaveLength(1);

    // A question to the coach is an answer too: weekly again, and the line is not repeated.
    await say('eli', 'How do I start learning statistics for ML?', '2026-04-01T18:00:00Z');
    await tickHourly('2026-04-01T18:00:00Z', '2026-04-14T00:00:00Z');
    expect(weeksSent('eli').slice(3)).toEqual(['2026-W14', '2026-W15', '2026-W16']);
    expect(delivered.slice(4).some((d) => /every other week/.test(d.text))).toBe(false);

    // Silence again: 6, 13 (sent above) and 20 April unanswered → every other week → 4 May, 18 May, 1 June → the last message.
    await tickHourly('2026-04-14T00:00:00Z', '2026-06-16T00:00:00Z');
    expect(weeksSent('eli').slice(5)).toEqual(['2026-W16', '2026-W17', '2026-W19', '2026-W21', '2026-W23']);
    const last = delivered.at(-1);
    expect(last).toMatchObject({ kind: 'stop', week: '2026-W25' });
    expect(last?.text).toMatch(/last check-in for now[\s\S]*\/checkin resume/);
    expect(await say('eli', '/checkin status', '2026-06-16T12:00:00Z')).toMatch(/Check-ins stopped on Monday 15 June 2026 after 6 went unanswered/);
    await tickHourly('2026-06-16T12:00:00Z', '2026-06-30T00:00:00Z');
    expect(delivered.at(-1)).toBe(last);
    // Resume brings them back weekly.
    await say('eli', '/checkin resume', '2026-06-30T12:00:00Z');
    await tickHourly('2026-06-30T12:00:00Z', '2026-07-07T00:00:00Z');
    expect(delivered.at(-1)).toMatchObject({ kind: 'checkin', week: '2026-W28' });
  });
});

describe('streaks with grace', () => {
  it('steps ISO weeks on the calendar as luxon does, across year ends with 52 and 53 weeks', () => {
    for (let t = Date.UTC(2019, 11, 1); t < Date.UTC(2027, 1, 1); t += 86_400_000) {
      const day = DateTime.fromMillis(t, { zone: 'UTC' });
      for (const k of [1, 2, 5, 53, -1]) expect(weekBefore(weekLabel(day), k), day.toISODate() ?? '').toBe(weekLabel(day.minus({ weeks: k })));
    }
    expect(weekBefore('2021-W01')).toBe('2020-W53');
  });

  it('one skipped or missed week in four does not break a streak; two do', () => {
    const marks = (s: string) => [...s].map((c): WeekMark => (c === 'C' ? 'counted' : c === 'P' ? 'paused' : 'gap'));
    expect(graceStreak(marks('CCCCC'))).toEqual({ counted: 5, weeks: 5 });
    expect(graceStreak(marks('CCGCCGG'))).toEqual({ counted: 4, weeks: 5 });
    expect(graceStreak(marks('GCCCGCG'))).toEqual({ counted: 4, weeks: 6 });
    expect(graceStreak(marks('GCCCGCCCG'))).toEqual({ counted: 6, weeks: 8 });
    expect(graceStreak(marks('CGCGC'))).toEqual({ counted: 2, weeks: 3 });
    expect(graceStreak(marks('CPPCC'))).toEqual({ counted: 3, weeks: 3 });
    expect(graceStreak(marks('GG'))).toEqual({ counted: 0, weeks: 0 });
  });

  it('the check-in says "4 of the last 5 weeks" honestly after one skipped week', async () => {
    await say('fay', '/profile set track:ml-platform timezone:Europe/London', '2026-03-01T12:00:00Z');
    await say('fay', '/checkin on day:monday time:09:00');
    const answer = (week: string, response: string) =>
      app.db.$client.prepare('UPDATE checkin_deliveries SET response = ?, answered_at = ? WHERE member_id = ? AND week = ?').run(response, now, 'fay', week);
    for (const [week, response, until] of [
      ['2026-W10', 'on-track', '2026-03-03T00:00:00Z'],
      ['2026-W11', 'stuck', '2026-03-10T00:00:00Z'],
      ['2026-W12', 'skip', '2026-03-17T00:00:00Z'],
      ['2026-W13', 'on-track', '2026-03-24T00:00:00Z'],
      ['2026-W14', 'on-track', '2026-03-31T00:00:00Z'],
    ] as const) {
      await tickHourly(new Date(now).toISOString(), until);
      answer(week, response);
    }
    await tickHourly(new Date(now).toISOString(), '2026-04-07T00:00:00Z');
    expect(delivered.at(-1)?.week).toBe('2026-W15');
    expect(delivered.at(-1)?.text).toContain('Streak: 4 of the last 5 weeks with progress or a check-in.');
  });
});
