import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "@/db/schema";
import { createDb, type Db } from "@/db/create";
import { loadReferenceData } from "@/db/reference";
import type { Locale } from "@/server/i18n/messages";
import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";

/** A fresh in-memory database with the real migrations and the real reference data. */
export function createTestDb(): Db {
  const db = createDb(":memory:");
  loadReferenceData(db);
  return db;
}

/** A tRPC caller acting as the given user (or anonymous), through the same context as HTTP requests. */
export async function callerFor(db: Db, userId: string | null = null, locale: Locale = "zh-CN") {
  return createCaller(await createContext({ db, userId, locale }));
}

/** An independent copy of a database (schema and data), to run each case of a large table on the same state. */
export function cloneDb(db: Db): Db {
  const client = new Database(db.$client.serialize());
  client.pragma("foreign_keys = ON");
  return Object.assign(drizzle({ client, schema, casing: "snake_case" }), { $client: client });
}
