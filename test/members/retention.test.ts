import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { recordFeedback } from '../../src/answer/feedback.ts';
import { handleLine } from '../../src/commands/dispatch.ts';
import { parseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import { type App, createApp } from '../../src/main.ts';
import { purgeExpiredTurns, startRetentionSchedule } from '../../src/members/retention.ts';

let app: App;
afterEach(() => app.close());

function appWithLogs(now: () => number): { app: App; logs: () => string } {
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (chunk) => {
    written += String(chunk);
  });
  const config = parseConfig({ DATABASE_PATH: ':memory:', MEMBER_MESSAGES_PER_MINUTE: '1000' });
  const log = createLogger('debug', stream);
  return { app: createApp({ config, log, llm: null, now }), logs: () => written };
}

const ask = (memberId: string, text: string, roles: string[] = []) =>
  handleLine(app.commands, app.core, { memberId, displayName: memberId, origin: { kind: 'dm', conversationId: `dm:${memberId}` }, text, roles });

describe('retention', () => {
  it('purges turns older than RETENTION_DAYS, with their feedback, and keeps newer ones', async () => {
    let clock = Date.parse('2025-10-01T12:00:00Z');
    ({ app } = appWithLogs(() => clock));
    const old = await ask('ana', 'What does an ML engineer earn in the UK?');
    recordFeedback(app.db, { turnId: old.turnId ?? -1, memberId: 'ana', helpful: false, at: clock });
    clock = Date.parse('2026-11-23T12:00:00Z');
    await ask('ana', 'How long does the switch take?');

    const schedule = startRetentionSchedule(app.core, 365);
    schedule.stop();
    const left = app.db.$client.prepare('SELECT question FROM turns').pluck().all();
    expect(left).toEqual(['How long does the switch take?']);
    expect(app.db.$client.prepare('SELECT count(*) FROM feedback').pluck().get()).toBe(0);
  });
});

describe('the purge', () => {
  it('deletes in batches every turn and model call older than the cutoff, oldest first, and counts the turns', () => {
    const db = openDatabase(':memory:');
    const day = 86_400_000;
    const now = 400 * day;
    const turn = db.$client.prepare(
      "INSERT INTO turns (member_id, conversation_id, question, answer, chunk_ids, cited_ids, mode, latency_ms, created_at) VALUES ('ana', 'dm:ana', 'q', 'a', '[]', '[]', 'offline', 1, ?)",
    );
    const call = db.$client.prepare(
      "INSERT INTO model_calls (member_id, purpose, model, status, prompt_tokens, completion_tokens, estimated, created_at) VALUES ('ana', 'answer', 'm', 'answered', 1, 1, 0, ?)",
    );
    db.$client.transaction(() => {
      for (let i = 0; i < 4500; i++) turn.run(i * 1000);
      turn.run(now - 10 * day);
      for (let i = 0; i < 2001; i++) call.run(i);
      call.run(now - day);
    })();
    expect(purgeExpiredTurns(db, now, 365)).toBe(4500);
    expect(db.$client.prepare('SELECT created_at FROM turns').pluck().all()).toEqual([now - 10 * day]);
    expect(db.$client.prepare('SELECT created_at FROM model_calls').pluck().all()).toEqual([now - day]);
    expect(purgeExpiredTurns(db, now, 365)).toBe(0);
  });
});

describe('logs', () => {
  it('carry member ids and counts, never what members or mentors wrote', async () => {
    const clock = Date.parse('2026-11-23T12:00:00Z');
    let logs: () => string;
    ({ app, logs } = appWithLogs(() => clock));
    const secret = 'my manager at Globex is awful';
    await ask('ana', `Should I tell my team that ${secret}?`);
    await ask('ana', '/privacy mentors:on');
    await ask('mia', `/mentor note member:ana text:"about ${secret}"`, ['mentor']);
    await ask('mia', '/mentor logs member:ana', ['mentor']);
    await ask('ana', '/export');
    await ask('ana', '/forget confirm:yes');
    const written = logs();
    expect(written).toContain('"memberId":"mia"');
    expect(written).toContain('"records":');
    expect(written).not.toContain('Globex');
  });
});
