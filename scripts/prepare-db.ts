/**
 * Creates and migrates the database, loads the reference taxonomies when they changed, and fills an
 * empty database with the demo data set. Safe to run on every start.
 */
import { createDb } from "../db/create";
import { loadReferenceData } from "../db/reference";
import { demoAccounts, demoInvitationCode, demoPassword, isEmpty, seedDemoData } from "./seed/seed";
import { env } from "../server/env";

export async function prepareDatabase(file = env().DATABASE_PATH) {
  const started = Date.now();
  const db = createDb(file);
  const loaded = loadReferenceData(db);
  if (loaded.length) console.log(`参考数据已载入 reference data loaded: ${loaded.join(", ")}`);
  if (await isEmpty(db)) {
    const summary = await seedDemoData(db);
    console.log(`演示数据已生成 demo data: ${summary.schools} schools, ${summary.enterprises} enterprises, ${summary.students} students, ${summary.postings} postings, ${summary.applications} applications`);
  }
  db.$client.close();
  console.log(`数据库就绪 database ready: ${file} (${Date.now() - started} ms)`);
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
