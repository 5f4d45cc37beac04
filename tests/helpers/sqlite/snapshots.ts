/**
 * What the fuzz test asks of a SQLite database to tell whether a failed call wrote anything: the connection's
 * change counter, the database's bytes, and a row-by-row comparison with earlier bytes. SQLite by nature
 * (total_changes(), sqlite3_serialize); tests/helpers/write-watch.ts answers it on PostgreSQL another way.
 */
import Database from "better-sqlite3";
import type { Db, SqliteDb } from "@/db/create";
import { isPostgres } from "@/db/transaction";
import { changedTables, tableChecksums } from "../checksums";

/** The better-sqlite3 connection under a database handle; a clear refusal on PostgreSQL. */
export function sqliteClient(db: Db): Database.Database {
  if (isPostgres(db)) throw new Error("This test helper is SQLite-only (it reads the database file's bytes and change counter).");
  return (db as unknown as SqliteDb).$client;
}

/** Rows inserted, updated or deleted on this connection since it opened (rolled-back ones included). */
export function totalChanges(db: Db): number {
  return sqliteClient(db).prepare("select total_changes()").pluck().get() as number;
}

/** The whole database as bytes: equal bytes, equal data. */
export function databaseBytes(db: Db): Buffer {
  return sqliteClient(db).serialize();
}

/** The tables whose rows differ between a database's earlier bytes and the database now. */
export async function tablesChangedSince(before: Buffer, db: Db): Promise<string[]> {
  const previous = new Database(before);
  try {
    return changedTables(await tableChecksums(previous), await tableChecksums(db));
  } finally {
    previous.close();
  }
}
