import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { listTable, type ListName } from "@/server/exports/lists";
import { translator } from "@/server/i18n/messages";
import { exportFilename, toCsv, toXlsx } from "@/server/reports/export";
import { callerFor } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

const t = translator("zh-CN");
let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 120_000);

const exportAs = async (userId: string | null, list: ListName, params: Record<string, string>) => listTable(await callerFor(w.db, userId), list, new URLSearchParams(params), t);

describe("list exports", () => {
  it("hold exactly the rows and fields of each list, read through the list's own procedure", async () => {
    const school = w.school.organisationId;
    const host = w.enterprise.organisationId;
    const schoolCaller = await callerFor(w.db, w.ids.school);
    const hostCaller = await callerFor(w.db, w.ids.enterprise);

    const students = await exportAs(w.ids.school, "students", { organisationId: school });
    const shown = await schoolCaller.students.listForSchool({ organisationId: school, limit: 100 });
    expect(students.columns.map((c) => c.header)).toEqual(["姓名", "专业", "入学年份"]);
    expect(students.rows).toEqual(shown.items.map((s) => ({ name: s.name, specialty: s.specialtyName, enrolmentYear: s.enrolmentYear })));
    expect(students.rows.length).toBeGreaterThanOrEqual(2);
    // The page's search box filters the export too.
    const first = shown.items[0]!.name;
    expect((await exportAs(w.ids.school, "students", { organisationId: school, query: first })).rows.map((r) => r.name)).toEqual(shown.items.filter((s) => s.name.includes(first)).map((s) => s.name));

    const placements = await exportAs(w.ids.enterprise, "placements", { organisationId: host });
    const hostPlacements = await hostCaller.placements.listForOrganisation({ organisationId: host });
    expect(placements.rows.map((r) => [r.name, r.posting, r.startDate, r.endDate])).toEqual(hostPlacements.map((p) => [p.studentName, p.postingTitle, p.startDate, p.endDate]));
    expect(placements.rows.length).toBe(5);

    const applicants = await exportAs(w.ids.enterprise, "applicants", { organisationId: host, postingId: w.postings.open.id });
    const page = await hostCaller.applications.applicants({ organisationId: host, postingId: w.postings.open.id });
    expect(applicants.rows.map((r) => r.name)).toEqual(page.items.map((a) => a.studentName));
    expect(applicants.columns.map((c) => c.key)).toEqual(["name", "status", "school", "specialty", "enrolmentYear", "appliedAt"]);

    const applications = await exportAs(w.ids.school, "applications", { organisationId: school, status: "offered" });
    expect(applications.rows.map((r) => r.posting)).toEqual((await schoolCaller.applications.forSchool({ organisationId: school, status: "offered" })).map((a) => a.postingTitle));
    expect(applications.rows.every((r) => r.status === t("application.status.offered"))).toBe(true);

    const projects = await exportAs(w.ids.enterprise, "projects", { organisationId: host });
    expect(projects.rows).toEqual([
      expect.objectContaining({ title: "共建实训基地", kind: t("coop.kind.training_base"), startDate: "2026-09-01", endDate: "2029-08-31", studentCount: 40, mentorCount: 3 }),
    ]);
  });

  it("name the file with China's date, which before 08:00 is a day after UTC's", () => {
    // 2026-11-30 23:30 UTC is 2026-12-01 07:30 in China: the file a user downloads then is dated the first.
    expect(exportFilename("students", "csv", new Date("2026-11-30T23:30:00Z"))).toBe("students-2026-12-01.csv");
    expect(exportFilename("overview", "xlsx", new Date("2026-11-30T15:59:59Z"))).toBe("overview-2026-11-30.xlsx");
  });

  it("writes CSV with a byte-order mark and XLSX with the same rows", async () => {
    const table = await exportAs(w.ids.enterprise, "placements", { organisationId: w.enterprise.organisationId });
    const text = toCsv([table]);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines[1]).toBe(table.columns.map((c) => c.header).join(","));
    expect(lines).toHaveLength(table.rows.length + 2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([table])) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.actualRowCount).toBe(table.rows.length + 1);
  });

  it("are refused to other organisations and to the signed-out, as the lists are", async () => {
    const school = w.school.organisationId;
    const host = w.enterprise.organisationId;
    for (const list of ["students", "placements", "applications", "projects"] as const) {
      await expect(exportAs(w.ids.otherSchool, list, { organisationId: school })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(exportAs(null, list, { organisationId: school })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expect(exportAs(w.ids.otherEnterprise, "applicants", { organisationId: host, postingId: w.postings.open.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportAs(w.ids.otherEnterprise, "applicants", { organisationId: w.otherEnterprise.organisationId, postingId: w.postings.open.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportAs(w.ids.student, "students", { organisationId: school })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
