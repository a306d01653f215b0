import type { AnswerDeps } from '../answer/answer.ts';
import { type CheckinDelivery, runCheckinTick, type TickOptions, type TickReport } from '../checkins/tick.ts';
import { countCheckins } from '../core/metrics.ts';
import type { GroupDeps } from '../groups/deps.ts';
import { type DigestPoster, runGroupDigests } from '../groups/tick.ts';

/** One planner tick: members' check-ins, then study-group digests. */
export async function runWeeklyTick(
  deps: AnswerDeps & GroupDeps,
  outlets: { deliver: CheckinDelivery; post: DigestPoster },
  now: Date,
  options?: TickOptions,
): Promise<TickReport> {
  const report = await runCheckinTick(deps, outlets.deliver, now, options);
  countCheckins('sent', report.sent.length);
  countCheckins('failed', report.failed.length);
  countCheckins('missed', report.skipped.filter((s) => s.reason.startsWith('missed')).length);
  await runGroupDigests(deps, outlets.post, now, report);
  return report;
}
