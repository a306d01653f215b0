import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * A drizzle query built and prepared once per database, for the queries that
 * run on every message or for every member in a planner burst: building a
 * query costs more than running it. Parameters are `sql.placeholder`s, filled
 * per call: in a WHERE clause (or through `bound`) a value is bound as given,
 * a time as its milliseconds; in an INSERT's VALUES it goes through the
 * column's own mapping, a time as a Date.
 */
export function preparedPerDatabase<Query>(build: (db: Db) => Query): (db: Db) => Query {
  const cache = new WeakMap<Db, Query>();
  return (db) => {
    const cached = cache.get(db);
    if (cached) return cached;
    const query = build(db);
    cache.set(db, query);
    return query;
  };
}

/** A placeholder where drizzle's types want an SQL expression (an UPDATE's SET): bound as given, a time as its milliseconds. */
export const bound = (name: string): SQL => sql`${sql.placeholder(name)}`;
