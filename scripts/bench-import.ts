/**
 * Times a school's roster import (server/imports/roster.ts) end to end on a fresh SQLite database file: a
 * 10,000-row XLSX read, checked (dry run) and imported in one transaction, accounts with activation codes, then
 * the activation sheet as XLSX. Target: the import ≤ 10 s. `npm run bench:import [-- --rows N]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { count } from "drizzle-orm";
import { createSqliteDb } from "../db/create";
import { loadReferenceData } from "../db/reference";
import { schoolSpecialties, users } from "../db/schema";
import { signUpSchool } from "../server/accounts/sign-up";
import { importRoster } from "../server/imports/roster";
import { activationTable } from "../server/imports/respond";
import { verifyOrganisation } from "../server/organisations/manage";
import { toXlsx } from "../server/reports/export";
import { signUpSchoolInput } from "../server/schemas/accounts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "10000" } } });
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
try {
  const db = createSqliteDb(join(dir, "bench.db"));
  await loadReferenceData(db);
  const school = await signUpSchool(
    db,
    signUpSchoolInput.parse({ name: "教务老师", email: "bench-school@example.cn", password: "Bench2026pw", organisationName: "基准测试职业技术学院", schoolCode: "4100000001", schoolLevel: "higher_vocational", regionCode: "440106", address: "广州市天河区学院路 2 号" }),
  );
  await verifyOrganisation(db, school.organisationId, school.userId);
  const codes = ["510201", "510203", "510205"];
  await db.insert(schoolSpecialties).values(codes.map((specialtyCode) => ({ organisationId: school.organisationId, specialtyCode })));

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("学生名单");
  sheet.addRow(["学号", "姓名", "出生日期", "专业（代码或名称）", "入学年份", "班级", "邮箱", "手机号"]);
  for (let i = 0; i < rows; i++) {
    sheet.addRow([`2024${String(i).padStart(6, "0")}`, `学生${i}`, `2006-${String((i % 12) + 1).padStart(2, "0")}-15`, codes[i % codes.length], 2024, `${(i % 40) + 1}班`, `s${i}@bench.example.cn`, `139${String(i).padStart(8, "0")}`]);
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const user = { id: school.userId, name: "教务老师", role: "school" as const };
  const args = { organisationId: school.organisationId, bytes, locale: "zh-CN" as const };

  let started = performance.now();
  const check = await importRoster(db, user, { ...args, commit: false });
  const checkMs = performance.now() - started;
  started = performance.now();
  const result = await importRoster(db, user, { ...args, commit: true });
  const importMs = performance.now() - started;
  started = performance.now();
  const sheetBytes = await toXlsx([activationTable(result.activations, result.expiresAt!, "zh-CN")]);
  const sheetMs = performance.now() - started;
  const [students] = await db.select({ n: count() }).from(users);
  console.log(
    JSON.stringify({
      engine: "sqlite",
      rows,
      file_kb: Math.round(bytes.length / 1024),
      check_ms: Math.round(checkMs),
      import_ms: Math.round(importMs),
      sheet_ms: Math.round(sheetMs),
      sheet_kb: Math.round(sheetBytes.length / 1024),
      target_ms: 10_000,
      problems: check.problems.length,
      created: result.activations.length,
      accounts: (students?.n ?? 0) - 1,
    }),
  );
  if (importMs > 10_000 || result.activations.length !== rows) process.exitCode = 1;
  db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
