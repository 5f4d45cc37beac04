import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { tables } from "@/db/schema";
import { connectPostgresDb, createSqliteDb, type Db, type SqliteDb } from "@/db/create";
import { configuredEngine } from "@/db/engine";
import { loadReferenceData } from "@/db/reference";
import { isPostgres, withTransaction } from "@/db/transaction";
import type { Locale } from "@/server/i18n/messages";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";
import { dropNative } from "./gc";
import { copyDatabase, dropTestDatabase, onDrop, testDatabaseUrl, testPoolSize } from "./postgres-databases";

/** The database name of each PostgreSQL test database handed out here, for cloneDb. */
const postgresNames = new WeakMap<object, string>();

async function postgresTestDb(source?: string): Promise<Db> {
  const { name, url } = await copyDatabase(source, { disconnect: source !== undefined });
  const db = connectPostgresDb(url, { max: testPoolSize });
  postgresNames.set(db, name);
  onDrop(name, () => db.$client.end({ timeout: 5 }));
  return db as unknown as Db;
}

/**
 * A fresh database with the real migrations and the real reference data: in memory on SQLite; on PostgreSQL
 * (the pg project) a copy of the run's migrated template database, dropped when the test file ends.
 */
export async function createTestDb(): Promise<Db> {
  if (configuredEngine() === "postgres") return postgresTestDb();
  const db = createSqliteDb(":memory:");
  await loadReferenceData(db);
  return db;
}

/** A tRPC caller acting as the given user (or anonymous), through the same context as HTTP requests. */
export async function callerFor(db: Db, userId: string | null = null, locale: Locale = "zh-CN") {
  return createCaller(await createContext({ db, userId, locale }));
}

/**
 * An independent copy of a database (schema and data), to run each case of a large table on the same state.
 * On PostgreSQL the copy is CREATE DATABASE … TEMPLATE of the source, whose pool is disconnected for the copy
 * (PostgreSQL copies only a database nobody is connected to) and reconnects on its next query: do not clone a
 * database while queries on it are in flight.
 */
export async function cloneDb(db: Db): Promise<Db> {
  if (isPostgres(db)) {
    const name = postgresNames.get(db);
    if (!name) throw new Error("cloneDb on PostgreSQL copies only databases made by createTestDb/cloneDb");
    return postgresTestDb(name);
  }
  const bytes = (db as unknown as SqliteDb).$client.serialize();
  const client = new Database(bytes);
  client.pragma("foreign_keys = ON");
  // The copy has its own memory; the serialized bytes are garbage from here (tests/helpers/gc.ts).
  await dropNative(bytes.byteLength);
  return Object.assign(drizzle({ client, schema: tables, casing: "snake_case" }), { $client: client });
}

/**
 * Done with a test database before its file ends (a copy made for one case of hundreds): on PostgreSQL its pool
 * is closed and the database dropped now, which keeps the server's disk and connections small; on SQLite the
 * connection is closed. The database must not be used afterwards.
 */
export async function releaseTestDb(db: Db): Promise<void> {
  if (isPostgres(db)) {
    const name = postgresNames.get(db);
    if (name) await dropTestDatabase(name);
    return;
  }
  (db as unknown as SqliteDb).$client.close();
}

/** The PostgreSQL URL of a test database (for a child process that connects to it), or undefined on SQLite. */
export function testDbUrl(db: Db): string | undefined {
  const name = isPostgres(db) ? postgresNames.get(db) : undefined;
  return name ? testDatabaseUrl(name) : undefined;
}

const throwAway = Symbol("throw away");

/**
 * Runs `fn` on a copy of `db` that is thrown away afterwards: what one case of a large table (every procedure ×
 * every caller) needs. On SQLite a copy in memory (serialising is quick); on PostgreSQL a transaction rolled
 * back at the end — a copied database costs ~250 ms, which made the authorisation tables take minutes. The
 * procedures' own transactions nest in it as savepoints (db/transaction.ts), so a refused call is undone
 * exactly as it is on a database of its own.
 */
export async function withThrowawayCopy<T>(db: Db, fn: (copy: Db) => Promise<T>): Promise<T> {
  if (!isPostgres(db)) {
    const copy = await cloneDb(db);
    try {
      return await fn(copy);
    } finally {
      await releaseTestDb(copy);
    }
  }
  let result: { value: T } | undefined;
  try {
    await withTransaction(db, async (tx) => {
      result = { value: await fn(tx) };
      throw throwAway;
    });
  } catch (error) {
    if (error !== throwAway) throw error;
  }
  return result!.value;
}
