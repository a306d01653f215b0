import type { Logger } from '../log.ts';

/** How long a shutdown may take from the first signal to the end of the process. */
export const SHUTDOWN_MS = 10_000;
/** Kept back from the answers in flight for disconnecting, closing the database and exiting. */
const CLOSING_MS = 2_000;

/**
 * Resolves with the first SIGINT or SIGTERM. The listeners stay for the life
 * of the process: a signal sent to the whole process group (Ctrl-C, systemd's
 * stop) reaches Pivot more than once, because npm and the TypeScript launcher
 * relay it, and a signal that finds no listener kills the process mid-way
 * through its shutdown. Later signals are logged and ignored.
 */
export function firstShutdownSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.info({ signal }, 'already shutting down; signal ignored');
        return;
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * Stops the service within SHUTDOWN_MS: `stop` gets what is left of it after
 * closing time is kept back, the database is closed, and the process ends even
 * when something still holds it open (a model call that never answers). Should
 * `stop` itself hang, the deadline closes the database and exits with 1.
 */
export async function shutDown(log: Logger, steps: { stop(budgetMs: number): Promise<void>; closeDatabase(): void }): Promise<void> {
  const deadline = setTimeout(() => {
    log.error({ ms: SHUTDOWN_MS }, 'shutdown did not finish in time; exiting');
    steps.closeDatabase();
    process.exit(1);
  }, SHUTDOWN_MS);
  deadline.unref();
  try {
    await steps.stop(SHUTDOWN_MS - CLOSING_MS);
  } catch (error) {
    log.error({ err: String(error) }, 'error while stopping');
  } finally {
    steps.closeDatabase();
    log.info('database closed');
    clearTimeout(deadline);
  }
  // Whatever still runs (a hung request, a login in progress) has nothing left to write to; the exit code is set by then.
  setTimeout(() => process.exit(), CLOSING_MS / 2).unref();
}
