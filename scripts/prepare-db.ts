/**
 * Creates and migrates the database, loads the reference taxonomies when they changed, and fills an
 * empty database with the demo data set. Safe to run on every start, on either engine: SQLite at
 * DATABASE_PATH, or PostgreSQL when DATABASE_URL=postgres://… (db/engine.ts).
 */
import { connectPostgresDb, createSqliteDb, migratePostgresDb, type Db } from "../db/create";
import { configuredEngine, isPostgresUrl } from "../db/engine";
import { loadReferenceData } from "../db/reference";
import { demoAccounts, demoInvitationCode, demoPassword, isEmpty, seedDemoData } from "./seed/seed";
import { env } from "../server/env";
import { moveDiskCvsIntoDatabase } from "../server/students/cv";

/** Session-level advisory lock key ("EDBM") held while one instance migrates and seeds; others wait for it. */
const prepareLockKey = 0x4544424d;

interface PrepareOptions {
  /** Fill an empty database with the demo data set (the test template leaves it out). */
  demo?: boolean;
  quiet?: boolean;
}

/**
 * `location`: a SQLite file (default DATABASE_PATH) or, when this process runs on PostgreSQL, a postgres:// URL
 * (default DATABASE_URL). The engine is the process's (the tables are chosen when the schema loads): a URL in a
 * SQLite process is refused rather than half-served.
 */
export async function prepareDatabase(location?: string, { demo = true, quiet = false }: PrepareOptions = {}) {
  const started = Date.now();
  const log = quiet ? () => {} : (line: string) => console.log(line);
  /** `cvDatabasePath`: whose uploads folder holds CVs of the pre-issue-17 kind to move into the database, or none. */
  const steps = async (db: Db, cvDatabasePath: string | null) => {
    if (cvDatabasePath) {
      const cvs = await moveDiskCvsIntoDatabase(db, cvDatabasePath);
      if (cvs.moved || cvs.removed) log(`简历已移入数据库 CVs moved from disk into the database: ${cvs.moved} (${cvs.removed} stale files removed)`);
    }
    const loaded = await loadReferenceData(db);
    if (loaded.length) log(`参考数据已载入 reference data loaded: ${loaded.join(", ")}`);
    if (demo && (await isEmpty(db))) {
      const summary = await seedDemoData(db);
      log(`演示数据已生成 demo data: ${summary.schools} schools, ${summary.enterprises} enterprises, ${summary.students} students, ${summary.postings} postings, ${summary.applications} applications`);
    }
  };

  if (configuredEngine() === "postgres") {
    const url = location ?? env().DATABASE_URL!;
    if (!isPostgresUrl(url)) throw new Error(`prepareDatabase: this process runs on PostgreSQL (DATABASE_URL); "${location}" is not a postgres:// URL`);
    const db = connectPostgresDb(url, { max: 2 });
    // Instances starting together: one migrates and seeds while the others wait, then find it done.
    const lock = await db.$client.reserve();
    try {
      await lock`select pg_advisory_lock(${prepareLockKey})`;
      await migratePostgresDb(db);
      // This machine's old CV files, when preparing the process's own database (not a test or copy target).
      await steps(db as unknown as Db, location === undefined ? env().DATABASE_PATH : null);
      await lock`select pg_advisory_unlock(${prepareLockKey})`;
    } finally {
      lock.release();
      await db.$client.end({ timeout: 5 });
    }
    log(`数据库就绪 database ready: ${redacted(url)} (${Date.now() - started} ms)`);
    return;
  }

  if (isPostgresUrl(location)) {
    throw new Error("prepareDatabase: a postgres:// location needs DATABASE_URL set to PostgreSQL for the whole process (the tables are chosen at start)");
  }
  const file = location ?? env().DATABASE_PATH;
  const db = createSqliteDb(file);
  try {
    await steps(db, file);
  } finally {
    db.$client.close();
  }
  log(`数据库就绪 database ready: ${file} (${Date.now() - started} ms)`);
}

/** A connection URL without its password, for logs. */
function redacted(url: string): string {
  const shown = new URL(url);
  if (shown.password) shown.password = "***";
  return shown.toString();
}

export function printDemoAccounts(url: string) {
  const roles: Record<string, string> = { admin: "管理员 admin", school: "学校 school", enterprise: "企业 enterprise", student: "学生 student" };
  console.log(`\n产教桥 EduBridge → ${url}\n演示账号 Demo accounts (密码 password: ${demoPassword})`);
  for (const a of demoAccounts) console.log(`  ${roles[a.role]!.padEnd(16)} ${a.email}`);
  console.log(`  学生注册邀请码 student invitation code: ${demoInvitationCode}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepareDatabase();
  printDemoAccounts(`http://localhost:${env().PORT}`);
}
