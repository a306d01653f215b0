import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { saveSchedule } from '../../src/checkins/store.ts';
import { testApp } from '../support/app.ts';
import { type CliProcess, runCliProcess, spawnCli, tempDir } from '../support/cli.ts';
import { type FakeDiscord, isReplyPost, REPLY_POST, startFakeDiscord } from '../support/fake-discord.ts';
import { pause, until } from '../support/wait.ts';

/** Child processes start slowly on a busy machine. */
const CHILD_WAIT_MS = 30_000;

import { type FakeOpenAi, startFakeOpenAi } from '../support/fake-openai.ts';

// The real `pivot` process, killed with SIGKILL at the worst moments and started again on the same database.

let fake: FakeDiscord;
let openai: FakeOpenAi | undefined;
const processes: CliProcess[] = [];

afterEach(async () => {
  for (const child of processes.splice(0)) await child.kill('SIGKILL');
  await fake?.close();
  await openai?.close();
  openai = undefined;
});

function discordEnv(databasePath: string): Record<string, string> {
  return { DATABASE_PATH: databasePath, DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiURL, CHECKIN_CRON: '0 0 1 1 *' };
}

async function startPivot(env: Record<string, string>): Promise<CliProcess> {
  const child = spawnCli(['run'], env);
  processes.push(child);
  await child.waitForLog('Discord bot ready');
  return child;
}

/** Opens the database file as the next start would, after the crash. */
function inspect<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const integrity = (path: string) => inspect(path, (db) => db.pragma('integrity_check', { simple: true }));

describe('kill -9 during an answer', () => {
  it('while the model is answering: after a restart the member gets exactly one answer, and the database is intact', async () => {
    fake = await startFakeDiscord();
    openai = await startFakeOpenAi();
    openai.respondWith({ hang: true }, { text: 'Plan on six to twelve months of steady study alongside your job.' });
    const path = join(tempDir(), 'pivot.db');
    const env = { ...discordEnv(path), OPENAI_BASE_URL: openai.baseURL };

    const first = await startPivot(env);
    const id = await fake.sendDirectMessage({ userId: '920001', username: 'ana', content: 'How long does the switch from backend to ML take?' });
    await until(() => openai?.requests.length === 1, 'the model call', CHILD_WAIT_MS);
    await first.kill('SIGKILL');
    expect(integrity(path)).toBe('ok');
    expect(fake.calls.filter(isReplyPost)).toEqual([]);

    const second = await startPivot(env);
    await until(() => fake.botMessages().some((m) => m.referencedMessageId === id), 'the answer after restart', CHILD_WAIT_MS);
    await pause(500);
    const replies = fake.botMessages().filter((m) => m.via === 'channel');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ referencedMessageId: id });
    expect(replies[0]?.content).toContain('six to twelve months');
    expect(await second.kill('SIGTERM')).toBe(0);
    expect(integrity(path)).toBe('ok');
    expect(inspect(path, (db) => db.prepare('SELECT count(*) AS n FROM turns').get())).toEqual({ n: 1 });
    expect(inspect(path, (db) => db.prepare('SELECT status FROM discord_inbox').all())).toEqual([{ status: 'sent' }]);
  }, 90_000);

  it('after Discord took the reply but before the bot heard back: the restart sends it again with the same nonce, and no duplicate appears', async () => {
    fake = await startFakeDiscord();
    const path = join(tempDir(), 'pivot.db');
    const env = discordEnv(path);
    const first = await startPivot(env);
    const slowDiscord = fake.addLatency(REPLY_POST, 60_000);
    const id = await fake.sendDirectMessage({ userId: '920002', username: 'ben', content: 'Do I need a PhD to become an ML engineer?' });
    await fake.waitForCall(isReplyPost, 15_000);
    await first.kill('SIGKILL');
    slowDiscord();
    expect(integrity(path)).toBe('ok');

    await startPivot(env);
    await until(() => fake.calls.filter(isReplyPost).length >= 2, 'the repeated send', CHILD_WAIT_MS);
    await pause(500);
    const posts = fake.calls.filter(isReplyPost);
    expect(posts).toHaveLength(2);
    const nonces = posts.map((c) => (c.body as { nonce?: string }).nonce);
    expect(nonces[0]).toBeTruthy();
    expect(nonces[1]).toBe(nonces[0]);
    expect(fake.botMessages().filter((m) => m.referencedMessageId === id)).toHaveLength(1);
    expect(inspect(path, (db) => db.prepare('SELECT status FROM discord_inbox WHERE message_id = ?').get(id))).toEqual({ status: 'sent' });
  }, 90_000);

  it('while down: a message sent to a conversation in the meantime is read back and answered once', async () => {
    fake = await startFakeDiscord();
    const path = join(tempDir(), 'pivot.db');
    const env = discordEnv(path);
    const member = { userId: '920003', username: 'cy' };
    const first = await startPivot(env);
    const before = await fake.sendDirectMessage({ ...member, content: 'What does an entry-level ML engineer earn in the UK?' });
    await until(() => fake.botMessages().some((m) => m.referencedMessageId === before), 'the first answer', CHILD_WAIT_MS);
    await first.kill('SIGKILL');
    const whileDown = await fake.sendDirectMessage({ ...member, content: 'And what about in Germany?' });

    await startPivot(env);
    await until(() => fake.botMessages().some((m) => m.referencedMessageId === whileDown), 'the answer to the message sent while down', CHILD_WAIT_MS);
    await pause(500);
    expect(fake.botMessages().map((m) => m.referencedMessageId)).toEqual([before, whileDown]);
  }, 90_000);
});

describe('kill -9 during check-in delivery', () => {
  it('a tick killed mid-way and run again: every member has exactly one check-in, and the database is intact', async () => {
    fake = await startFakeDiscord();
    const path = join(tempDir(), 'pivot.db');
    const members = Array.from({ length: 24 }, (_, i) => `93000000000000${String(i).padStart(4, '0')}`);
    const seeded = testApp({ DATABASE_PATH: path }, { llm: null });
    for (const member of members) saveSchedule(seeded.db, member, { weekday: 1, time: '09:00', timezone: 'Europe/London' }, Date.now());
    seeded.close();
    const env = { ...discordEnv(path), LOG_LEVEL: 'warn' };
    const tick = ['checkins', 'tick', '--at', '2026-11-30T09:05:00Z', '--json'];

    // Discord is slow: each DM takes 400 ms to confirm, so the kill lands with sends in flight.
    const slowDiscord = fake.addLatency(REPLY_POST, 400);
    const first = spawnCli(tick, env);
    processes.push(first);
    await until(() => fake.botMessages().length >= 10, 'the first check-ins', CHILD_WAIT_MS);
    await first.kill('SIGKILL');
    slowDiscord();
    const beforeRerun = fake.botMessages().length;
    expect(beforeRerun).toBeLessThan(members.length);
    expect(integrity(path)).toBe('ok');
    const stuck = inspect(path, (db) => db.prepare("SELECT count(*) AS n FROM checkin_deliveries WHERE status = 'sending'").get()) as { n: number };
    expect(stuck.n).toBeGreaterThan(0);

    const rerun = await runCliProcess(tick, env);
    expect(rerun.code).toBe(0);
    const perMember = new Map(members.map((m) => [m, 0]));
    for (const message of fake.botMessages()) {
      const to = fake.dmRecipient(message.channelId ?? '') ?? '?';
      perMember.set(to, (perMember.get(to) ?? 0) + 1);
    }
    expect([...perMember.values()]).toEqual(members.map(() => 1));
    expect(integrity(path)).toBe('ok');
    expect(inspect(path, (db) => db.prepare('SELECT status, count(*) AS n FROM checkin_deliveries GROUP BY status').all())).toEqual([
      { status: 'sent', n: members.length },
    ]);
  }, 90_000);
});
