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
