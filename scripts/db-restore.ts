/**
 * `npm run db:restore -- <backup file>`: replaces the database with a backup after checking it. Restart the
 * server afterwards: its search index was built from the data that was replaced.
 */
import { restoreDatabase } from "../db/backup";
import { env } from "../server/env";

const backup = process.argv[2];
if (!backup) {
  console.error("用法 usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
const result = await restoreDatabase(backup, env().DATABASE_PATH);
console.log(`已恢复 restored ${backup} → ${result.file} (integrity ${result.check}); 请重启服务 restart the server.`);
