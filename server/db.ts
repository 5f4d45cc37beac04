import { env } from "./env";
import { createDb, type Db } from "../db/create";

// One connection per server process; kept on globalThis so that Next's dev reloads do not open more.
const globalForDb = globalThis as unknown as { edubridgeDb?: Db };

/** The process-wide database, migrated on first use. Tests build their own with createDb instead. */
export function getDb(): Db {
  globalForDb.edubridgeDb ??= createDb(env().DATABASE_PATH);
  return globalForDb.edubridgeDb;
}
