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
