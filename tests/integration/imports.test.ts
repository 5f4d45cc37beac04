import ExcelJS from "exceljs";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { passwordResetCodes, postings, rosterEntries, schoolSpecialties, specialties, studentProfiles, users } from "@/db/schema";
import { resetPasswordWithCode } from "@/server/accounts/sessions";
import { verifyCredentials } from "@/server/accounts/sign-up";
import { checkPayFloor } from "@/server/compliance/rules";
import { importPostings } from "@/server/imports/postings";
import { importResponse } from "@/server/imports/respond";
import { importRoster, rosterColumns } from "@/server/imports/roster";
import { ImportFileError } from "@/server/imports/sheet";
import { rosterTemplate } from "@/server/imports/templates";
import { translate } from "@/server/i18n/messages";
import { createContext, type SessionUser } from "@/server/trpc";
import { createTestDb } from "../helpers/db";
import { monthDay, monthEnd, monthStart } from "../helpers/dates";
import { createEnterprise, createInvitationFor, createSchool, createStudent } from "../helpers/factories";

type Cell = string | number | Date | { formula: string; result?: number } | null;

async function xlsx(rows: Cell[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("学生名单");
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(",")).join("\r\n");
const utf8 = (text: string) => new TextEncoder().encode(text);
/** UTF-16LE with its byte-order mark, code unit by code unit (so any unit, NUL included, gets through). */
const utf16 = (text: string) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
  return bytes;
};

/** GBK bytes of a text, from the platform's own GBK decoder run backwards over the double-byte range. */
let gbkTable: Map<string, number[]> | null = null;
function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gbk");
    for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) gbkTable.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
  }
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : gbkTable.get(ch)!));
  return new Uint8Array(out);
}

const header = ["学号", "姓名", "出生日期", "专业（代码或名称）", "入学年份", "班级", "邮箱", "手机号"];

let db: Db;
let school: { organisationId: string; userId: string };
let staff: SessionUser;
let otherStaff: SessionUser;
let hostStaff: SessionUser;
let unverifiedStaff: SessionUser;
let unverifiedSchoolId: string;
let host: { organisationId: string; userId: string; postId: string };
let takenEmail: string;
let majorName: string;
let notOffered: string;

const user = async (id: string) => (await createContext({ db, userId: id })).user!;
const tally = async () => ({
  users: (await db.select({ n: count() }).from(users))[0]!.n,
  profiles: (await db.select({ n: count() }).from(studentProfiles))[0]!.n,
  roster: (await db.select({ n: count() }).from(rosterEntries))[0]!.n,
  codes: (await db.select({ n: count() }).from(passwordResetCodes))[0]!.n,
  postings: (await db.select({ n: count() }).from(postings))[0]!.n,
});
const roster = (bytes: Uint8Array, commit: boolean, by = staff) => importRoster(db, by, { organisationId: school.organisationId, bytes, commit, locale: "zh-CN" });
/** The import refuses the whole file with this message key, and nothing is written. */
async function refused(bytes: Uint8Array, key: string, params?: Record<string, string | number>) {
  const before = await tally();
  const error = await roster(bytes, true).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImportFileError);
  expect((error as ImportFileError).key).toBe(key);
  if (params) expect((error as ImportFileError).params).toEqual(params);
  expect(await tally()).toEqual(before);
}

beforeAll(async () => {
  db = await createTestDb();
  school = await createSchool(db);
  const other = await createSchool(db);
  const unverified = await createSchool(db, {}, { verified: false });
  unverifiedSchoolId = unverified.organisationId;
  host = await createEnterprise(db, { staffCount: 300 });
  await db.insert(schoolSpecialties).values([
    { organisationId: school.organisationId, specialtyCode: "510201" },
    { organisationId: school.organisationId, specialtyCode: "510203" },
  ]);
  majorName = (await db.select({ name: specialties.name }).from(specialties).where(eq(specialties.code, "510201")))[0]!.name;
  notOffered = "510202";
  const existing = await createStudent(db, (await createInvitationFor(db, school)).code, { email: "taken@example.cn" });
  takenEmail = (await db.select({ email: users.email }).from(users).where(eq(users.id, existing.userId)))[0]!.email!;
  [staff, otherStaff, hostStaff, unverifiedStaff] = [await user(school.userId), await user(other.userId), await user(host.userId), await user(unverified.userId)];
});

describe("roster import", () => {
  it("lists each row's problems in Chinese on a dry run, and an import with problems writes nothing", async () => {
    const before = await tally();
    const bytes = await xlsx([
      header,
      ["S001", "张三", "2006-09-01", "510201", 2024, "软件1班", "zhang@example.cn", ""],
      ["S002", "", "2006-09-01", "510201", 2024, "", "li@example.cn", ""],
      ["S003", "王五", "2006-13-45", "510201", 2024, "", "wang@example.cn", ""],
      ["S004", "赵六", "2006-09-01", "999999", 2024, "", "zhao@example.cn", ""],
      ["S005", "钱七", "2006-09-01", notOffered, 2024, "", "qian@example.cn", ""],
      ["S001", "孙八", "2006-09-01", "510201", 2024, "", "sun@example.cn", ""],
      ["S007", "周九", "2006-09-01", majorName, 2024, "", "zhang@example.cn", ""],
      ["S008", "吴十", "2006-09-01", "510201", 2024, "", takenEmail, ""],
      ["S009", "郑一", "2006-09-01", "510201", 2024, "", "", ""],
    ]);
    const result = await roster(bytes, false);
    expect(result.committed).toBe(false);
    expect(result.total).toBe(9);
    expect(result.problems).toEqual([
      { line: 3, column: "姓名", message: "“姓名”不能为空" },
      { line: 4, column: "出生日期", message: translate("zh-CN", "errors.birthDate") },
      { line: 5, column: "专业（代码或名称）", message: "专业“999999”不存在（请填写专业目录中的专业代码或名称）" },
      { line: 6, column: "专业（代码或名称）", message: `本校未开设专业“${notOffered}”（请先在机构资料中添加开设专业）` },
      { line: 7, column: "学号", message: "学号 S001 与第 2 行重复" },
      { line: 8, column: "邮箱", message: "邮箱 zhang@example.cn 与第 2 行重复" },
      { line: 9, column: "邮箱", message: `邮箱 ${takenEmail} 已被其他账号使用` },
      { line: 10, column: "邮箱", message: "邮箱和手机号至少填一项" },
    ]);
    const committed = await roster(bytes, true);
    expect(committed.committed).toBe(false);
    expect(committed.problems).toHaveLength(8);
    expect(await tally()).toEqual(before);
  });

  it("imports N students with one-time activation codes, and importing the same file again changes nothing", async () => {
    const before = await tally();
    const bytes = await xlsx([
      header,
      ["A001", "陈一", new Date(Date.UTC(2006, 8, 1)), "510201", 2024, "软件1班", "chen1@example.cn", ""],
      ["A002", "陈二", "2006/9/2", majorName, "2024", "软件1班", "", "13800000002"],
      ["A003", "陈三", "20060903", "510203", 2024, "", "CHEN3@example.cn", "13800000003"],
    ]);
    const check = await roster(bytes, false);
    expect(check).toMatchObject({ committed: false, create: 3, unchanged: 0, problems: [] });
    expect(await tally()).toEqual(before);

    const result = await roster(bytes, true);
    expect(result).toMatchObject({ committed: true, create: 3, unchanged: 0, problems: [] });
    expect(result.activations.map((a) => [a.studentNumber, a.account])).toEqual([
      ["A001", "chen1@example.cn"],
      ["A002", "13800000002"],
      ["A003", "chen3@example.cn"],
    ]);
    const after = await tally();
    expect(after).toEqual({ ...before, users: before.users + 3, profiles: before.profiles + 3, roster: before.roster + 3, codes: before.codes + 3 });
    const [profile] = await db
      .select({ birthDate: studentProfiles.birthDate, schoolId: studentProfiles.schoolId, className: rosterEntries.className })
      .from(studentProfiles)
      .innerJoin(rosterEntries, eq(rosterEntries.userId, studentProfiles.userId))
      .where(eq(rosterEntries.studentNumber, "A001"));
    expect(profile).toEqual({ birthDate: "2006-09-01", schoolId: school.organisationId, className: "软件1班" });

    // No password signs in until the student sets one with the code; the code works once.
    expect(await verifyCredentials(db, "chen1@example.cn", result.activations[0]!.code)).toBeNull();
    await resetPasswordWithCode(db, { identifier: "13800000002", code: result.activations[1]!.code, newPassword: "Activated2026x" });
    expect(await verifyCredentials(db, "13800000002", "Activated2026x")).toMatchObject({ role: "student", name: "陈二" });
    await expect(resetPasswordWithCode(db, { identifier: "13800000002", code: result.activations[1]!.code, newPassword: "Again2026xx" })).rejects.toThrow();

    const again = await roster(bytes, true);
    expect(again).toMatchObject({ committed: true, create: 0, unchanged: 3, problems: [], activations: [] });
    expect(await tally()).toEqual(after);
  });

  it("reads a GBK CSV (Excel's \"CSV\" in China) and a UTF-8 one with a BOM alike", async () => {
    const text = csv([header, ["G001", "欧阳明", "2006-05-06", majorName, 2024, "机电2班", "ouyang@example.cn", ""]]);
    const check = await roster(gbk(text), false);
    expect(check).toMatchObject({ create: 1, problems: [] });
    const result = await roster(gbk(text), true);
    expect(result.activations[0]).toMatchObject({ name: "欧阳明", className: "机电2班", specialtyName: majorName });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(await roster(bom, false)).toMatchObject({ create: 0, unchanged: 1, problems: [] });
  });

  it("answers an upload with progress lines, then the result and the activation sheet as XLSX", async () => {
    const rows = Array.from({ length: 1100 }, (_, i) => ["P" + String(i).padStart(4, "0"), `进度${i}`, "2006-03-04", "510201", 2024, "", `p${i}@example.cn`, ""]);
    const form = new FormData();
    form.set("organisationId", school.organisationId);
    form.set("mode", "commit");
    form.set("file", new Blob([csv([header, ...rows])]));
    const lines = (await importResponse(db, staff, "roster", form, "zh-CN").text()).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const progress = lines.filter((l) => l.type === "progress");
    // The check's progress, then the writes' (per chunk of 1,000 rows).
    expect(progress).toEqual([1000, 1100, 1000, 1100].map((done) => ({ type: "progress", done, total: 1100 })));
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ type: "result", committed: true, create: 1100 });
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(Buffer.from(result.sheet as string, "base64") as unknown as ArrayBuffer);
    expect(sheet.worksheets[0]!.getRow(2).getCell(6).value).toBe((result.activations as { code: string }[])[0]!.code);
    expect(sheet.worksheets[0]!.actualRowCount).toBe(1101);

    const bad = new FormData();
    bad.set("organisationId", school.organisationId);
    bad.set("file", new Blob([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0])]));
    expect(JSON.parse(await importResponse(db, staff, "roster", bad, "zh-CN").text())).toEqual({ type: "error", message: translate("zh-CN", "imports.error.xls") });
  });

  it("reads the downloaded template with a row filled in", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await rosterTemplate(db, school.organisationId)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(rosterColumns.map((c) => `${translate("zh-CN", c.header)}${c.required ? "*" : ""}`));
    expect(workbook.worksheets[1]!.name).toBe("填写说明");
    sheet.addRow(["T001", "林一", "2006-01-02", "510201", "2024", "", "lin@example.cn", ""]);
    const result = await roster(new Uint8Array(await workbook.xlsx.writeBuffer()), false);
    expect(result).toMatchObject({ total: 1, create: 1, problems: [] });
  });

  it("refuses malformed files as a whole, with a specific message, writing nothing", async () => {
    await refused(await xlsx([["姓名", "出生日期", "专业（代码或名称）", "入学年份", "邮箱"], ["x", "2006-01-01", "510201", 2024, "a@b.cn"]]), "imports.error.missingColumns", { columns: "学号" });
    await refused(await xlsx([[...header, "身份证号"], ["M1", "甲", "2006-01-01", "510201", 2024, "", "m1@example.cn", "", "110101200601010011"]]), "imports.error.unknownColumns", { columns: "身份证号" });
    await refused(await xlsx([header, ["M2", "乙", "2006-01-01", "510201", 2024, "", "m2@example.cn", ""], ["M3", "丙", "2006-01-01", "510201", 2024, "", "m3@example.cn", ""]], (s) => s.mergeCells("F2:F3")), "imports.error.merged", { cell: "F2" });
    await refused(await xlsx([header, ["M4", "丁", "2006-01-01", "510201", { formula: "2020+4", result: 2024 }, "", "m4@example.cn", ""]]), "imports.error.formula", { cell: "E2" });
    // Text no database stores as written, which a UTF-16 CSV or XLSX's _xHHHH_ escape can carry (PostgreSQL
    // answered 500 for U+0000, SQLite stored it).
    await refused(utf16(csv([header, ["N1", "张\u0000三", "2006-01-01", "510201", 2024, "", "n1@example.cn", ""]])), "imports.error.nulCharacter", { cell: "B2" });
    await refused(await xlsx([header, ["N2", "李四", "2006-01-01", "510201", 2024, "软件_x0000_1班", "n2@example.cn", ""]]), "imports.error.nulCharacter", { cell: "F2" });
    await refused(await xlsx([header, ["N3", "王五", "2006-01-01", "510201", 2024, "软件_xD800_1班", "n3@example.cn", ""]]), "imports.error.loneSurrogate", { cell: "F2" });
    await refused(await xlsx([header]), "imports.error.empty");
    await refused(await xlsx([]), "imports.error.empty");
    await refused(new Uint8Array(), "imports.error.empty");
    const big = [header.join(","), ...Array.from({ length: 50_000 }, (_, i) => `B${i},学生,2006-01-01,510201,2024,,b${i}@example.cn,`)].join("\n");
    await refused(utf8(big), "imports.error.tooManyRows", { rows: 50_000, max: 20_000 });
    await refused(utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj"), "imports.error.notSpreadsheet");
    await refused(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), "imports.error.notSpreadsheet");
    await refused(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "imports.error.xls");
    await refused(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), "imports.error.corrupt");
  });

  it("is for the verified school's own staff only", async () => {
    const bytes = await xlsx([header, ["X001", "外校", "2006-01-01", "510201", 2024, "", "x001@example.cn", ""]]);
    const before = await tally();
    for (const [by, key] of [
      [otherStaff, "imports.error.notSchool"],
      [hostStaff, "imports.error.notSchool"],
    ] as const) {
      await expect(roster(bytes, true, by)).rejects.toMatchObject({ code: "FORBIDDEN", key });
    }
    await expect(importRoster(db, unverifiedStaff, { organisationId: unverifiedSchoolId, bytes, commit: true, locale: "zh-CN" })).rejects.toMatchObject({ code: "FORBIDDEN", key: "errors.orgVerificationRequired" });
    expect(await tally()).toEqual(before);
  });
});

describe("posting import", () => {
  const postingHeader = ["岗位名称", "岗位描述", "地区代码", "实习地址", "行业代码", "专业代码", "招收人数", "开始日期", "结束日期", "报名截止", "联系人", "联系电话", "岗位（已登记的岗位名称）", "月实习报酬（元）", "同岗位员工工资（元）", "发放周期", "每日工作小时", "每周工作天数", "劳动强度级别", "职业危害与防护", "实习责任保险", "保险费支付方"];
  const row = (title: string, pay: number, wage = 3500) => [
    title,
    "参与企业级应用开发，由资深工程师一对一指导。",
    "440106",
    "广州市天河区软件路 1 号",
    "6513",
    "510201、510203",
    2,
    monthStart(4),
    monthEnd(9),
    monthDay(3, 15),
    "李经理",
    "020-12345678",
    "软件开发工程师",
    pay,
    wage,
    "按月",
    8,
    5,
    "I",
    "久坐及长时间使用电脑：每小时休息 10 分钟。",
    "是",
    "企业",
  ];
  const postingsOf = (bytes: Uint8Array, commit: boolean, by?: SessionUser) => importPostings(db, by ?? hostStaff, { organisationId: host.organisationId, bytes, commit, locale: "zh-CN" });

  it("checks every row by the posting form's rules and writes nothing when one fails", async () => {
    const before = await tally();
    const bytes = await xlsx([postingHeader, row("Java 开发实习生", 3000), row("测试实习生", 2000), row("运维实习生", 3000)]);
    const result = await postingsOf(bytes, true);
    expect(result.committed).toBe(false);
    expect(result.problems).toEqual([{ line: 3, column: "月实习报酬（元）", message: checkPayFloor(2000, 3500)!.zh }]);
    expect(await tally()).toEqual(before);
  });

  it("imports the rows as drafts when all pass, and a dry run writes nothing", async () => {
    const before = await tally();
    const bytes = await xlsx([postingHeader, row("Java 开发实习生", 3000), row("运维实习生", 2800)]);
    expect(await postingsOf(bytes, false)).toMatchObject({ committed: false, total: 2, problems: [] });
    expect(await tally()).toEqual(before);
    const result = await postingsOf(bytes, true);
    expect(result).toMatchObject({ committed: true, total: 2, problems: [] });
    const written = await db.select({ status: postings.status, title: postings.title, postId: postings.postId, monthlyPay: postings.monthlyPay }).from(postings).where(eq(postings.organisationId, host.organisationId));
    expect(written.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { status: "draft", title: "Java 开发实习生", postId: host.postId, monthlyPay: 3000 },
      { status: "draft", title: "运维实习生", postId: host.postId, monthlyPay: 2800 },
    ]);
  });

  it("names unreadable cells and refuses a school's staff", async () => {
    const bad = row("坏行", 3000);
    bad[15] = "随便";
    bad[20] = "也许";
    bad[12] = "不存在的岗位";
    const result = await postingsOf(await xlsx([postingHeader, bad]), false);
    expect(result.problems.map((p) => p.column)).toEqual(["岗位（已登记的岗位名称）", "发放周期", "实习责任保险"]);
    await expect(postingsOf(await xlsx([postingHeader, row("x", 3000)]), true, staff)).rejects.toMatchObject({ code: "FORBIDDEN", key: "imports.error.notEnterprise" });
  });
});
