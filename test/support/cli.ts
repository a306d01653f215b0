import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs the real `pivot` CLI in a child process, as an operator would, with no stdin. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT, input = ''): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'pivot-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Like runCli, but without blocking this process, so a loopback fake here can answer the child. `preload`: modules
 * the child imports before the CLI (after tsx).
 */
export function runCliAsync(args: string[], env: Record<string, string> = {}, input = '', preload: string[] = []): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const imports = preload.flatMap((path) => ['--import', path]);
    const child = spawn(process.execPath, ['--import', 'tsx', ...imports, join(ROOT, 'src/cli.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    });
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
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
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
    async waitForLog(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!stderr.includes(text)) {
        if (done) throw new Error(`pivot exited before logging "${text}":\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`pivot did not log "${text}" within ${timeoutMs} ms:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    kill(signal) {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}
