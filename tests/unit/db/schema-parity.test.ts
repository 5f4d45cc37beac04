/**
 * db/schema/sqlite.ts and db/schema/pg.ts describe the same database (issue 16): shared code imports one set of
 * names (db/schema/index.ts) and runs on either engine. This fails when they drift apart: exported names, table
 * names, columns (SQL name, type, not null, primary key, defaults, enum values, unique), indexes (name, columns,
 * unique, partial WHERE), foreign keys (columns, target, on delete / on update) and composite primary keys.
 * Only the documented PostgreSQL-only columns (`rowid`, standing in for SQLite's implicit rowid) and their
 * unique indexes are left out.
 */
import { is, SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableConfig as pgTableConfig, PgDialect, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "@/db/schema/pg";
import * as sqliteSchema from "@/db/schema/sqlite";

/** PostgreSQL-only columns and indexes, by exported table name (see the comments in db/schema/pg.ts). */
const postgresOnly: Record<string, { columns: string[]; indexes: string[] }> = {
  postings: { columns: ["rowid"], indexes: ["postings_rowid_idx"] },
  complaintReplies: { columns: ["rowid"], indexes: ["complaint_replies_rowid_idx"] },
};

const sqliteDialect = new SQLiteSyncDialect({ casing: "snake_case" });
const pgDialect = new PgDialect({ casing: "snake_case" });

type AnyColumn = ReturnType<typeof sqliteTableConfig>["columns"][number] | ReturnType<typeof pgTableConfig>["columns"][number];

/** The SQL name of a column (or indexed column): its key in snake_case unless it was named explicitly. */
function sqlName(column: { name: string; keyAsName?: boolean }) {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

/** One type per pair: text↔text, integer↔integer/bigint, boolean integer↔boolean, timestamp_ms↔timestamptz(3), JSON text↔jsonb. */
function typeOf(column: AnyColumn): string {
  const c = column as unknown as { columnType: string; mode?: string; withTimezone?: boolean; precision?: number };
  switch (c.columnType) {
    case "SQLiteText":
    case "PgText":
      return "text";
    case "SQLiteInteger":
    case "PgInteger":
    case "PgBigInt53":
      return "integer";
    case "SQLiteBoolean":
    case "PgBoolean":
      return "boolean";
    case "SQLiteTimestamp":
      return c.mode === "timestamp_ms" ? "timestamp" : `SQLiteTimestamp(${c.mode})`;
    case "PgTimestamp":
      return c.withTimezone && c.precision === 3 ? "timestamp" : `PgTimestamp(tz ${c.withTimezone}, precision ${c.precision})`;
    case "SQLiteTextJson":
    case "PgJsonb":
      return "json";
    case "SQLiteBlobBuffer":
      return "bytes";
    case "PgCustomColumn":
      return (column as unknown as { getSQLType(): string }).getSQLType() === "bytea" ? "bytes" : c.columnType;
    default:
      return c.columnType;
  }
}

function render(value: unknown, dialect: SQLiteSyncDialect | PgDialect) {
  return is(value, SQL) ? dialect.sqlToQuery(value).sql : value;
}

function columnShape(column: AnyColumn) {
  const c = column as AnyColumn & { defaultFn?: unknown; onUpdateFn?: unknown; keyAsName: boolean };
  return {
    type: typeOf(column),
    notNull: c.notNull,
    primaryKey: c.primary,
    hasDefault: c.hasDefault,
    // SQL defaults differ by dialect (unixepoch vs now()): only that there is one is compared.
    default: is(c.default, SQL) ? "(sql)" : (c.default as unknown),
    defaultFn: typeof c.defaultFn === "function",
    onUpdateFn: typeof c.onUpdateFn === "function",
    enumValues: (c.enumValues as readonly string[] | undefined) ?? null,
    unique: c.isUnique ? (c.uniqueName ?? true) : false,
  };
}

function shape(exportName: string, table: SQLiteTable | PgTable) {
  const pg = is(table, PgTable);
  const config = pg ? pgTableConfig(table) : sqliteTableConfig(table);
  const dialect = pg ? pgDialect : sqliteDialect;
  const skip = pg ? postgresOnly[exportName] : undefined;
  const columns = Object.fromEntries(
    config.columns.filter((c) => !skip?.columns.includes(c.name)).map((c) => [c.name, { sqlName: sqlName(c), ...columnShape(c) }]),
  );
  const indexes = config.indexes
    .filter((i) => !skip?.indexes.includes(i.config.name ?? ""))
    .map((i) => ({
      name: i.config.name ?? "",
      columns: (i.config.columns as unknown[]).map((c) => (is(c, SQL) ? render(c, dialect) : sqlName(c as { name: string; keyAsName: boolean }))),
      unique: i.config.unique,
      where: i.config.where ? render(i.config.where, dialect) : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      return {
        columns: ref.columns.map(sqlName),
        table: is(ref.foreignTable, PgTable) ? pgTableConfig(ref.foreignTable).name : sqliteTableConfig(ref.foreignTable).name,
        foreignColumns: ref.foreignColumns.map(sqlName),
        onDelete: fk.onDelete ?? "no action",
        onUpdate: fk.onUpdate ?? "no action",
      };
    })
    .sort((a, b) => a.columns.join().localeCompare(b.columns.join()));
  return {
    name: config.name,
    columns,
    indexes,
    foreignKeys,
    primaryKeys: config.primaryKeys.map((pk) => ({ name: pk.getName(), columns: pk.columns.map(sqlName) })),
    uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.getName(), columns: u.columns.map(sqlName) })),
    checks: config.checks.map((c) => c.name),
  };
}

const sqliteTables = Object.entries(sqliteSchema).filter(([, v]) => is(v, SQLiteTable)) as [string, SQLiteTable][];
const pgTables = new Map(Object.entries(pgSchema).filter(([, v]) => is(v, PgTable)) as [string, PgTable][]);

describe("the PostgreSQL schema is the twin of the SQLite one", () => {
  it("exports the same names", () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
    expect([...pgTables.keys()].sort()).toEqual(sqliteTables.map(([name]) => name).sort());
    expect(sqliteTables.length).toBeGreaterThan(30);
  });

  it.each(sqliteTables)("%s: same table, columns, indexes and constraints", (name, table) => {
    const twin = pgTables.get(name);
    expect(twin, `db/schema/pg.ts exports no table ${name}`).toBeDefined();
    expect(shape(name, twin!)).toEqual(shape(name, table));
  });

  it("has the PostgreSQL-only rowid columns it documents, generated and uniquely indexed", () => {
    for (const [name, only] of Object.entries(postgresOnly)) {
      const config = pgTableConfig(pgTables.get(name)!);
      for (const column of only.columns) {
        const c = config.columns.find((x) => x.name === column);
        expect(c?.columnType, `${name}.${column}`).toBe("PgBigInt53");
        expect(c?.generatedIdentity?.type, `${name}.${column}`).toBe("always");
      }
      for (const index of only.indexes) {
        const i = config.indexes.find((x) => x.config.name === index);
        expect(i?.config.unique, index).toBe(true);
      }
    }
  });
});
