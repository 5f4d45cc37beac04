/**
 * Copies an existing SQLite database into an empty PostgreSQL database, so an installation that started
 * on one machine can move to PostgreSQL under several instances:
 *
 *   npm run db:copy -- --to postgres://user:pass@host:5432/edubridge [--from data/edubridge.db] [--batch 2000]
 *
 * The target is migrated first and must hold no rows. Tables are copied in dependency order (a table
 * after the tables its foreign keys name), in batches read by rowid, with a progress line per table. At
 * the end every table's row count and checksum are compared on both sides and printed; any difference
 * makes the command fail. Rows are compared as the application sees them (dates, booleans, JSON), so
 * the checksum proves the data means the same on both engines, not merely that bytes were moved.
 *
 * Triggers: as the owner of the database (superuser), the copy runs with triggers off
 * (session_replication_role = replica) and copies the derived tables too; otherwise the derived tables
 * (student_supply) are left to PostgreSQL's triggers and their checksums then prove the triggers agree.
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { getTableColumns, getTableName, is, sql, Table } from "drizzle-orm";
import { getTableConfig as getPgTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { mergePendingSearchEntries } from "../db/bulk-load";
import { connectPostgresDb, createSqliteDb, migratePostgresDb, type Db, type PostgresDb, type SqliteDb } from "../db/create";
import { isPostgresUrl } from "../db/engine";
import * as pgSchema from "../db/schema/pg";
import * as sqliteSchema from "../db/schema/sqlite";

/** Tables whose rows triggers derive from other tables: left to the triggers when they cannot be switched off. */
// report_*: the report aggregates (drizzle reports_custom), kept by triggers like student_supply.
const derivedTables = new Set(["student_supply", "report_posting_demand", "report_demand", "report_supply", "report_posting_counts", "report_status_counts"]);
/** PostgreSQL-only stand-ins for SQLite's rowid: generated there, in the order rows arrive. */
const generatedColumns = new Set(["rowid"]);

interface Pair {
  name: string;
  key: string;
  source: SQLiteTable;
  target: PgTable;
}

/** The tables of both schemas by exported name, in an order where every table follows those it references. */
export function tablesInDependencyOrder(): Pair[] {
  const pairs = new Map<string, Pair>();
  for (const [key, value] of Object.entries(sqliteSchema)) {
    if (!is(value, Table)) continue;
    const target = (pgSchema as Record<string, unknown>)[key];
    if (!is(target, Table)) throw new Error(`PostgreSQL schema has no table ${key}`);
    pairs.set(getTableName(value), { name: getTableName(value), key, source: value as SQLiteTable, target: target as PgTable });
  }
  const ordered: Pair[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (pair: Pair) => {
    if (state.get(pair.name) === "done" || state.get(pair.name) === "visiting") return;
    state.set(pair.name, "visiting");
    for (const fk of getSqliteTableConfig(pair.source).foreignKeys) {
      const referenced = getTableName(fk.reference().foreignTable);
      const dependency = pairs.get(referenced);
      if (dependency && referenced !== pair.name) visit(dependency);
    }
    state.set(pair.name, "done");
    ordered.push(pair);
  };
  for (const pair of [...pairs.values()].sort((a, b) => a.name.localeCompare(b.name))) visit(pair);
  return ordered;
}

/** Whether a table stores files (a blob column): read and written a few rows at a time. */
function holdsFiles(pair: Pair): boolean {
  return Object.values(getTableColumns(pair.source)).some((c) => c.getSQLType() === "blob");
}

/** A row as the application sees it, in a form both engines give alike: keys sorted, dates as ms, no generated columns. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  // Files (CVs): their digest, not an object of a million numbered bytes.
  if (value instanceof Uint8Array) return `sha256:${createHash("sha256").update(value).digest("hex")}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => !generatedColumns.has(k))
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value ?? null;
}

/** Order-independent checksum: the sum of every row's hash (collations differ between the engines, so no ORDER BY is trusted). */
class Checksum {
  private sum = 0n;
  rows = 0;
  add(row: unknown) {
    const digest = createHash("sha256").update(JSON.stringify(canonical(row))).digest();
    this.sum = (this.sum + digest.readBigUInt64BE(0)) & 0xffffffffffffffffn;
    this.rows++;
  }
  get hex() {
    return this.sum.toString(16).padStart(16, "0");
  }
}

async function* sqliteBatches(db: SqliteDb, table: SQLiteTable, batch: number) {
  const columns = getTableColumns(table);
  let last = 0;
  for (;;) {
    const rows = await db
      .select({ ...columns, copyRowid: sql<number>`rowid`.as("copy_rowid") })
      .from(table)
      .where(sql`rowid > ${last}`)
      .orderBy(sql`rowid`)
      .limit(batch);
    if (rows.length === 0) return;
    last = rows.at(-1)!.copyRowid;
    yield rows.map(({ copyRowid: _, ...row }) => row);
  }
}

async function* postgresBatches(db: PostgresDb, table: PgTable, batch: number) {
  const config = getPgTableConfig(table);
  const key = config.primaryKeys[0]?.columns ?? Object.values(getTableColumns(table)).filter((c) => c.primary);
  if (key.length === 0) throw new Error(`${config.name} has no primary key to page by`);
  // Keyset paging by primary key (a row comparison for composite keys): OFFSET would re-read every earlier row.
  let after: unknown[] | null = null;
  for (;;) {
    const from: unknown[] | null = after;
    const rows: Record<string, unknown>[] = await db
      .select()
      .from(table)
      .where(from ? sql`(${sql.join(key, sql`, `)}) > (${sql.join(from.map((v) => sql`${v}`), sql`, `)})` : undefined)
      .orderBy(...key)
      .limit(batch);
    if (rows.length === 0) return;
    const last = rows.at(-1)!;
    after = key.map((column) => last[Object.entries(getTableColumns(table)).find(([, c]) => c.name === column.name)![0]]);
    yield rows;
  }
}

function progress(name: string, done: number, total: number) {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r${name.padEnd(28)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done.toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")}`);
}

export interface CopyResult {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ms: number;
}

export async function copyDatabase(source: SqliteDb, target: PostgresDb, { batch = 2000, log = console.log } = {}): Promise<CopyResult[]> {
  await migratePostgresDb(target);
  const pairs = tablesInDependencyOrder();
  for (const pair of pairs) {
    const [{ n }] = (await target.execute(sql`select count(*)::int as n from ${sql.identifier(pair.name)}`)) as unknown as [{ n: number }];
    if (n > 0) throw new Error(`目标数据库不是空的：${pair.name} 已有 ${n} 行 (the target database is not empty: ${pair.name} has ${n} rows)`);
  }
  const copyStarted = Date.now();
  const results = new Map<string, CopyResult>(pairs.map((p) => [p.name, { table: p.name, sourceRows: 0, targetRows: 0, sourceChecksum: "", targetChecksum: "", ms: 0 }]));
  await target.transaction(async (tx) => {
    const [{ superuser }] = (await tx.execute(sql`select current_setting('is_superuser') = 'on' as superuser`)) as unknown as [{ superuser: boolean }];
    const triggersOff = superuser;
    if (triggersOff) await tx.execute(sql`set local session_replication_role = replica`);
    if (!triggersOff) log("触发器保持开启（非超级用户）：派生表由触发器生成 — triggers stay on (not a superuser): derived tables are built by them");
    for (const pair of pairs) {
      if (!triggersOff && derivedTables.has(pair.name)) continue;
      const started = Date.now();
      const total = (await source.select({ n: sql<number>`count(*)` }).from(pair.source))[0]!.n;
      const insertable = Object.entries(getTableColumns(pair.target)).filter(([, c]) => !generatedColumns.has(c.name)).map(([k]) => k);
      let done = 0;
      // PostgreSQL takes at most 65,535 parameters per statement: wide tables get smaller batches.
      // Tables holding files (up to 2 MB a row) go a few rows at a time.
      const rowsPerInsert = holdsFiles(pair) ? 8 : Math.max(1, Math.min(batch, Math.floor(60_000 / insertable.length)));
      for await (const rows of sqliteBatches(source, pair.source, rowsPerInsert)) {
        const values = rows.map((row) => Object.fromEntries(insertable.map((k) => [k, (row as Record<string, unknown>)[k]])));
        await tx.insert(pair.target).values(values);
        done += rows.length;
        progress(pair.name, done, total);
      }
      if (process.stderr.isTTY) process.stderr.write("\n");
      results.get(pair.name)!.ms = Date.now() - started;
    }
    // The search tokens' posting lists (PostgreSQL only, no SQLite twin): their triggers were off with the others.
    if (triggersOff) await tx.execute(sql`select posting_terms_rebuild()`);
  });
  // Fresh statistics: until autovacuum gets to it, the planner would take the new tables for empty (a search's
  // refresh fell back to a full scan right after a bulk load).
  await target.execute(sql`analyze`);
  await mergePendingSearchEntries(target as unknown as Db);
  // Verified after commit, from what PostgreSQL now holds.
  const verifyStarted = Date.now();
  const compared = await compareDatabases(source, target, { batch });
  log(`复制 copied in ${((verifyStarted - copyStarted) / 1000).toFixed(1)} s; 校验 verified in ${((Date.now() - verifyStarted) / 1000).toFixed(1)} s`);
  return compared.map((r) => ({ ...r, ms: results.get(r.table)!.ms }));
}

/** Row counts and checksums of every table on both sides (`ms` is 0: nothing was copied). */
export async function compareDatabases(source: SqliteDb, target: PostgresDb, { batch = 2000 } = {}): Promise<CopyResult[]> {
  const results: CopyResult[] = [];
  for (const pair of tablesInDependencyOrder()) {
    const sourceSum = new Checksum();
    const rowsPerRead = holdsFiles(pair) ? 8 : batch;
    for await (const rows of sqliteBatches(source, pair.source, rowsPerRead)) for (const row of rows) sourceSum.add(row);
    const targetSum = new Checksum();
    for await (const rows of postgresBatches(target, pair.target, rowsPerRead)) for (const row of rows) targetSum.add(row);
    results.push({ table: pair.name, sourceRows: sourceSum.rows, targetRows: targetSum.rows, sourceChecksum: sourceSum.hex, targetChecksum: targetSum.hex, ms: 0 });
  }
  return results;
}

async function main() {
  const { values } = parseArgs({
    options: { to: { type: "string" }, from: { type: "string" }, batch: { type: "string", default: "2000" } },
  });
  const url = values.to ?? process.env.DATABASE_URL;
  if (!isPostgresUrl(url)) {
    console.error("用法 usage: npm run db:copy -- --to postgres://user:password@host:5432/database [--from data/edubridge.db]");
    process.exit(2);
  }
  const file = values.from ?? process.env.DATABASE_PATH ?? "data/edubridge.db";
  const started = Date.now();
  const source = createSqliteDb(file, { migrations: true });
  const target = connectPostgresDb(url, { max: 2 });
  try {
    const results = await copyDatabase(source, target, { batch: Number(values.batch) });
    let bad = 0;
    console.log(`\n${"表 table".padEnd(28)} ${"SQLite".padStart(10)} ${"PostgreSQL".padStart(10)}  checksum`);
    for (const r of results) {
      const same = r.sourceRows === r.targetRows && r.sourceChecksum === r.targetChecksum;
      if (!same) bad++;
      console.log(`${r.table.padEnd(28)} ${r.sourceRows.toLocaleString("zh-CN").padStart(10)} ${r.targetRows.toLocaleString("zh-CN").padStart(10)}  ${r.sourceChecksum} ${same ? "=" : "≠"} ${r.targetChecksum}`);
    }
    const rows = results.reduce((s, r) => s + r.sourceRows, 0);
    console.log(`\n${bad ? `✗ ${bad} 个表不一致 tables differ` : "✓ 全部一致 every table matches"} — ${rows.toLocaleString("zh-CN")} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (bad) process.exitCode = 1;
  } finally {
    source.$client.close();
    await target.$client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
