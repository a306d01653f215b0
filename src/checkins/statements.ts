import type { Db } from '../db/client.ts';

type Statement = ReturnType<Db['$client']['prepare']>;

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement prepared once per database. The planner runs these for every
 * member due (10,000 in a burst), and a statement prepared per call holds
 * native memory until the collector gets round to it. Use each SQL text one
 * way only (with or without `pluck`): the mode sticks to the statement.
 */
export function prepared(db: Db, sql: string): Statement {
  const statements = cache.get(db) ?? new Map<string, Statement>();
  cache.set(db, statements);
  const statement = statements.get(sql) ?? db.$client.prepare(sql);
  statements.set(sql, statement);
  return statement;
}
