import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimCheckin, getSchedule, STUCK_CLAIM_MS, saveSchedule } from '../../src/checkins/store.ts';
import { type CheckinDelivery, runCheckinTick } from '../../src/checkins/tick.ts';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { inbound, testApp } from '../support/app.ts';
import { tempDir } from '../support/cli.ts';

const MONDAY_0905 = new Date('2026-11-30T09:05:00Z');
let now = MONDAY_0905.getTime();
let app: App;
beforeEach(() => {
  now = MONDAY_0905.getTime();
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => now });
});
afterEach(() => app.close());

const recorder = (outcome: (memberId: string, attempt: number) => 'sent' | 'failed' | 'undeliverable' = () => 'sent') => {
  const calls: { memberId: string; week: string; text: string }[] = [];
  const deliver: CheckinDelivery = async (message) => {
    calls.push(message);
    return outcome(message.memberId, calls.filter((c) => c.memberId === message.memberId).length);
  };
  return { calls, deliver };
};
const schedule = (memberId: string) => saveSchedule(app.db, memberId, { weekday: 1, time: '09:00', timezone: 'Europe/London' }, now);

describe('check-in ticks', () => {
  it('sends only to members who opted in, once per week, with personal content', async () => {
    await handleLine(app.commands, app.core, inbound('/profile set track:ml-platform timezone:Europe/London', 'ava'));
    await handleLine(app.commands, app.core, inbound('/checkin on day:monday time:09:00', 'ava'));
    await handleLine(app.commands, app.core, inbound('/profile set track:applied-ml', 'bo'));
    const { calls, deliver } = recorder();
    const first = await runCheckinTick(app.core, deliver, MONDAY_0905);
    expect(first.sent.map((s) => s.member)).toEqual(['ava']);
    expect(first.sent[0]?.week).toBe('2026-W49');
    expect(calls[0]?.text).toMatch(/Weekly check-in: .*\nProgress .*\n/);
    expect(calls[0]?.text).toContain(app.core.roadmaps.milestones('ml-platform')[0]?.id ?? '?');
    expect((await runCheckinTick(app.core, deliver, new Date(MONDAY_0905.getTime() + 60_000))).sent).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('retries failed sends with backoff and records a miss when more than 24 hours late', async () => {
    schedule('cy');
    const { calls, deliver } = recorder((_, attempt) => (attempt < 3 ? 'failed' : 'sent'));
    const report = await runCheckinTick(app.core, deliver, MONDAY_0905, { retryDelaysMs: [1, 1] });
    expect(report.sent.map((s) => s.member)).toEqual(['cy']);
    expect(calls).toHaveLength(3);

    schedule('dee');
    const late = await runCheckinTick(app.core, recorder().deliver, new Date('2026-12-01T15:05:00Z'));
    expect(late.skipped).toEqual([{ member: 'dee', week: '2026-W49', reason: 'missed: 30 h late' }]);
  });

  it('never sends twice after a crash between claim and send, and retries a stuck claim once', async () => {
    schedule('eli');
    expect(claimCheckin(app.db, 'eli', '2026-W49', now)).toBe('claimed');
    const { calls, deliver } = recorder();
    now += 60_000;
    expect((await runCheckinTick(app.core, deliver, new Date(now))).sent).toEqual([]);
    now += STUCK_CLAIM_MS;
    const retried = await runCheckinTick(app.core, deliver, new Date(now));
    expect(retried.sent.map((s) => s.member)).toEqual(['eli']);
    now += STUCK_CLAIM_MS;
    expect((await runCheckinTick(app.core, deliver, new Date(now))).sent).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('turns check-ins off when DMs are closed and tells the member next time', async () => {
    schedule('fay');
    const report = await runCheckinTick(app.core, recorder(() => 'undeliverable').deliver, MONDAY_0905);
    expect(report.failed).toEqual([{ member: 'fay', week: '2026-W49', reason: 'DMs closed: check-ins turned off' }]);
    expect(getSchedule(app.db, 'fay')?.enabled).toBe(false);
    const next = await handleLine(app.commands, app.core, inbound('/checkin status', 'fay'));
    expect(next.text).toMatch(/could not be delivered because your DMs are closed/);
    expect((await handleLine(app.commands, app.core, inbound('/checkin status', 'fay'))).text).not.toMatch(/DMs are closed/);
  });

  it('validates /checkin options and needs a timezone', async () => {
    expect((await handleLine(app.commands, app.core, inbound('/checkin on day:funday time:25:00', 'gus'))).text).toMatch(
      /day: must be one of monday[\s\S]*time: must be a 24-hour time/,
    );
    expect((await handleLine(app.commands, app.core, inbound('/checkin on day:monday time:09:00', 'gus'))).text).toMatch(/Which timezone/);
    expect((await handleLine(app.commands, app.core, inbound('/checkin on day:monday time:09:00 timezone:Mars/Base', 'gus'))).text).toMatch(
      /timezone: must be an IANA/,
    );
    expect(getSchedule(app.db, 'gus')).toBeUndefined();
  });
});

describe('pivot checkins tick', () => {
  const root = resolve(import.meta.dirname, '../..');
  const tickAsync = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'checkins', 'tick', '--at', '2026-11-30T09:05:00Z', '--json'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
      });
      child.on('close', (code) => done({ code, stdout }));
    });

  it('two processes ticking the same instant on one database send each check-in once', async () => {
    const env = { DATABASE_PATH: join(tempDir(), 'pivot.db') };
    const seeded = testApp({ DATABASE_PATH: env.DATABASE_PATH }, { llm: null });
    for (let i = 0; i < 12; i++) {
      saveSchedule(seeded.db, `member-${i}`, { weekday: 1, time: '09:00', timezone: 'Europe/London' }, Date.now());
    }
    seeded.close();
    const [a, b] = await Promise.all([tickAsync(env), tickAsync(env)]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const reports = [JSON.parse(a.stdout), JSON.parse(b.stdout)] as { sent: { member: string; week: string; text: string }[] }[];
    const sent = reports.flatMap((r) => r.sent.map((s) => s.member)).sort();
    expect(sent).toEqual(Array.from({ length: 12 }, (_, i) => `member-${i}`).sort());
    expect(Object.keys(reports[0] ?? {}).sort()).toEqual(['failed', 'sent', 'skipped']);
  }, 60_000);
});
