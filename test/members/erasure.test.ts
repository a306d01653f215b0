import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordFeedback } from '../../src/answer/feedback.ts';
import { snoozeCheckin } from '../../src/checkins/reminders.ts';
import { backupDatabase } from '../../src/cli/backup.ts';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Inbound, Origin } from '../../src/core/types.ts';
import { createInbox } from '../../src/discord/inbox.ts';
import { createOpenAiLlm } from '../../src/llm/client.ts';
import { createMeteredLlm } from '../../src/llm/metered.ts';
import type { App } from '../../src/main.ts';
import { exportMember } from '../../src/members/export.ts';
import { forgetMember } from '../../src/members/forget.ts';
import { MEMBER_DATA, NO_MEMBER_DATA } from '../../src/members/member-data.ts';
import { createProposal } from '../../src/members/proposals.ts';
import { runWeeklyTick } from '../../src/planner/weekly.ts';
import { terminalDigests, terminalOutbox } from '../../src/terminal/outbox.ts';
import { testApp } from '../support/app.ts';
import { tempDir } from '../support/cli.ts';
import { startFakeOpenAi } from '../support/fake-openai.ts';

const ANA = 'ana-7f3q9';
const BOB = 'bob-2k9x4';
let app: App;
let clock: number;

beforeEach(() => {
  clock = Date.parse('2026-11-23T08:00:00Z');
  app = testApp({ DATABASE_PATH: join(tempDir(), 'pivot.db'), MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => clock });
});
afterEach(() => app.close());

const dm = (id: string): Origin => ({ kind: 'dm', conversationId: `dm:${id}` });
const channel: Origin = { kind: 'group', conversationId: 'thread:1', channelId: '555000111', guildId: '444000111' };

async function say(memberId: string, text: string, origin = dm(memberId), roles: string[] = []) {
  clock += 1000;
  const message: Inbound = { memberId, displayName: memberId.split('-')[0], origin, text, roles };
  return handleLine(app.commands, app.core, message);
}

/** One CV rewrite by the (loopback) model, so the member has a model-call record. */
async function rewriteWithModel(memberId: string) {
  const fake = await startFakeOpenAi();
  try {
    fake.respondWith({ text: '- Built a payments API in Go' });
    const endpoint = createOpenAiLlm({ apiKey: 'sk-test', baseURL: fake.baseURL, model: 'coach-model', timeoutMs: 4000 });
    const llm = createMeteredLlm({ llm: endpoint, db: app.db, limits: app.core.limits, now: app.core.now });
    await handleLine(app.commands, { ...app.core, llm }, { memberId, origin: dm(memberId), text: '/resume rewrite bullet:"Built a payments API in Go"' });
  } finally {
    await fake.close();
  }
}

/** Every kind of row there is, for both members, written through the commands members use. */
async function populate() {
  for (const [id, other] of [
    [ANA, BOB],
    [BOB, ANA],
  ] as const) {
    await say(id, '/profile set track:ml-platform timezone:Europe/London hours:8');
    const first = app.core.roadmaps.milestones('ml-platform')[0]?.id ?? '';
    await say(id, `/done item:${first}`);
    await say(id, `/project add name:"Churn API ${id}" url:https://example.com/${id}`);
    const answer = await say(id, 'What does an ML engineer earn in the UK?');
    recordFeedback(app.db, { turnId: answer.turnId ?? -1, memberId: id, helpful: false, at: clock });
    const second = app.core.roadmaps.milestones('ml-platform')[1]?.id ?? '';
    createProposal(app.db, app.core.roadmaps, {
      memberId: id,
      conversationId: `dm:${id}`,
      argumentsJson: JSON.stringify({ milestone_id: second }),
      now: clock,
    });
    await say(id, '/interview practice', { kind: 'dm', conversationId: `practice:${id}` });
    await rewriteWithModel(id);
    await say(id, '/checkin on day:monday time:09:00');
    await say(id, '/privacy mentors:on');
    await say(id, id === ANA ? '/group create name:alpha' : '/group join name:alpha share:on', channel);
    await say(other, `/mentor note member:${id} text:"Keep going"`, dm(other), ['mentor']);
    await say(other, `/mentor logs member:${id}`, dm(other), ['mentor']);
    createInbox(app.db).accept({ messageId: `9000${id.length}${id === ANA ? 1 : 2}`, channelId: '555000222', memberId: id, now: clock });
  }
  await runWeeklyTick(app.core, { deliver: terminalOutbox(null), post: terminalDigests(null) }, new Date('2026-11-23T09:05:00Z'));
  for (const id of [ANA, BOB]) {
    clock = Date.parse('2026-11-23T10:00:00Z');
    expect(snoozeCheckin(app.core, id, '2026-W48')).toMatch(/I will remind you once/);
    await say(id, '/checkin pause weeks:1');
  }
}

const tables = () =>
  (app.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
    (t) => !/^knowledge_fts_/.test(t),
  );

/** Rows of a table with any column holding the value (whole or inside text, e.g. a JSON list). */
function rowsNaming(table: string, value: string): number {
  const columns = (app.db.$client.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((c) => `"${c}"`);
  if (columns.length === 0) return 0;
  const where = columns.map((c) => `instr(CAST(${c} AS TEXT), @value) > 0`).join(' OR ');
  return app.db.$client.prepare(`SELECT count(*) FROM "${table}" WHERE ${where}`).pluck().get({ value }) as number;
}

describe('where member data lives', () => {
  it('classifies every table of the schema, so a new table holding member data cannot escape /forget', async () => {
    await populate();
    for (const table of tables()) {
      const listed = table in MEMBER_DATA || NO_MEMBER_DATA.some((pattern) => pattern.test(table));
      expect(listed, `${table} is neither in MEMBER_DATA nor NO_MEMBER_DATA`).toBe(true);
      if (!(table in MEMBER_DATA)) expect(rowsNaming(table, ANA), `${table} names a member but is not in MEMBER_DATA`).toBe(0);
    }
    // The fixture really reaches every table that can hold member data.
    for (const table of Object.keys(MEMBER_DATA)) expect(rowsNaming(table, ANA), table).toBeGreaterThan(0);
  });
});

describe('export', () => {
  it('contains every kind of row stored about the member', async () => {
    await populate();
    const data = exportMember(app.db, app.core.roadmaps, ANA);
    if (!data) throw new Error('nothing exported');
    const exported: Record<string, number> = {
      members: data.profile ? 1 : 0,
      turns: data.turns.length,
      feedback: data.feedback.length,
      proposals: data.proposals.length,
      practice_sessions: data.interviews.length,
      checkin_deliveries: data.checkins.deliveries.length,
      checkin_reminders: data.checkins.reminders.length,
      checkin_schedules: data.checkins.schedule ? 1 : 0,
      group_members: data.groups.length,
      milestone_progress: data.milestonesDone.length,
      projects: data.projects.length,
      state_changes: data.changes.length,
      privacy_settings: data.mentorsMayRead ? 1 : 0,
      mentor_notes: data.notes.length + data.asMentor.notes.length,
      audit_log: data.audit.length + data.asMentor.reads.length,
      study_groups: data.groupsCreated.length,
      discord_inbox: data.discordMessages.length,
      model_calls: data.modelCalls.length,
    };
    expect(Object.keys(exported).sort()).toEqual(Object.keys(MEMBER_DATA).sort());
    for (const [table, n] of Object.entries(exported)) expect(n, table).toBe(rowsNaming(table, ANA));
    expect(JSON.stringify(data)).not.toContain('Churn API bob');
  });
});

describe('forget', () => {
  it('leaves no row naming the member in any column of any table, and the other member’s rows as they were', async () => {
    await populate();
    // Bob's own rows; rows of Ana's that name Bob (his reads of her log) go with her.
    const bobsRows = () =>
      Object.fromEntries(
        tables().map((t) => {
          const owned = MEMBER_DATA[t]?.owned;
          const n = owned
            ? app.db.$client.prepare(`SELECT count(*) FROM "${t}" WHERE ${owned} = ?`).pluck().get(BOB)
            : app.db.$client.prepare(`SELECT count(*) FROM "${t}"`).pluck().get();
          return [t, n];
        }),
      );
    const bobBefore = bobsRows();
    const reply = await say(ANA, '/forget');
    expect(reply.confirm?.line).toBe('/forget confirm:yes');
    expect(rowsNaming('members', ANA)).toBe(1);
    expect((await say(ANA, reply.confirm?.line ?? '')).text).toMatch(/erased everything I stored about you/);
    for (const table of tables()) expect(rowsNaming(table, ANA), table).toBe(0);
    expect(bobsRows()).toEqual(bobBefore);
    expect(app.db.$client.prepare('SELECT mentor_name FROM mentor_notes WHERE member_id = ?').pluck().all(BOB)).toEqual(['a former member']);
    expect(app.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(app.db.$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('is one transaction: a failure part-way leaves everything in place', async () => {
    await populate();
    const before = rowsNaming('turns', ANA) + rowsNaming('members', ANA);
    app.db.$client.exec("CREATE TRIGGER refuse BEFORE DELETE ON members BEGIN SELECT RAISE(ABORT, 'refused'); END");
    expect(() => forgetMember(app.db, ANA)).toThrow(/refused/);
    expect(rowsNaming('turns', ANA) + rowsNaming('members', ANA)).toBe(before);
  });
});

describe('backup', () => {
  it('restores to an identical database', async () => {
    await populate();
    const target = join(tempDir(), 'copy', 'pivot-backup.db');
    const seen: number[] = [];
    const { pages } = await backupDatabase(app.db, target, (done) => seen.push(done));
    expect(seen.at(-1)).toBe(pages);
    const copy = new Database(target, { readonly: true });
    try {
      for (const table of tables()) {
        const dump = (db: Database.Database) => db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
        expect(dump(copy), table).toEqual(dump(app.db.$client));
      }
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    await expect(backupDatabase(app.db, target)).rejects.toThrow(/already exists/);
  });
});
