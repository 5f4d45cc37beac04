/**
 * `npm run db:backup [-- <file>]`: a consistent copy of the live database (SQLite online backup), by
 * default to data/backups/edubridge-<time>.db. Safe while the server runs. SQLite only: a PostgreSQL
 * database is backed up with PostgreSQL's own tools (pg_dump, or pg_basebackup and WAL archiving).
 */
import path from "node:path";
import { backupDatabase } from "../db/backup";
import { configuredEngine } from "../db/engine";
import { env } from "../server/env";

if (configuredEngine() === "postgres") {
  console.error("db:backup 仅用于 SQLite is for SQLite databases; on PostgreSQL (DATABASE_URL) use pg_dump, e.g. pg_dump -Fc \"$DATABASE_URL\" > edubridge.dump");
  process.exit(2);
}
const source = env().DATABASE_PATH;
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const target = process.argv[2] ?? path.join(path.dirname(source), "backups", `edubridge-${stamp}.db`);
const started = Date.now();
const result = await backupDatabase(source, target);
console.log(`备份完成 backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${Date.now() - started} ms, integrity ok)`);
