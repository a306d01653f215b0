import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase } from '../../src/db/client.ts';
import { tempDir } from '../support/cli.ts';

const tables = (db: ReturnType<typeof openDatabase>) =>
  (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('database', () => {
  it('migrates an empty database to the committed schema', () => {
    const db = openDatabase(':memory:');
    expect(tables(db)).toEqual(expect.arrayContaining(['knowledge_chunks', 'knowledge_state', 'knowledge_fts']));
  });

  it('re-running migrations on an existing file is a no-op that keeps data', () => {
    const path = join(tempDir(), 'pivot.db');
    const first = openDatabase(path);
    first.$client.prepare("INSERT INTO knowledge_state (key, value) VALUES ('probe', 'kept')").run();
    const applied = first.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
    first.$client.close();

    const second = openDatabase(path);
    expect(second.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual(applied);
    expect(second.$client.prepare("SELECT value FROM knowledge_state WHERE key = 'probe'").get()).toEqual({ value: 'kept' });
    second.$client.close();
  });

  it('sets WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'pragmas.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.$client.close();
  });

  it('treats a file migrated by drizzle-kit’s own migrator as up to date', () => {
    const path = join(tempDir(), 'drizzle.db');
    const raw = new Database(path);
    migrate(drizzle(raw), { migrationsFolder: MIGRATIONS_DIR });
    const applied = raw.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY id').all();
    raw.prepare("INSERT INTO knowledge_state (key, value) VALUES ('probe', 'kept')").run();
    raw.close();

    const db = openDatabase(path);
    expect(db.$client.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY id').all()).toEqual(applied);
    expect(db.$client.prepare("SELECT value FROM knowledge_state WHERE key = 'probe'").get()).toEqual({ value: 'kept' });
    db.$client.close();
  });

  it('lets a transaction that reads first keep its right to write when another connection writes meanwhile', () => {
    const path = join(tempDir(), 'two.db');
    const first = openDatabase(path).$client;
    const second = openDatabase(path).$client;
    // Here the second writer cannot wait (one thread), so it gives up at once instead of after the timeout.
    second.pragma('busy_timeout = 0');
    const addMember = (db: Database.Database, id: string) => db.prepare('INSERT INTO members (id, created_at, updated_at) VALUES (?, 0, 0)').run(id);

    const outcome = first.transaction(() => {
      const before = first.prepare('SELECT count(*) FROM members').pluck().get();
      let interloper = 'wrote';
      try {
        addMember(second, 'second');
      } catch (error) {
        interloper = (error as { code: string }).code;
      }
      addMember(first, 'first');
      return { before, interloper };
    })();

    expect(outcome).toEqual({ before: 0, interloper: 'SQLITE_BUSY' });
    addMember(second, 'second');
    expect(second.prepare('SELECT id FROM members ORDER BY id').pluck().all()).toEqual(['first', 'second']);
    first.close();
    second.close();
  });
});
