import type { AnswerDeps } from '../answer/answer.ts';
import { composeCheckin } from './content.ts';
import { runReminders } from './reminders.ts';
import { planWeek, readRhythm, STOP_MESSAGE } from './rhythm.ts';
import { decisionsAt } from './schedule.ts';
import {
  claimCheckin,
  enabledSchedules,
  finishWeek,
  markUndeliverable,
  recordMissedWeek,
  type StoredSchedule,
  settledWeeks,
  stopQuietSchedule,
} from './store.ts';

export type DeliveryOutcome = 'sent' | 'undeliverable' | 'failed';

/**
 * Sends one check-in to one member; adapters implement it (Discord DM, terminal outbox). `reclaimed`: an earlier
 * attempt stopped after claiming the week and may have got through, so an adapter that can look should.
 */
export type CheckinDelivery = (message: CheckinMessage) => Promise<DeliveryOutcome>;

/**
 * `kind`: the weekly check-in (default, with its answer buttons and "Remind me in 2 days"), the one reminder
 * asked for (answer buttons only), or the last message before check-ins stop (no buttons).
 */
export type CheckinMessage = { memberId: string; week: string; text: string; reclaimed?: boolean; kind?: 'checkin' | 'reminder' | 'stop' };

export type TickReport = {
  sent: { member: string; week: string; text: string }[];
  skipped: { member: string; week: string; reason: string }[];
  failed: { member: string; week: string; reason: string }[];
};

export type TickOptions = { retryDelaysMs?: number[]; concurrency?: number };

const DEFAULT_RETRY_DELAYS_MS = [1000, 4000];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One planner tick: every enabled schedule whose latest check-in (this week's,
 * or last week's when this week's is still ahead) is not yet handled is
 * claimed (exactly once across processes), composed, delivered with retries,
 * and recorded. More than 24 h late: recorded as missed.
 */
export async function runCheckinTick(deps: AnswerDeps, deliver: CheckinDelivery, now: Date, options: TickOptions = {}): Promise<TickReport> {
  const report: TickReport = { sent: [], skipped: [], failed: [] };
  const at = now.getTime();
  const work: { schedule: StoredSchedule; week: string }[] = [];
  const decideNow = decisionsAt(now);
  const planned = enabledSchedules(deps.db).flatMap((schedule) => {
    const decision = decideNow(schedule);
    return decision ? [{ schedule, decision }] : [];
  });
  const settled = settledWeeks(deps.db, [...new Set(planned.map((p) => p.decision.week))]);
  for (const { schedule, decision } of planned) {
    if (settled.has(`${schedule.memberId} ${decision.week}`)) continue;
    if (decision.action === 'miss') {
      if (recordMissedWeek(deps.db, schedule.memberId, decision.week, at)) {
        report.skipped.push({ member: schedule.memberId, week: decision.week, reason: `missed: ${Math.round(decision.lateMs / 3_600_000)} h late` });
      }
      continue;
    }
    if (schedule.pausedUntil !== null && decision.dueAt.getTime() < schedule.pausedUntil) {
      if (recordMissedWeek(deps.db, schedule.memberId, decision.week, at, 'paused')) {
        report.skipped.push({ member: schedule.memberId, week: decision.week, reason: 'paused' });
      }
      continue;
    }
    work.push({ schedule, week: decision.week });
  }

  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const deliverOne = async ({ schedule, week }: { schedule: StoredSchedule; week: string }) => {
    const { memberId } = schedule;
    const plan = planWeek(readRhythm(deps.db, schedule), week);
    if (plan.action === 'quiet') {
      if (recordMissedWeek(deps.db, memberId, week, at, 'quiet')) report.skipped.push({ member: memberId, week, reason: 'every other week: unanswered' });
      return;
    }
    // Claimed right before sending, not at the start of the tick: a long tick
    // never leaves claims waiting long enough to look stuck to another process.
    const claim = claimCheckin(deps.db, memberId, week, deps.now());
    if (!claim) return;
    const kind = plan.action === 'stop' ? 'stop' : 'checkin';
    const text = plan.action === 'stop' ? STOP_MESSAGE : composeCheckin(deps, memberId, at, { week, timezone: schedule.timezone, backingOff: plan.backingOff });
    const outcome = await deliverWithRetries(deps, deliver, { memberId, week, text, kind, reclaimed: claim === 'reclaimed' }, delays);
    if (plan.action === 'stop' && outcome === 'sent') stopQuietSchedule(deps.db, memberId, deps.now());
    finishWeek(deps.db, memberId, week, { status: plan.action === 'stop' && outcome === 'sent' ? 'stopped' : outcome, text }, deps.now());
    if (outcome === 'sent') report.sent.push({ member: memberId, week, text });
    else if (outcome === 'undeliverable') {
      markUndeliverable(deps.db, memberId, deps.now());
      report.failed.push({ member: memberId, week, reason: 'DMs closed: check-ins turned off' });
    } else report.failed.push({ member: memberId, week, reason: 'delivery failed after retries' });
  };

  const concurrency = Math.max(1, options.concurrency ?? 8);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, work.length) }, async () => {
      while (next < work.length) {
        const item = work[next++];
        if (item) await deliverOne(item);
      }
    }),
  );
  await runReminders(deps, deliver, now, report, delays);
  return report;
}

/** One message, delivered with retries; an adapter that throws counts as a failed attempt. */
export async function deliverWithRetries(deps: AnswerDeps, deliver: CheckinDelivery, message: CheckinMessage, delays: number[]): Promise<DeliveryOutcome> {
  let outcome: DeliveryOutcome = 'failed';
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    try {
      outcome = await deliver({ ...message, reclaimed: message.reclaimed || attempt > 0 });
    } catch (error) {
      deps.log.warn({ memberId: message.memberId, week: message.week, err: error instanceof Error ? error.message : String(error) }, 'check-in delivery threw');
      outcome = 'failed';
    }
    if (outcome !== 'failed') break;
    const delay = delays[attempt];
    if (delay !== undefined) await sleep(delay);
  }
  return outcome;
}
