/**
 * Statements built once per database (issue #15): `perDatabase(build)` returns a function that gives the same
 * built statements for the same database handle, building them on first use. Hot paths prepare their Drizzle
 * queries in `build` (`.prepare(name)` with `sql.placeholder`), so the SQL is not rebuilt per request and, on
 * PostgreSQL, each pooled connection parses and plans a named statement once. Tests open many databases in one
 * process: each gets its own statements, and they go with the database (WeakMap).
 */
import type { Db } from './client';

export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}
