import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Db } from "@/db/create";

/**
 * A digest of every row of every table, per table name: "nothing changed" means equal maps. Each table's rows
 * are read in the order of all their columns (so the digest does not depend on where SQLite put a row, and
 * WITHOUT ROWID tables such as FTS5's shadow tables work too), serialised (a blob as its bytes) and hashed, so a
 * changed column is caught where `count(*)` or `max(updated_at)` would not see it (9 tables have no
 * updated_at). Virtual tables are skipped: their shadow tables (posting_search_data, …) hold what they store.
 * Some 30 ms for the test world with its reference taxonomies.
 */
export function tableChecksums(db: Db | Database.Database): Record<string, string> {
  const client = "$client" in db ? db.$client : db;
  const tables = client
    .prepare("select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL%' order by name")
    .pluck()
    .all() as string[];
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const columns = (client.prepare(`select count(*) from pragma_table_info(?)`).pluck().get(table) as number) || 1;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(", ");
    const rows = client.prepare(`select * from ${quoted} order by ${order}`).raw().all() as unknown[][];
    sums[table] = `${rows.length}:${createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 16)}`;
  }
  return sums;
}

/** The tables whose digest differs between two checksum maps (added or dropped tables included). */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
