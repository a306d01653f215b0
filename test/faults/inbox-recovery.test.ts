import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Bot, startBot } from '../../src/discord/bot.ts';
import { RECOVERY_WINDOW_MS } from '../../src/discord/recovery.ts';
import type { App } from '../../src/main.ts';
import { inboxSettled, storedTurns, testApp } from '../support/app.ts';
import { tempDir } from '../support/cli.ts';
import { type FakeDiscord, isReplyPost, REPLY_POST, startFakeDiscord } from '../support/fake-discord.ts';
import { pause, until } from '../support/wait.ts';

// In-process restarts on one database file: what a new run finishes of what the last one left.

type Running = { app: App; bot: Bot };
let fake: FakeDiscord;
const running: Running[] = [];

afterEach(async () => {
  for (const { app, bot } of running.splice(0)) {
    await bot.stop(2000);
    app.close();
  }
  await fake?.close();
});

async function startOn(path: string, now?: () => number): Promise<Running> {
  const app = testApp({ DATABASE_PATH: path, MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now });
  const bot = await startBot(app, { token: fake.token, appId: fake.appId, apiURL: fake.apiURL, coachChannelIds: undefined });
  const started = { app, bot };
  running.push(started);
  return started;
}

async function stop(run: Running): Promise<void> {
  running.splice(running.indexOf(run), 1);
  await run.bot.stop(5000);
  run.app.close();
}

const repliesTo = (id: string) => fake.botMessages().filter((m) => m.referencedMessageId === id);
const inboxRow = (app: App, id: string) =>
  app.db.$client.prepare('SELECT status, turn_id FROM discord_inbox WHERE message_id = ?').get(id) as { status: string; turn_id: number | null } | undefined;
const MEMBER = { userId: '960001', username: 'ana' };

describe('restart recovery', () => {
  it('a turn stored just before the process stopped is delivered as it was stored, not answered again', async () => {
    fake = await startFakeDiscord();
    const path = join(tempDir(), 'pivot.db');
    const one = await startOn(path);
    // Fault injection: the first run stops right after its turn is stored, before the answer is saved for delivery.
    one.app.db.$client.exec(
      "CREATE TEMP TRIGGER stop_before_saving BEFORE UPDATE OF parts ON discord_inbox WHEN NEW.parts IS NOT NULL BEGIN SELECT RAISE(ABORT, 'stopped'); END",
    );
    const id = await fake.sendDirectMessage({ ...MEMBER, content: 'What does an entry-level ML engineer earn in the UK?' });
    await until(() => (inboxRow(one.app, id)?.turn_id ?? null) !== null, 'the stored turn');
    // What is checked is that nothing is posted: time for a wrong reply to come, not a condition.
    await pause(200);
    expect(fake.calls.filter(isReplyPost)).toEqual([]);
    const [turn] = storedTurns(one.app);
    await stop(one);

    const two = await startOn(path);
    await until(() => repliesTo(id).length > 0, 'the recovered answer');
    await until(() => inboxSettled(two.app), 'the recovery finished');
    expect(repliesTo(id)).toHaveLength(1);
    expect(repliesTo(id)[0]?.content).toContain(turn?.answer.slice(0, 80));
    expect(repliesTo(id)[0]?.content).toMatch(/Sources: \[1\] /);
    expect(storedTurns(two.app)).toHaveLength(1);
    expect(inboxRow(two.app, id)?.status).toBe('sent');
  });

  it('messages arriving while the bot stops are kept for the next start; one deleted meanwhile is skipped', async () => {
    fake = await startFakeDiscord();
    const path = join(tempDir(), 'pivot.db');
    const one = await startOn(path);
    const slowReplies = fake.addLatency(REPLY_POST, 800);
    const inFlight = await fake.sendDirectMessage({ ...MEMBER, content: 'Do I need a PhD to become an ML engineer?' });
    await fake.waitForCall(isReplyPost);
    const stopping = stop(one);
    const kept = await fake.sendDirectMessage({ ...MEMBER, content: 'How long does the switch from backend to ML take?' });
    const deleted = await fake.sendDirectMessage({ ...MEMBER, content: 'Which ML roles suit a backend engineer first?' });
    await stopping;
    slowReplies();
    expect(repliesTo(inFlight)).toHaveLength(1);
    expect(repliesTo(kept)).toEqual([]);
    const channelId = fake.botMessages()[0]?.channelId ?? '';
    const removed = await fetch(`${fake.apiURL}/v10/channels/${channelId}/messages/${deleted}`, {
      method: 'DELETE',
      headers: { authorization: `Bot ${fake.token}` },
    });
    expect(removed.status).toBe(204);

    const two = await startOn(path);
    await until(() => repliesTo(kept).length > 0, 'the kept message answered');
    await until(() => inboxSettled(two.app), 'the recovery finished');
    expect(fake.botMessages().map((m) => m.referencedMessageId)).toEqual([inFlight, kept]);
    expect(inboxRow(two.app, deleted)?.status).toBe('dropped');
  });

  it('a message kept from before is given up when the next start comes after the recovery window', async () => {
    fake = await startFakeDiscord();
    const path = join(tempDir(), 'pivot.db');
    const one = await startOn(path);
    const slowReplies = fake.addLatency(REPLY_POST, 800);
    await fake.sendDirectMessage({ ...MEMBER, content: 'Do I need a PhD to become an ML engineer?' });
    await fake.waitForCall(isReplyPost);
    const stopping = stop(one);
    const stale = await fake.sendDirectMessage({ ...MEMBER, content: 'How long does the switch from backend to ML take?' });
    await stopping;
    slowReplies();

    const later = await startOn(path, () => Date.now() + RECOVERY_WINDOW_MS + 60_000);
    await until(() => inboxRow(later.app, stale)?.status === 'dropped', 'the stale message given up');
    expect(repliesTo(stale)).toEqual([]);
    expect(inboxRow(later.app, stale)?.status).toBe('dropped');
  });
});
