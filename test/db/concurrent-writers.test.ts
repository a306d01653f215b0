import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.ts';
import { startChild, stopChildren, together } from './support/children.ts';
import type { WriterReport } from './support/writer.ts';

const WRITERS = 4;
const ROUNDS = 25;
const OPENERS = 6;
const FRESH_FILES = 5;

describe('several processes on one database file at once', () => {
  afterEach(stopChildren);

  it('all open and migrate a new file they open together', async () => {
    const dir = tempDir();
    const files = Array.from({ length: FRESH_FILES }, (_, i) => join(dir, `fresh-${i}.db`));
    const openers = Array.from({ length: OPENERS }, () => startChild('opener.ts', files));
    for (let i = 0; i < FRESH_FILES; i++) await together(openers, `open ${i}`);
    const reports = (await Promise.all(openers.map((o) => o.report))) as { opened: { path: string; error?: string }[] }[];

    expect(reports.flatMap((r) => r.opened.filter((o) => o.error))).toEqual([]);
    for (const file of files) {
      const db = new Database(file, { readonly: true });
      const migrations = db.prepare('SELECT hash FROM __drizzle_migrations').pluck().all();
      expect(new Set(migrations).size).toBe(migrations.length);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
  }, 120_000);

  it('lands every write exactly once, lets no SQLITE_BUSY reach a member, and keeps the file intact', async () => {
    const path = join(tempDir(), 'pivot.db');
    const writers = Array.from({ length: WRITERS }, (_, i) => startChild('writer.ts', [path, `w${i + 1}`, String(ROUNDS)]));
    // All open the fresh file at once (migrations and the knowledge index race), then all write at once.
    await together(writers, 'loaded');
    await together(writers, 'ready');
    const reports = (await Promise.all(writers.map((w) => w.report))) as WriterReport[];

    expect(reports.flatMap((r) => r.failures.map((f) => `${r.worker} ${f.step}: ${f.code ?? ''} ${f.message}`))).toEqual([]);
    expect(reports.every((r) => r.started)).toBe(true);

    const db = new Database(path, { readonly: true });
    try {
      const count = (sql: string, ...params: unknown[]) =>
        (db
          .prepare(sql)
          .pluck()
          .get(...params) as number) ?? 0;
      for (const { worker } of reports) {
        const member = `member-${worker}`;
        expect(count('SELECT count(*) FROM turns WHERE member_id = ?', member)).toBe(ROUNDS);
        expect(count('SELECT count(DISTINCT question) FROM turns WHERE member_id = ?', member)).toBe(ROUNDS);
        expect(count('SELECT count(DISTINCT name) FROM projects WHERE member_id = ?', member)).toBe(ROUNDS);
        expect(count('SELECT count(*) FROM projects WHERE member_id = ?', member)).toBe(ROUNDS);
        // Each round's profile edit was undone by that round's /undo, and nothing else was.
        expect(count("SELECT count(*) FROM state_changes WHERE member_id = ? AND kind = 'profile' AND undone_at IS NOT NULL", member)).toBe(ROUNDS);
        expect(count('SELECT count(*) FROM state_changes WHERE member_id = ? AND undone_at IS NULL', member)).toBe(ROUNDS);
        expect(db.prepare('SELECT years FROM members WHERE id = ?').get(member)).toEqual({ years: null });
      }
      expect(count("SELECT count(*) FROM state_changes WHERE member_id = 'shared'")).toBe(WRITERS * ROUNDS);

      const claimed = reports.flatMap((r) => r.claimed).sort();
      const weeks = Array.from({ length: ROUNDS }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`);
      expect(claimed).toEqual(weeks);
      expect(db.prepare("SELECT week, attempts FROM checkin_deliveries WHERE member_id = 'shared' ORDER BY week").all()).toEqual(
        weeks.map((week) => ({ week, attempts: 1 })),
      );

      expect(count('SELECT count(*) FROM __drizzle_migrations')).toBe(count('SELECT count(DISTINCT hash) FROM __drizzle_migrations'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  }, 120_000);
});
