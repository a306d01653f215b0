import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { runCli, runCliProcess, tempDir } from './support/cli.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NO_STACK = /\n\s+at /;

describe('configuration problems, through the CLI', () => {
  it('reports every problem at once, cross-field ones included, each line once, and never a secret', async () => {
    // End to end: the process's own stderr and exit code.
    const result = await runCliProcess(['search', 'salary'], {
      DISCORD_TOKEN: 'secret-token-value',
      LOG_LEVEL: 'loud',
      OPENAI_BASE_URL: 'ftp://models.example/v1',
      DISCORD_API_URL: 'file:///etc/passwd',
      COACH_CHANNEL_IDS: 'general,random',
      OPENAI_TIMEOUT_MS: '0x400',
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(
      lines
        .slice(1)
        .map((l) => l.replace(/^ {2}- (\w+):.*$/, '$1'))
        .sort(),
    ).toEqual(['COACH_CHANNEL_IDS', 'DISCORD_API_URL', 'DISCORD_APP_ID', 'LOG_LEVEL', 'OPENAI_BASE_URL', 'OPENAI_TIMEOUT_MS'].sort());
    expect(result.stderr).toContain('OPENAI_BASE_URL: must be an http:// or https:// URL');
    expect(result.stderr).toContain('DISCORD_API_URL: must be an http:// or https:// URL');
    expect(result.stderr).toContain('DISCORD_APP_ID: is required when DISCORD_TOKEN is set');
    expect(result.stderr).not.toContain('secret-token-value');
    expect(result.stderr).not.toMatch(NO_STACK);
  }, 120_000);

  it('refuses a DATABASE_PATH that is a directory with a clear message and exit 2', async () => {
    const dir = tempDir();
    const result = await runCli(['ingest', '--json'], { DATABASE_PATH: dir });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`Cannot use the database at ${dir}: it is a directory`);
    expect(result.stderr).not.toMatch(NO_STACK);
  }, 120_000);

  // As root the CLI runs as nobody, which needs every folder above the project open to others.
  it.skipIf(process.getuid?.() === 0 && !othersCanReach(ROOT))(
    'refuses a read-only database with a clear message and exit 2',
    async () => {
      const dir = tempDir();
      const path = join(dir, 'pivot.db');
      openDatabase(path).$client.close();
      for (const leftover of ['-wal', '-shm']) rmSync(`${path}${leftover}`, { force: true });
      // Read-only for everyone but its owner; as root (who ignores permissions) the CLI runs as nobody.
      chmodSync(path, 0o444);
      chmodSync(dir, 0o555);
      const asRoot = process.getuid?.() === 0;
      const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'ingest', '--json'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'warn', DATABASE_PATH: path },
        encoding: 'utf8',
        timeout: 120_000,
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      chmodSync(dir, 0o755);
      expect({ code: result.status, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
      expect(result.stderr).toContain(`Cannot use the database at ${path}: it is read-only`);
      expect(result.stderr).not.toMatch(NO_STACK);
    },
    180_000,
  );

  it('stops with a clear error when the database file is deleted while it runs', async () => {
    const dir = tempDir();
    const path = join(dir, 'pivot.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'chat', '--member', 'kim'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', DATABASE_PATH: path },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    let code: number | null | undefined;
    const exited = new Promise<void>((done) =>
      child.on('close', (status) => {
        code = status;
        done();
      }),
    );
    try {
      child.stdin.write('/profile set years:6\n');
      while (!stdout.includes('Updated years') && code === undefined) await new Promise((r) => setTimeout(r, 50));
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      // Stdin stays open: only the lost file may end the chat.
      await exited;
    } finally {
      if (code === undefined) child.kill();
    }
    expect(existsSync(path)).toBe(false);
    expect(code).toBe(1);
    expect(stderr).toContain(`The database file ${path} was deleted while Pivot was running; stopping`);
    expect(stderr).not.toMatch(NO_STACK);
  }, 180_000);
});

/** Whether a user with no rights of their own can reach and read `path` (every folder above it searchable by others). */
function othersCanReach(path: string): boolean {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}
