// Weekly check-ins at scale. (1) Planning one tick for N members (planning, claims, composing and recording; the
// delivery itself is a no-op). (2) Delivering N due check-ins as DMs through the loopback Discord while it enforces
// a global REST rate limit; lost and duplicated check-ins are counted from the DMs the fake received, not from the
// planner's report. CHECKIN_BENCH_MEMBERS overrides N (default 10,000) for quick runs.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events } from 'discord.js';
import { DateTime } from 'luxon';
import { type CheckinSchedule, occurrenceFor } from '../src/checkins/schedule.ts';
import { claimWeek, finishWeek, saveSchedule } from '../src/checkins/store.ts';
import { type CheckinDelivery, runCheckinTick } from '../src/checkins/tick.ts';
import { parseConfig } from '../src/config.ts';
import { discordCheckinDelivery } from '../src/discord/checkin-delivery.ts';
import { createDiscordClient } from '../src/discord/client.ts';
import { createLogger } from '../src/log.ts';
import { type App, createApp } from '../src/main.ts';
import { TRACKS } from '../src/members/roadmap.ts';
import { markMilestoneDone, updateProfile } from '../src/members/store.ts';
import { startFakeDiscord } from '../test/support/fake-discord.ts';
import { seededRandom } from './support.ts';

const MEMBERS = Number(process.env.CHECKIN_BENCH_MEMBERS ?? 10_000);
if (!Number.isInteger(MEMBERS) || MEMBERS < 1) throw new Error(`CHECKIN_BENCH_MEMBERS must be a whole number >= 1 (got ${process.env.CHECKIN_BENCH_MEMBERS})`);
const RATE_LIMIT_PER_SECOND = 50;
const CONCURRENCY = 50;
const TARGET_MS = 10 * 60 * 1000;
const PROGRESS_EVERY_MS = 10_000;
/** A Thursday afternoon in UTC: every zone below is mid-week, and none changes its clocks that week. */
const TICK = new Date('2026-03-12T14:00:00Z');
const ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'Europe/Warsaw',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
];


const memberId = (i: number) => `3${String(i).padStart(17, '0')}`;

type Kind = 'due' | 'late' | 'missed' | 'handled' | 'later';
/**
 * A steady-state week: some members' check-ins fall due now, a few are hours late (the bot was down), a few are past
 * the 24 h catch-up window, many were already sent earlier this week and the rest are later in the week.
 */
const REALISTIC: [Kind, number][] = [
  ['due', 0.1],
  ['late', 0.05],
  ['missed', 0.05],
  ['handled', 0.4],
  ['later', 0.4],
];

function pickKind(mix: [Kind, number][], r: number): Kind {
  let acc = 0;
  for (const [kind, share] of mix) {
    acc += share;
    if (r < acc) return kind;
  }
  return mix.at(-1)?.[0] ?? 'due';
}

/** A local due time for `kind`, always inside the member's current ISO week. */
function dueTime(kind: Kind, zone: string, rnd: () => number): DateTime {
  const now = DateTime.fromJSDate(TICK, { zone });
  const weekStart = now.startOf('week');
  const weekEnd = now.endOf('week');
  const between = (from: DateTime, to: DateTime) => DateTime.fromMillis(from.toMillis() + rnd() * Math.max(0, to.toMillis() - from.toMillis()), { zone });
  switch (kind) {
    case 'due':
      return now.minus({ minutes: 1 + Math.floor(rnd() * 59) });
    case 'late':
      return now.minus({ hours: 1 + rnd() * 22 });
    case 'missed':
    case 'handled': {
      const latest = now.minus({ hours: 25 });
      return latest < weekStart ? weekStart : between(weekStart, latest);
    }
    case 'later':
      return between(now.plus({ hours: 1 }), weekEnd.minus({ minutes: 1 }));
  }
}

/**
 * Seeds `count` schedules in one transaction. About 70 % of members have a profile with a track and a few
 * milestones done, so composing uses the roadmap; the rest get the generic check-in.
 */
function seed(app: App, count: number, mix: [Kind, number][]): Record<Kind, number> {
  const rnd = seededRandom(20260312);
  const db = app.db;
  const at = TICK.getTime();
  const kinds: Record<Kind, number> = { due: 0, late: 0, missed: 0, handled: 0, later: 0 };
  db.$client.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = memberId(i);
      const zone = ZONES[i % ZONES.length] ?? 'UTC';
      const kind = pickKind(mix, rnd());
      kinds[kind]++;
      const due = dueTime(kind, zone, rnd);
      const schedule: CheckinSchedule = { weekday: due.weekday, time: due.toFormat('HH:mm'), timezone: zone };
      saveSchedule(db, id, schedule, at - 14 * 24 * 3_600_000);
      if (rnd() < 0.7) {
        const track = TRACKS[i % TRACKS.length] ?? 'ml-platform';
        updateProfile(db, id, { track, timezone: zone, hours: 5 + (i % 15) }, at - 30 * 24 * 3_600_000);
        const milestones = app.core.roadmaps.milestones(track);
        const done = Math.floor(rnd() * 6);
        for (const [n, m] of milestones.slice(0, done).entries()) markMilestoneDone(db, id, m.id, at - (done - n) * 5 * 24 * 3_600_000);
      }
      if (kind === 'handled') {
        const { week } = occurrenceFor(schedule, TICK);
        const sentAt = due.toMillis();
        claimWeek(db, id, week, sentAt);
        finishWeek(db, id, week, { status: 'sent', text: 'Weekly check-in (sent earlier this week)' }, sentAt);
      }
    }
  })();
  return kinds;
}

const dir = mkdtempSync(join(tmpdir(), 'pivot-checkin-bench-'));
let dbCount = 0;
function freshApp(): App {
  dbCount++;
  return createApp({
    config: parseConfig({ DATABASE_PATH: join(dir, `bench-${dbCount}.db`), LOG_LEVEL: 'silent' }),
    log: createLogger('silent'),
    llm: null,
  });
}

const n = (value: number) => value.toLocaleString('en-GB');

try {
  // ---------------------------------------------------------------- 1. planning
  for (const [label, mix] of [
    ['realistic mix', REALISTIC],
    ['all due now', [['due', 1]]],
  ] as [string, [Kind, number][]][]) {
    const app = freshApp();
    const kinds = seed(app, MEMBERS, mix);
    const noop: CheckinDelivery = async () => 'sent';
    const started = performance.now();
    const report = await runCheckinTick(app.core, noop, TICK);
    const ms = performance.now() - started;
    const shares = Object.entries(kinds)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${kind} ${n(count)}`)
      .join(', ');
    console.log(
      `check-in tick planning, ${n(MEMBERS)} members (${label}: ${shares}): ${ms.toFixed(0)} ms, ${((ms * 1000) / MEMBERS).toFixed(1)} µs/member` +
        ` (sent ${n(report.sent.length)}, missed ${n(report.skipped.length)}, failed ${n(report.failed.length)})`,
    );
    app.close();
  }

  // ---------------------------------------------------------------- 2. delivery through the loopback Discord
  const fake = await startFakeDiscord({ rateLimit: { perSecond: RATE_LIMIT_PER_SECOND } });
  const app = freshApp();
  seed(app, MEMBERS, [['due', 1]]);
  const client = createDiscordClient({ token: fake.token, appId: fake.appId, apiURL: fake.apiURL });
  try {
    const ready = once(client, Events.ClientReady);
    await client.login(fake.token);
    await ready;

    const deliver = discordCheckinDelivery(client);
    let delivered = 0;
    const counting: CheckinDelivery = async (message) => {
      const outcome = await deliver(message);
      if (outcome === 'sent') delivered++;
      return outcome;
    };
    const started = performance.now();
    const progress = setInterval(() => {
      const s = (performance.now() - started) / 1000;
      process.stderr.write(
        `  check-in delivery: ${n(delivered)}/${n(MEMBERS)} delivered after ${s.toFixed(0)} s (${(delivered / s).toFixed(1)}/s), ${n(fake.rateLimited())} 429s\n`,
      );
    }, PROGRESS_EVERY_MS);
    let report: Awaited<ReturnType<typeof runCheckinTick>>;
    try {
      report = await runCheckinTick(app.core, counting, TICK, { concurrency: CONCURRENCY });
    } finally {
      clearInterval(progress);
    }
    const ms = performance.now() - started;

    // What the members actually got: the bot's check-in messages per DM recipient, as the fake recorded them.
    const members = new Set(Array.from({ length: MEMBERS }, (_, i) => memberId(i)));
    const perMember = new Map<string, number>();
    for (const message of fake.botMessages()) {
      if (message.via !== 'channel' || !message.channelId) continue;
      const recipient = fake.dmRecipient(message.channelId);
      if (!recipient || !members.has(recipient) || !message.content.startsWith('Weekly check-in')) continue;
      perMember.set(recipient, (perMember.get(recipient) ?? 0) + 1);
    }
    const exactlyOnce = [...perMember.values()].filter((count) => count === 1).length;
    const duplicated = [...perMember.values()].filter((count) => count > 1).length;
    const none = MEMBERS - perMember.size;
    const restCalls = fake.calls.filter((c) => c.status !== 429).length;

    console.log(
      `check-in delivery, ${n(MEMBERS)} DMs via loopback Discord at ${RATE_LIMIT_PER_SECOND} REST req/s (concurrency ${CONCURRENCY}): ` +
        `${(ms / 1000).toFixed(1)} s (${((MEMBERS * 1000) / ms).toFixed(1)} check-ins/s; target ${n(MEMBERS)} within ${TARGET_MS / 60_000} min: ${ms <= TARGET_MS ? 'met' : 'MISSED'})`,
    );
    console.log(
      `  REST calls accepted ${n(restCalls)} (${(restCalls / MEMBERS).toFixed(2)}/check-in), 429s ${n(fake.rateLimited())}; ` +
        `delivered ${n(delivered)} (report: sent ${n(report.sent.length)}, failed ${n(report.failed.length)}); ` +
        `lost ${n(MEMBERS - exactlyOnce)} (none at all ${n(none)}), duplicated ${n(duplicated)}`,
    );
  } finally {
    await client.destroy();
    app.close();
    await fake.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
