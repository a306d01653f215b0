import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** The environment a CLI run sees: nothing of this process's own, only what the test gives (logs at warn). */
const cliEnv = (env: Record<string, string>, logLevel = 'warn') => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  LOG_LEVEL: logLevel,
  ...env,
});

/** Collects what is written to it, as a terminal would show it. */
function capture(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * Runs the `pivot` CLI's `main` in this process, as an operator would run the command: `input` is its stdin,
 * stdout and stderr are captured, and the exit code is returned (nothing exits this process).
 */
export async function runCli(args: string[], env: Record<string, string> = {}, input = ''): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, {
    env: cliEnv(env),
    stdin: Readable.from(input ? [input] : []),
    stdout: stdout.stream,
    stderr: stderr.stream,
    onDatabaseLost: (message) => {
      throw new Error(`the database was lost during an in-process CLI run: ${message}`);
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

export function tempDir(prefix = 'pivot-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The real `pivot` command in a child process, end to end (Node, the TypeScript loader, the entry point, the exit
 * code the process ends with). Most tests use runCli; these few prove the process itself. `preload`: modules the
 * child imports before the CLI (after tsx).
 */
export function runCliProcess(args: string[], env: Record<string, string> = {}, input = '', preload: string[] = []): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const imports = preload.flatMap((path) => ['--import', path]);
    const child = spawn(process.execPath, ['--import', 'tsx', ...imports, join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A long-running `pivot` child process (e.g. `run`), for tests that stop or kill it. */
export type CliProcess = {
  pid: number | undefined;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr (the JSON logs) contains `text`; rejects if the process exits or the time runs out first. */
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
};

export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: cliEnv(env, 'info'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let done = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolvePromise) =>
    child.on('close', (code) => {
      done = true;
      resolvePromise(code);
    }),
  );
  return {
    pid: child.pid,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForLog(text, timeoutMs = 30_000) {
      // Checked on every chunk the process writes and when it ends: no polling.
      return new Promise<void>((resolvePromise, reject) => {
        const check = () => {
          if (stderr.includes(text)) finish();
          else if (done) finish(new Error(`pivot exited before logging "${text}":\n${stderr}`));
        };
        const timer = setTimeout(() => finish(new Error(`pivot did not log "${text}" within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
        const finish = (error?: Error) => {
          clearTimeout(timer);
          child.stderr.off('data', check);
          child.off('close', check);
          if (error) reject(error);
          else resolvePromise();
        };
        child.stderr.on('data', check);
        child.on('close', check);
        check();
      });
    },
    exited,
    kill(signal) {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}
