import { env } from "./env";
import { connectPostgresDb, createSqliteDb, type Db } from "../db/create";
import { configuredEngine } from "../db/engine";

// One connection (SQLite) or one pool (PostgreSQL) per server process; kept on globalThis so that Next's dev
// reloads do not open more.
const globalForDb = globalThis as unknown as { edubridgeDb?: Db };

/**
 * The process-wide database. SQLite: the file at DATABASE_PATH, migrated on first use. PostgreSQL
 * (DATABASE_URL=postgres://…): a pool on that database, not migrated here — `npm start` (scripts/prepare-db.ts)
 * migrates once, before any instance serves. Tests build their own with tests/helpers/db.ts instead.
 */
export function getDb(): Db {
  globalForDb.edubridgeDb ??= configuredEngine() === "postgres" ? (connectPostgresDb(env().DATABASE_URL!) as unknown as Db) : createSqliteDb(env().DATABASE_PATH);
  return globalForDb.edubridgeDb;
}

/** Whether `db` is the process-wide database (getDb), as against a test's or a script's own. */
export function isProcessDb(db: Db): boolean {
  return db === globalForDb.edubridgeDb;
}

/**
 * The database reports read (issue 17: reports off the primary) — the one place that decides, called by
 * createContext. The process-wide database (getDb) reads its reports from REPORTS_DATABASE_URL, a PostgreSQL read
 * replica, when that is set; any other database (a test's, a script's) reads its reports from itself.
 */
export function reportsDbFor(db: Db): Db {
  return db === globalForDb.edubridgeDb ? openReportsDb(db, env().REPORTS_DATABASE_URL) : db;
}

// On globalThis, like the primary, so that Next's dev reloads do not open more pools.
const reportPools = ((globalThis as unknown as { edubridgeReportPools?: Map<string, Db> }).edubridgeReportPools ??= new Map<string, Db>());

/** `primary` itself without a URL; else one pool per URL (opened on first use, kept for the process). */
export function openReportsDb(primary: Db, url: string | undefined): Db {
  if (!url) return primary;
  let pool = reportPools.get(url);
  if (!pool) reportPools.set(url, (pool = connectPostgresDb(url) as unknown as Db));
  return pool;
}
