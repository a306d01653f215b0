import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { APOLOGY } from '../../src/core/errors.ts';
import { type Bot, startBot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/log.ts';
import { type App, createApp } from '../../src/main.ts';
import { runTerminalChat } from '../../src/terminal/chat.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';

/** Words only the member typed: they must never reach the log. */
const MEMBER_WORDS = 'zebra-sailing';

/** An app whose JSON log lines are kept, for reading back. */
function appWithLog(): { app: App; logLines: () => Record<string, unknown>[]; logText: () => string } {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const app = createApp({ config: parseConfig({ DATABASE_PATH: ':memory:' }), log: createLogger('info', sink), llm: null });
  return {
    app,
    logText: () => text,
    logLines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The unexpected failure's log line: it names the error and carries its stack trace. */
function expectOneLoggedFailure(lines: Record<string, unknown>[]) {
  const failures = lines.filter((l) => l.level === 50);
  expect(failures).toHaveLength(1);
  const err = failures[0]?.err as { type: string; message: string; stack: string };
  expect(err.message).toMatch(/database connection is not open/);
  expect(err.stack).toMatch(/\n\s+at /);
}

describe('an unexpected failure (the database closed under the app)', () => {
  let fake: FakeDiscord | undefined;
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop(2000);
    await fake?.close();
    bot = undefined;
    fake = undefined;
  });

  it('the terminal shows the shared apology and logs the error with its stack, without the line typed', async () => {
    const { app, logLines, logText } = appWithLog();
    app.db.$client.close();
    let output = '';
    await runTerminalChat(app, {
      memberId: 'terry',
      roles: [],
      input: Readable.from([`How do I move into ${MEMBER_WORDS} ML work?\n`]),
      output: new Writable({
        write(chunk, _encoding, done) {
          output += String(chunk);
          done();
        },
      }),
    });
    expect(output.trim()).toBe(APOLOGY);
    expectOneLoggedFailure(logLines());
    expect(logText()).not.toContain(MEMBER_WORDS);
  });

  it('Discord shows the member the same apology and logs the error with its stack, without their text', async () => {
    fake = await startFakeDiscord();
    const { app, logLines, logText } = appWithLog();
    bot = await startBot(app, { token: fake.token, appId: fake.appId, apiURL: fake.apiURL, coachChannelIds: undefined });
    app.db.$client.close();
    const { token } = await fake.sendInteraction({
      userId: '900100',
      username: 'dana',
      command: 'ask',
      options: { question: `How do I move into ${MEMBER_WORDS} ML work?` },
    });
    const reply = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token));
    expect((reply.body as { content?: string }).content).toBe(APOLOGY);
    expectOneLoggedFailure(logLines());
    expect(logText()).not.toContain(MEMBER_WORDS);
  });
});
