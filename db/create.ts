import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Folder of the committed migrations, resolved from the project root (where npm scripts and Next run). */
export const migrationsFolder = path.resolve(process.cwd(), "drizzle");

/**
 * Opens (creating if needed) a SQLite database at `file` — or ":memory:" — and applies every pending
 * migration. WAL and a busy timeout let the web server and scripts share the file; foreign keys are
 * off by default in SQLite and must be switched on per connection.
 */
export function createDb(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle({ client: sqlite, schema, casing: "snake_case" });
  migrate(db, { migrationsFolder });
  return db;
}


/** A transaction handle, or the database itself: what synchronous query helpers run on. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Runner = Db | Tx;
