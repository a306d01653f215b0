import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../support/fake-openai.ts';
import { until } from '../support/wait.ts';

// `npm start` as an operator runs it: in its own process group, stopped by a signal to the whole group
// (Ctrl-C in a terminal, systemd's default stop), so npm and Pivot both get it, and npm relays it to Pivot again.

const ROOT = resolve(import.meta.dirname, '../..');
/** Child processes start slowly on a busy machine. */
const CHILD_WAIT_MS = 60_000;

type Started = { child: ChildProcess; stderr: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

let fake: FakeDiscord | undefined;
let openai: FakeOpenAi | undefined;
let started: Started | undefined;

afterEach(async () => {
  if (started?.child.exitCode === null && started.child.signalCode === null && started.child.pid) {
    process.kill(-started.child.pid, 'SIGKILL');
    await started.exited;
  }
  started = undefined;
  await fake?.close();
  await openai?.close();
  fake = undefined;
  openai = undefined;
});

function npmStart(env: Record<string, string>): Started {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', CHECKIN_CRON: '0 0 1 1 *', ...env },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
  return { child, stderr: () => stderr, exited };
}

async function startPivot(env: Record<string, string> = {}): Promise<{ databasePath: string; pivot: Started }> {
  fake = await startFakeDiscord();
  const databasePath = join(tempDir(), 'pivot.db');
  started = npmStart({ DATABASE_PATH: databasePath, DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiURL, ...env });
  const pivot = started;
  await until(() => pivot.stderr().includes('Discord bot ready') || pivot.child.exitCode !== null, 'the bot to be ready', CHILD_WAIT_MS);
  expect(pivot.stderr()).toContain('Discord bot ready');
  expect(existsSync(`${databasePath}-wal`)).toBe(true);
  return { databasePath, pivot };
}

const signalGroup = (pivot: Started, signal: NodeJS.Signals) => process.kill(-(pivot.child.pid ?? 0), signal);

describe('npm start, stopped by a signal to its process group', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: exits 0 with the database closed`, async () => {
      const { databasePath, pivot } = await startPivot();
      signalGroup(pivot, signal);
      expect(await pivot.exited).toEqual({ code: 0, signal: null });
      expect(pivot.stderr()).toContain('database closed');
      // The last connection closing checkpoints the WAL into the database file and removes it.
      expect(existsSync(`${databasePath}-wal`)).toBe(false);
    }, 120_000);
  }

  it('a second signal while an answer is in flight is ignored; the shutdown still ends, exit 0 and the database closed', async () => {
    openai = await startFakeOpenAi();
    openai.respondWith({ hang: true });
    const { databasePath, pivot } = await startPivot({ OPENAI_BASE_URL: openai.baseURL });
    await fake?.sendDirectMessage({ userId: '940001', username: 'rae', content: 'How long does the switch from backend to ML take?' });
    await until(() => openai?.requests.length === 1, 'the model call', CHILD_WAIT_MS);
    signalGroup(pivot, 'SIGTERM');
    await until(() => pivot.stderr().includes('shutting down'), 'the shutdown to start', CHILD_WAIT_MS);
    signalGroup(pivot, 'SIGTERM');
    expect(await pivot.exited).toEqual({ code: 0, signal: null });
    expect(pivot.stderr()).toContain('already shutting down; signal ignored');
    expect(pivot.stderr()).toContain('shutting down with answers still in flight');
    expect(pivot.stderr()).toContain('database closed');
    expect(existsSync(`${databasePath}-wal`)).toBe(false);
  }, 120_000);
});
