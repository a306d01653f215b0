import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Inbound, Origin } from '../../src/core/types.ts';
import type { App } from '../../src/main.ts';
import { runWeeklyTick } from '../../src/planner/weekly.ts';
import { testApp } from '../support/app.ts';
import { tempDir } from '../support/cli.ts';

const ANA = 'ana-7f3q9';
const BOB = 'bob-2k9x4';
/** Words that appear nowhere but in what Ana wrote, so any copy of them is a trace of her. */
const ANA_NAME = 'Zelvonqua';
const ANA_TEXT = 'Quibbertsky';

let app: App;
let dbPath: string;
let clock: number;

beforeEach(() => {
  clock = Date.parse('2026-11-27T17:05:00Z');
  dbPath = join(tempDir(), 'pivot.db');
  app = testApp({ DATABASE_PATH: dbPath, MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => clock });
});
afterEach(() => app.close());

const dm = (id: string): Origin => ({ kind: 'dm', conversationId: `dm:${id}` });
const channel: Origin = { kind: 'group', conversationId: 'thread:1', channelId: '555000111', guildId: '444000111' };

async function say(memberId: string, displayName: string, text: string, origin = dm(memberId)) {
  clock += 1000;
  const message: Inbound = { memberId, displayName, origin, text };
  return handleLine(app.commands, app.core, message);
}

const posted: string[] = [];
const tick = (at: string) =>
  runWeeklyTick(
    app.core,
    {
      deliver: async () => 'sent',
      post: async (_group, text) => {
        posted.push(text);
        return 'sent';
      },
    },
    new Date(at),
  );

/** Ana writes her marker words into turns, her profile, a project, a group and its digest. */
async function anaLeavesTraces() {
  await say(ANA, ANA_NAME, `/profile set track:ml-platform goal:"${ANA_TEXT} platform team"`);
  await say(ANA, ANA_NAME, `/project add name:"${ANA_TEXT} churn model" url:https://example.com/a`);
  await say(ANA, ANA_NAME, `How long does the switch take for ${ANA_TEXT} engineers?`);
  const first = app.core.roadmaps.milestones('ml-platform')[0]?.id ?? '';
  await say(ANA, ANA_NAME, `/done item:${first}`);
  await say(ANA, ANA_NAME, '/group create name:alpha day:friday time:17:00 timezone:UTC', channel);
  await say(ANA, ANA_NAME, '/group join name:alpha share:on', channel);
  await say(BOB, 'Bob', '/group join name:alpha share:on', channel);
  posted.length = 0;
  await tick('2026-11-27T17:06:00Z');
  expect(posted.join('\n')).toContain(ANA_NAME);
}

const fileHolds = (path: string, marker: string) => existsSync(path) && readFileSync(path).includes(Buffer.from(marker, 'utf8'));
const rowsHolding = (marker: string) => {
  const tables = app.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'knowledge_%'").pluck().all() as string[];
  return tables.filter((table) => {
    const columns = (app.db.$client.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).map(
      (c) => `instr(CAST("${c}" AS TEXT), @marker) > 0`,
    );
    return (
      columns.length > 0 &&
      (app.db.$client
        .prepare(`SELECT count(*) FROM "${table}" WHERE ${columns.join(' OR ')}`)
        .pluck()
        .get({ marker }) as number) > 0
    );
  });
};

describe('erasure leaves nothing behind', () => {
  it('keeps no digest text naming the member or their progress in any table', async () => {
    await anaLeavesTraces();
    expect((await say(ANA, ANA_NAME, '/forget confirm:yes')).text).toMatch(/erased everything/);
    expect(rowsHolding(ANA_NAME)).toEqual([]);
    expect(rowsHolding(ANA_TEXT)).toEqual([]);
  });

  it('leaves the erased text readable neither in the database file’s free pages nor in its write-ahead log', async () => {
    await anaLeavesTraces();
    // Part of Ana's data has reached the main file, the rest is still only in the log.
    app.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    await say(ANA, ANA_NAME, `And what about ${ANA_TEXT} in Berlin?`);
    expect(fileHolds(dbPath, ANA_TEXT)).toBe(true);
    expect(fileHolds(`${dbPath}-wal`, ANA_TEXT)).toBe(true);

    await say(ANA, ANA_NAME, '/forget confirm:yes');
    for (const marker of [ANA_TEXT, ANA_NAME]) {
      expect(fileHolds(dbPath, marker), `${marker} in the database file`).toBe(false);
      expect(fileHolds(`${dbPath}-wal`, marker), `${marker} in the write-ahead log`).toBe(false);
    }
    expect(app.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('stops the weekly digest of a group the erased member was alone in', async () => {
    await say(ANA, ANA_NAME, '/group create name:solo day:friday time:17:00 timezone:UTC', channel);
    await say(ANA, ANA_NAME, '/forget confirm:yes');
    posted.length = 0;
    const report = await tick('2026-11-27T17:06:00Z');
    expect(posted).toEqual([]);
    expect(report.sent).toEqual([]);
  });
});
