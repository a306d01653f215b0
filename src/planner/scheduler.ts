import cron from 'node-cron';
import type { AnswerDeps } from '../answer/answer.ts';
import type { CheckinDelivery } from '../checkins/tick.ts';
import type { GroupDeps } from '../groups/deps.ts';
import type { DigestPoster } from '../groups/tick.ts';
import { runWeeklyTick } from './weekly.ts';

/** One cron job calls the planner with the current time; a tick still running makes the next one wait. */
export function startCheckinScheduler(
  deps: AnswerDeps & GroupDeps,
  outlets: { deliver: CheckinDelivery; post: DigestPoster },
  expression: string,
): { stop(): void } {
  let running = false;
  const task = cron.schedule(expression, async () => {
    if (running) return;
    running = true;
    try {
      const report = await runWeeklyTick(deps, outlets, new Date(deps.now()));
      if (report.sent.length || report.failed.length || report.skipped.length) {
        deps.log.info({ sent: report.sent.length, skipped: report.skipped.length, failed: report.failed.length }, 'check-in tick');
      }
    } catch (error) {
      deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'check-in tick failed');
    } finally {
      running = false;
    }
  });
  return { stop: () => void task.stop() };
}
