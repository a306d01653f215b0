/**
 * One of several processes writing to the same database file at once (run by
 * concurrent-writers.test.ts). Two barriers (see barrier.ts) make every
 * process open the fresh file together, then start writing together: it opens
 * the app as production does, then plays rounds of what members do. Prints
 * one JSON report; every failure is in it, none thrown.
 *
 * Usage: node --import tsx writer.ts <database file> <worker id> <rounds>
 */
import { claimCheckin, finishWeek } from '../../../src/checkins/store.ts';
import { handleLine } from '../../../src/commands/dispatch.ts';
import { parseConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { createApp } from '../../../src/main.ts';
import { barrier, report as printReport } from './barrier.ts';

export type WriterReport = {
  worker: string;
  started: boolean;
  failures: { step: string; code?: string; message: string }[];
  claimed: string[];
};

const [databasePath = '', worker = '', roundsArg = '0'] = process.argv.slice(2);
const report: WriterReport = { worker, started: false, failures: [], claimed: [] };

const failure = (step: string, error: unknown) => ({
  step,
  code: (error as { code?: string }).code,
  message: error instanceof Error ? error.message : String(error),
});

try {
  await barrier('loaded');
  const config = parseConfig({ DATABASE_PATH: databasePath, LOG_LEVEL: 'silent', MEMBER_MESSAGES_PER_MINUTE: '1000' });
  const app = createApp({ config, log: createLogger('silent'), llm: null });
  report.started = true;
  await barrier('ready');

  const member = `member-${worker}`;
  const say = async (step: string, memberId: string, text: string) => {
    try {
      await handleLine(app.commands, app.core, { memberId, origin: { kind: 'dm', conversationId: `dm:${memberId}` }, text });
    } catch (error) {
      report.failures.push(failure(step, error));
    }
  };
  for (let round = 1; round <= Number(roundsArg); round++) {
    await say('question', member, `How long does the switch to ML take? (${worker}-${round})`);
    await say('project', member, `/project add name:"Project ${worker}-${round}"`);
    await say('profile', member, `/profile set years:${round % 50}`);
    await say('undo', member, '/undo');
    await say('shared profile', 'shared', `/profile set hours:${(round % 80) + 1}`);
    const week = `2026-W${String(round).padStart(2, '0')}`;
    try {
      // A claimed week is sent and marked at once, as the planner does; a claim left "sending" by a writer that has
      // exited would rightly be taken over as a crashed one.
      if (claimCheckin(app.db, 'shared', week, Date.now())) {
        report.claimed.push(week);
        finishWeek(app.db, 'shared', week, { status: 'sent', text: 'check-in' }, Date.now());
      }
    } catch (error) {
      report.failures.push(failure('claim', error));
    }
  }
  app.close();
} catch (error) {
  report.failures.push(failure('start', error));
}
printReport(report);
