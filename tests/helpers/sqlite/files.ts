/**
 * Reading SQLite database files directly (better-sqlite3, read-only), for the tests about the files themselves:
 * backups, restores, a process killed mid-write. SQLite by nature: PostgreSQL has no database file to open.
 */
import Database from "better-sqlite3";

/** Every table's rows, in a stable order: two databases with equal dumps hold the same data. */
export function dumpDatabaseFile(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  const out = tables.map(({ name }) => `${name}\n${JSON.stringify(db.prepare(`select * from "${name}" order by 1`).raw().all())}`).join("\n");
  db.close();
  return out;
}

/** The first column of the first row of `sql` on the file (a count, a maximum). */
export function scalarOfFile(file: string, sql: string) {
  const db = new Database(file, { readonly: true });
  const n = (db.prepare(sql).raw().get() as number[])[0]!;
  db.close();
  return n;
}
