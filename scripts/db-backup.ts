/**
 * `npm run db:backup [-- <file>]`: a consistent copy of the live database (SQLite online backup), by
 * default to data/backups/edubridge-<time>.db. Safe while the server runs.
 */
import path from "node:path";
import { backupDatabase } from "../db/backup";
import { env } from "../server/env";

const source = env().DATABASE_PATH;
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const target = process.argv[2] ?? path.join(path.dirname(source), "backups", `edubridge-${stamp}.db`);
const started = Date.now();
const result = await backupDatabase(source, target);
console.log(`备份完成 backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${Date.now() - started} ms, integrity ok)`);
