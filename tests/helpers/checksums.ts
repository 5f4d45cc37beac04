import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type Database from "better-sqlite3";
import type { Db, PostgresDb, SqliteDb } from "@/db/create";
import { isPostgres } from "@/db/transaction";

/**
 * A digest of every row of every table, per table name: "nothing changed" means equal maps. Each table's rows
 * are read in the order of all their columns (so the digest does not depend on where the engine put a row, and
 * SQLite's WITHOUT ROWID tables such as FTS5's shadow tables work too), serialised (a blob as its bytes) and
 * hashed, so a changed column is caught where `count(*)` or `max(updated_at)` would not see it (9 tables have no
 * updated_at). SQLite's virtual tables are skipped: their shadow tables (posting_search_data, …) hold what they
 * store. On PostgreSQL: every ordinary table of the current schema (information_schema), ordered by each column
 * as text (any type sorts that way, json too). Some 30 ms for the test world with its reference taxonomies.
 */
export async function tableChecksums(db: Db | Database.Database): Promise<Record<string, string>> {
  // PostgreSQL first: a transaction (tests/helpers/db.ts withThrowawayCopy) has no $client of its own.
  if (isPostgres(db as Db)) return postgresChecksums(db as unknown as PostgresDb);
  if (!("$client" in db)) return sqliteChecksums(db as Database.Database);
  return sqliteChecksums((db as unknown as SqliteDb).$client);
}

/* eslint-disable no-restricted-syntax -- better-sqlite3's own statements: this half is SQLite's (sqlite_master, pragma_table_info) */
function sqliteChecksums(client: Database.Database): Record<string, string> {
  const tables = client
    .prepare("select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL%' order by name")
    .pluck()
    .all() as string[];
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const columns = (client.prepare(`select count(*) from pragma_table_info(?)`).pluck().get(table) as number) || 1;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(", ");
    const rows = client.prepare(`select * from ${quote(table)} order by ${order}`).raw().all() as unknown[][];
    sums[table] = digest(rows);
  }
  return sums;
}
/* eslint-enable no-restricted-syntax */

async function postgresChecksums(db: PostgresDb): Promise<Record<string, string>> {
  // Through drizzle, not the driver's handle: a transaction (withThrowawayCopy) has no handle of its own.
  const columns = (await db.execute(sql`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`)) as unknown as { table_name: string; column_name: string }[];
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  const sums: Record<string, string> = {};
  for (const table of [...byTable.keys()].sort()) {
    const order = byTable.get(table)!.map((column) => `${quote(column)}::text`).join(", ");
    const rows = ((await db.execute(sql.raw(`select * from ${quote(table)} order by ${order}`))) as unknown as Record<string, unknown>[]).map((row) => Object.values(row));
    sums[table] = digest(rows);
  }
  return sums;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function digest(rows: unknown[][]): string {
  return `${rows.length}:${createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 16)}`;
}

/**
 * Rate-limit counters (server/security/rate-limit.ts): a refused attempt is meant to count, so it changes them. On
 * PostgreSQL they are the rate_limits table; on SQLite the process's memory, which no checksum sees. Not data.
 */
const countersOnly = new Set(["rate_limits"]);

/** The tables whose digest differs between two checksum maps (added or dropped tables included). */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !countersOnly.has(name) && before[name] !== after[name]).sort();
}
