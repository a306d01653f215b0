import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** A process started from a script in this folder, stepping through shared barriers. */
export type Child = {
  /** Resolves when the child has printed `stage` (or has exited). */
  reached(stage: string): Promise<void>;
  go(): void;
  /** The JSON the child printed last; rejects if it exited otherwise. */
  report: Promise<unknown>;
  /** Ends the child if it is still running (a test that failed half-way). */
  stop(): void;
};

const running = new Set<() => void>();

/** Ends every child still running; for afterEach, so a failed test leaves no process waiting at a barrier. */
export function stopChildren(): void {
  for (const stop of running) stop();
}

export function startChild(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, script), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  child.stdin.on('error', () => {});
  const stop = () => {
    if (!exited) child.kill();
  };
  running.add(stop);
  const report = new Promise<unknown>((resolveReport, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      exited = true;
      running.delete(stop);
      notify();
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${stderr || stdout}`));
      else resolveReport(JSON.parse(line));
    });
  });
  // Awaited by the test; this branch only keeps a second failing child from being reported as unhandled.
  report.catch(() => {});
  return {
    stop,
    reached: (stage) =>
      new Promise<void>((resolveStage) => {
        const check = () => {
          if (!exited && !stdout.split('\n').includes(stage)) return;
          listeners.delete(check);
          resolveStage();
        };
        listeners.add(check);
        check();
      }),
    go: () => child.stdin.write('go\n'),
    report,
  };
}

/** Waits until every child reached `stage`, then lets them all go at once. */
export async function together(children: Child[], stage: string): Promise<void> {
  await Promise.all(children.map((c) => c.reached(stage)));
  for (const c of children) c.go();
}
