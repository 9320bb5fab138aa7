import type { Db } from './client.js';

/**
 * Statements of the busy paths (every relayed message runs them), built once per database handle:
 * drizzle otherwise builds a query's SQL text from its parts at every call, most of its cost per
 * statement (issue #14's profile). Values go in as `sql.placeholder`s.
 *
 * A prepared UPDATE must set `updatedAt` itself (`sql\`now()\``): the column's `$onUpdate` default is
 * computed when the statement is built, and would be frozen.
 */
export function preparedFor<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statements = built.get(db);
    if (!statements) {
      statements = build(db);
      built.set(db, statements);
    }
    return statements;
  };
}
