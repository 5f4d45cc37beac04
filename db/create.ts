import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { LruMap } from "./collections";
import { noteStatement } from "./local-writes";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

type Schema = typeof sqliteSchema;

export type SqliteDb = BetterSQLite3Database<Schema> & { $client: Database.Database };
export type PostgresDb = PostgresJsDatabase<typeof pgSchema> & { $client: postgres.Sql };

/**
 * What shared code gets: the query builders and relational queries both engines have, awaited.
 * SQLite's synchronous raw calls, its synchronous transactions and the driver handle are left out of
 * the type, so code written against it runs on PostgreSQL too; transactions go through
 * db/transaction.ts, raw SQL through db/sql.ts, and engine-specific code takes SqliteDb or PostgresDb.
 */
export type Db = Omit<SqliteDb, "get" | "all" | "run" | "values" | "$client" | "transaction" | "batch">;
/** Kept for readability where a function is meant to run inside a transaction: the same handle type. */
export type Tx = Db;
export type Runner = Db;

/** Folders of the committed migrations, resolved from the project root (where npm scripts and Next run). */
export const migrationsFolder = path.resolve(process.cwd(), "drizzle/sqlite");
export const postgresMigrationsFolder = path.resolve(process.cwd(), "drizzle/pg");

/**
 * Opens (creating if needed) a SQLite database at `file` — or ":memory:" — and applies every pending
 * migration. WAL and a busy timeout let the web server and scripts share the file; foreign keys are
 * off by default in SQLite and must be switched on per connection.
 */
export function createSqliteDb(file: string, { migrations = true } = {}): SqliteDb {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  keepPreparedStatements(sqlite);
  const db = drizzle({ client: sqlite, schema: sqliteSchema, casing: "snake_case" });
  if (migrations) migrate(db, { migrationsFolder });
  return db;
}

/** Numbers the pools of this process: postgres.js numbers connections within a pool only. */
let pools = 0;

/**
 * A pool of connections to PostgreSQL at `url`. Counts and sums come back as numbers (postgres.js
 * gives int8 and numeric as strings; no count here nears 2^53). Nothing is migrated: call
 * migratePostgresDb once at start (scripts/prepare-db.ts), not in every instance's request path.
 */
export function connectPostgresDb(url: string, { max = 10 } = {}): PostgresDb {
  const pool = ++pools;
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // Every statement passes here before it is sent: writes and commits are noted for the search index's freshness.
    debug: (connection, query) => noteStatement(query, `${pool}.${connection}`),
    types: {
      bigint: { to: 20, from: [20, 1700], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
    },
  });
  return drizzlePostgres({ client: preparingStatements(client), schema: pgSchema, casing: "snake_case" });
}

/**
 * Statements with parameters are prepared once per connection and reused. drizzle sends each query unnamed, so
 * PostgreSQL parsed and planned it every time: about 0.4 ms of a 0.8 ms primary-key read, and a match or search
 * runs a dozen queries. postgres.js keeps the statements per connection (dropped when a connection retires, after
 * 30–60 minutes) and re-prepares one a migration invalidated. Transactions get their own connection's `sql`, so it
 * is wrapped too. Behind a pooler in transaction mode older than PgBouncer 1.21, set DATABASE_PREPARE=off.
 */
function preparingStatements<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  if (process.env.DATABASE_PREPARE === "off") return sql;
  const unsafe = sql.unsafe.bind(sql) as (query: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) => unknown;
  (sql as { unsafe: unknown }).unsafe = (query: string, args: unknown[] = [], options: postgres.UnsafeQueryOptions = {}) => unsafe(query, args, args.length ? { ...options, prepare: true } : options);
  if ("begin" in sql) {
    const begin = sql.begin.bind(sql) as (...args: unknown[]) => unknown;
    (sql as { begin: unknown }).begin = (...args: unknown[]) => {
      const body = args.pop() as (tx: postgres.TransactionSql) => unknown;
      return begin(...args, (tx: postgres.TransactionSql) => body(preparingStatements(tx)));
    };
  }
  return sql;
}

export async function migratePostgresDb(db: PostgresDb) {
  await migratePostgres(db, { migrationsFolder: postgresMigrationsFolder });
}

/**
 * Prepared statements kept by their SQL, least recently used dropped past `limit`. drizzle prepares
 * every query it runs, and preparing costs about as much as running a small query, so a page's dozen
 * queries paid for it each time. A kept statement comes back with its result modes reset (raw, pluck,
 * expand off, as `prepare` gives them); one still being iterated is busy, and then a fresh one is made.
 */
function keepPreparedStatements(sqlite: Database.Database, limit = 500) {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new LruMap<string, Database.Statement>(limit);
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    const fresh = prepare(source);
    kept.set(source, fresh);
    return fresh;
  }) as typeof sqlite.prepare;
}
