/**
 * `npm run db:restore -- <backup file>`: replaces the database with a backup after checking it. Restart the
 * server afterwards: its search index was built from the data that was replaced. SQLite only: a PostgreSQL
 * database is restored with PostgreSQL's own tools (pg_restore).
 */
import { restoreDatabase } from "../db/backup";
import { configuredEngine } from "../db/engine";
import { env } from "../server/env";

if (configuredEngine() === "postgres") {
  console.error("db:restore 仅用于 SQLite is for SQLite databases; on PostgreSQL (DATABASE_URL) use pg_restore, e.g. pg_restore --clean -d \"$DATABASE_URL\" edubridge.dump");
  process.exit(2);
}
const backup = process.argv[2];
if (!backup) {
  console.error("用法 usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
const result = await restoreDatabase(backup, env().DATABASE_PATH);
console.log(`已恢复 restored ${backup} → ${result.file} (integrity ${result.check}); 请重启服务 restart the server.`);
