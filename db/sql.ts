import type { SQL } from "drizzle-orm";
import type { Db, PostgresDb, SqliteDb } from "./create";
import { isPostgres } from "./transaction";

/**
 * Raw SQL on either engine, for the few queries the query builder cannot say. Write the SQL both
 * engines understand where there is such a form; where there is not, `onEngine` picks one per engine.
 * PostgreSQL returns int8 and numeric as numbers here (db/create.ts), like SQLite.
 */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  if (isPostgres(db)) return (await (db as unknown as PostgresDb).execute(query)) as unknown as T[];
  return (db as unknown as SqliteDb).all<T>(query);
}

export async function rawFirst<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rawRows<T>(db, query))[0];
}

/** Runs a statement; returns how many rows it changed. */
export async function rawRun(db: Db, query: SQL): Promise<number> {
  if (isPostgres(db)) return (await (db as unknown as PostgresDb).execute(query)).count;
  return (db as unknown as SqliteDb).run(query).changes;
}

/** The value for this engine: a SQL fragment, a function, anything that differs between the two. */
export function onEngine<T>(db: Db, choices: { sqlite: T; postgres: T }): T {
  return isPostgres(db) ? choices.postgres : choices.sqlite;
}

/** The first row of a result, or undefined: what `.get()` was, for queries awaited on either engine. */
export function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}
