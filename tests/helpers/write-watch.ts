/**
 * Whether a call wrote to a database, and, when it failed, which tables it left changed (the fuzz test's "no
 * half-write" check). One interface, one way per engine:
 * - SQLite: the connection's change counter (total_changes(), rolled-back writes included), and the database's
 *   bytes before the call compared with after it, row by row when the bytes differ (tests/helpers/sqlite/snapshots.ts).
 * - PostgreSQL: a change log the watch installs in the source database before it is copied: a row trigger on every
 *   table appends (table name) to fuzz_change_log. Its id sequence moves with every row written, committed or rolled
 *   back (sequences ignore rollbacks), like SQLite's counter; the log's rows are only those of committed writes, so
 *   the tables a failed call left changed are the log's rows past the sequence value read before the call. An
 *   update that rewrote a row with the same values counts as a change here (SQLite's bytes would not show it).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/create";
import { rawRows, rawRun } from "@/db/sql";
import { isPostgres } from "@/db/transaction";
import { dropNative } from "./gc";
import { databaseBytes, tablesChangedSince, totalChanges } from "./sqlite/snapshots";

export interface AfterCall {
  /** The call wrote rows (perhaps rolled back since). */
  wrote: boolean;
  /** For a failed call that wrote: the tables whose rows differ from before the call (empty: all rolled back). */
  changed: string[];
  /** Full row-by-row comparisons made to know it (SQLite, when the bytes differed). */
  checksums: number;
}

export interface WriteWatch {
  before(db: Db): Promise<unknown>;
  after(db: Db, before: unknown, failed: boolean): Promise<AfterCall>;
}

/** A watch for `source` and the copies cloneDb makes of it afterwards (on PostgreSQL, make it before copying). */
export async function watchWrites(source: Db): Promise<WriteWatch> {
  return isPostgres(source) ? postgresWatch(source) : sqliteWatch(databaseBytes(source));
}

/**
 * SQLite: copies start as the source's bytes; a database's bytes are retaken after a call that wrote and succeeded
 * (native memory: each retaken snapshot drops the one before, see tests/helpers/gc.ts).
 */
function sqliteWatch(sourceBytes: Buffer): WriteWatch {
  const snapshots = new WeakMap<Db, Buffer | null>();
  const take = async (db: Db) => {
    const bytes = databaseBytes(db);
    await dropNative(bytes.byteLength);
    return bytes;
  };
  return {
    async before(db) {
      let bytes = snapshots.has(db) ? snapshots.get(db) : sourceBytes;
      if (!bytes) snapshots.set(db, (bytes = await take(db)));
      return { changes: totalChanges(db), bytes };
    },
    async after(db, token, failed) {
      const before = token as { changes: number; bytes: Buffer };
      if (totalChanges(db) === before.changes) return { wrote: false, changed: [], checksums: 0 };
      if (!failed) {
        snapshots.set(db, null);
        return { wrote: true, changed: [], checksums: 0 };
      }
      // Rolled back (fine) or half-written: the same bytes are the same rows; other bytes (pages moved by a
      // rollback) are compared row by row, every table.
      const after = await take(db);
      if (after.equals(before.bytes)) return { wrote: true, changed: [], checksums: 0 };
      const changed = await tablesChangedSince(before.bytes, db);
      snapshots.set(db, after);
      return { wrote: true, changed, checksums: 2 };
    },
  };
}

async function postgresWatch(source: Db): Promise<WriteWatch> {
  await rawRun(source, sql`create table fuzz_change_log (id bigserial primary key, table_name text not null)`);
  await rawRun(
    source,
    sql.raw(`create function fuzz_log_change() returns trigger language plpgsql as $$
      begin insert into fuzz_change_log (table_name) values (TG_TABLE_NAME); return null; end $$`),
  );
  // Rate-limit counters are not watched: refused attempts are meant to count (on SQLite they are in memory, unseen).
  const tables = await rawRows<{ table_name: string }>(
    source,
    sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'fuzz_change_log' and table_name <> 'rate_limits'`,
  );
  for (const { table_name } of tables) {
    await rawRun(source, sql`create trigger fuzz_log_change after insert or update or delete on ${sql.identifier(table_name)} for each row execute function fuzz_log_change()`);
  }
  const counter = async (db: Db) => (await rawRows<{ n: number }>(db, sql`select case when is_called then last_value else 0 end as n from fuzz_change_log_id_seq`))[0]!.n;
  return {
    async before(db) {
      return counter(db);
    },
    async after(db, token, failed) {
      const seen = token as number;
      if ((await counter(db)) === seen) return { wrote: false, changed: [], checksums: 0 };
      if (!failed) return { wrote: true, changed: [], checksums: 0 };
      const committed = await rawRows<{ table_name: string }>(db, sql`select distinct table_name from fuzz_change_log where id > ${seen} order by table_name`);
      return { wrote: true, changed: committed.map((r) => r.table_name), checksums: 0 };
    },
  };
}
