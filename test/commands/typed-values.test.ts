import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { getMember } from '../../src/members/store.ts';
import { inbound, testApp } from '../support/app.ts';
import { runCli, tempDir } from '../support/cli.ts';

const NOW = Date.parse('2026-12-04T12:00:00Z');
let app: App;
beforeEach(async () => {
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => NOW });
});
afterEach(() => app.close());

const say = async (text: string, memberId = 'm1') => (await handleLine(app.commands, app.core, inbound(text, memberId))).text;
const profileOf = (memberId = 'm1') => getMember(app.db, memberId)?.profile;

describe('typed values in the chat', () => {
  it.each([
    ['years:0x10', /years: must be written in plain digits/],
    ['years:1e1', /years: must be written in plain digits/],
    ['hours:0b110', /hours: must be written in plain digits/],
    ['hours:0o7', /hours: must be written in plain digits/],
    ['years:Infinity', /years: must be a whole number from 0 to 50/],
    ['role:"Backend engineer', /A quote is opened and never closed: role:"Backend\./],
    ['role:“Backend engineer', /A quote is opened and never closed: role:“Backend\./],
    ['target:2026-11', /target: must not be in the past \(this month is 2026-12\)/],
  ])('refuses %s with a clear message and stores nothing', async (option, message) => {
    await say('/profile set years:6 hours:8 track:applied-ml');
    const before = profileOf();
    expect(await say(`/profile set goal:"Lead ML" ${option}`)).toMatch(message);
    expect(profileOf()).toEqual(before);
  });

  it('takes decimal numbers, a closed quote and this month or later', async () => {
    await say('/profile set years:+06 hours:8.0 role:"Backend engineer" target:2026-12');
    expect(profileOf()).toMatchObject({ years: 6, hours: 8, role: 'Backend engineer', target: '2026-12' });
  });

  it('refuses a bare opening quote in free text', async () => {
    expect(await say('/ask "what does MLOps mean')).toMatch(/A quote is opened and never closed: "what\./);
  });

  it('holds onboarding answers to the same rules', async () => {
    await say('/profile setup');
    await say('Backend engineer');
    expect(await say('0x10')).toMatch(/^years: must be written in plain digits, such as 6\. How many years/);
    expect(profileOf()?.years).toBeNull();
    for (const answer of ['6', 'Go', 'ml-platform', '8', 'uk', 'Europe/London']) await say(answer);
    expect(await say('2020-01')).toMatch(/^target: must not be in the past/);
    expect(profileOf()?.target).toBeNull();
  });

  it('refuses a member id longer than a Discord id or 64 characters in mentor commands', async () => {
    const mentor = { ...inbound('', 'mentor-1'), roles: ['mentor'] };
    for (const id of ['1'.repeat(21), 'a'.repeat(65), '<@123456789012345678901>']) {
      const reply = await handleLine(app.commands, app.core, { ...mentor, text: `/mentor logs member:${id}` });
      expect(reply.text).toMatch(/member: must be a Discord id \(up to 20 digits\) or a name of up to 64/);
    }
  });
});

describe('typed values through the CLI', () => {
  const members = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare('SELECT id, years, hours, role, target_date FROM members').all();
    } finally {
      db.close();
    }
  };

  it('refuses bad numbers, open quotes, past targets and over-long ids, storing nothing', async () => {
    const env = { DATABASE_PATH: join(tempDir(), 'pivot.db') };
    const lines = [
      '/profile set years:0x10',
      '/profile set years:1e1',
      '/profile set hours:0b110',
      '/profile set role:"Backend engineer',
      '/profile set target:2020-01',
      '',
    ];
    const chat = await runCli(['chat', '--member', 'kim'], env, lines.join('\n'));
    expect(chat.code).toBe(0);
    expect(chat.stdout.match(/must be written in plain digits/g)).toHaveLength(3);
    expect(chat.stdout).toContain('is opened and never closed');
    expect(chat.stdout).toContain('target: must not be in the past');
    expect(members(env.DATABASE_PATH)).toEqual([]);

    const tooLong = [
      ['chat', '--member', '9'.repeat(21)],
      ['ask', '--member', 'x'.repeat(65), 'How long does the switch take?'],
      ['export', '--member', '9'.repeat(21)],
    ];
    for (const args of tooLong) {
      const result = await runCli(args, env, '/profile set years:6\n');
      expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
      expect(result.stderr).toContain('--member must be a Discord id (up to 20 digits)');
    }
    expect(members(env.DATABASE_PATH)).toEqual([]);
  }, 240_000);
});
