import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { tempDir } from '../support/cli.ts';

const tables = (db: ReturnType<typeof openDatabase>) =>
  (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

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
});
