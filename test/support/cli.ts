import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs the real `pivot` CLI in a child process, as an operator would, with no stdin. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'pivot-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
