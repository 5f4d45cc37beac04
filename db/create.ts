import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { LruMap } from "./collections";
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
  keepPreparedStatements(sqlite);
  const db = drizzle({ client: sqlite, schema, casing: "snake_case" });
  migrate(db, { migrationsFolder });
  return db;
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

/** A transaction handle, or the database itself: what synchronous query helpers run on. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Runner = Db | Tx;
