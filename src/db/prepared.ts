import type { Db } from './client.ts';

/**
 * A drizzle query built and prepared once per database, for the queries that
 * run on every message or for every member in a planner burst: building a
 * query costs more than running it. Parameters are `sql.placeholder`s, filled
 * per call; a placeholder in a WHERE clause is bound as given (a time as its
 * milliseconds), one in VALUES or SET goes through the column's own mapping.
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
