import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, postings, regions, specialties, specialtyIndustryMap, users } from "@/db/schema";
import { translator } from "@/server/i18n/messages";
import { csvCell, reportNames, reportTables, spreadsheetCell, toCsv, toXlsx, type ReportName } from "@/server/reports/export";
import { callerFor } from "../helpers/db";
import { buildWorld } from "../helpers/world";

/** Text a spreadsheet would evaluate as a formula (OWASP CSV injection). */
const dangerous = /^[=+\-@\t\r]/;
const isNumber = (s: string) => /^-?\d+(\.\d+)?$/.test(s);

/** RFC 4180 fields, as Excel reads them: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field !== "" || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

async function xlsxCells(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: { value: unknown; type: ExcelJS.ValueType; formula: boolean }[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push({ value: cell.value, type: cell.type, formula: cell.type === ExcelJS.ValueType.Formula }))));
  return cells;
}

// Hostile text in everything the reports read: names typed by users and the reference names they are grouped under.
const hostile = {
  studentName: '=HYPERLINK("http://x","y")',
  hostName: "+1",
  schoolName: "@SUM(1)",
  postingTitle: "-2+3",
  specialtyName: "\tX",
  countyName: "\rX",
  // Also a comma, quotes and a line break: the quoting must survive the neutralising.
  provinceName: '=1+2,"广东"\n省',
  className: "@cmd|' /C calc'!A0",
};

describe("report exports (CSV and XLSX)", () => {
  it("neutralise text that a spreadsheet would run, in every report the app exports, and keep numbers as numbers", async () => {
    const w = await buildWorld();
    const db = w.db;
    await db.update(users).set({ name: hostile.studentName }).where(eq(users.id, w.student.userId));
    await db.update(organisations).set({ name: hostile.hostName }).where(eq(organisations.id, w.enterprise.organisationId));
    await db.update(organisations).set({ name: hostile.schoolName }).where(eq(organisations.id, w.school.organisationId));
    await db.update(postings).set({ title: hostile.postingTitle }).where(eq(postings.organisationId, w.enterprise.organisationId));
    await db.update(specialties).set({ name: hostile.specialtyName }).where(eq(specialties.code, "510201"));
    await db.update(regions).set({ name: hostile.countyName }).where(eq(regions.code, "440106"));
    await db.update(regions).set({ name: hostile.provinceName }).where(eq(regions.code, "440000"));
    await db.update(specialtyIndustryMap).set({ className: hostile.className }).where(eq(specialtyIndustryMap.domainCode, "1102"));

    // Every report the export route serves (its list, from the code), with the parameters its page passes.
    const params: Record<ReportName, Record<string, string>> = {
      "supply-demand": {},
      "school-outcomes": { organisationId: w.school.organisationId },
      "enterprise-participation": { organisationId: w.enterprise.organisationId },
      overview: {},
    };
    const expected: Record<ReportName, string[]> = {
      "supply-demand": [hostile.provinceName, hostile.className],
      "school-outcomes": [hostile.studentName, hostile.hostName, hostile.postingTitle, hostile.specialtyName, hostile.countyName],
      "enterprise-participation": [hostile.schoolName],
      overview: [hostile.provinceName],
    };
    expect(Object.keys(params).sort()).toEqual([...reportNames].sort());

    const admin = await callerFor(db, w.ids.admin);
    for (const report of reportNames) {
      const tables = await reportTables(admin, report, new URLSearchParams(params[report]), translator("zh-CN"));

      const csvText = toCsv(tables);
      const csv = parseCsv(csvText.replace(/^\uFEFF/, "")).flat();
      for (const cell of csv) if (dangerous.test(cell) && !isNumber(cell)) throw new Error(`${report}.csv: unescaped ${JSON.stringify(cell)}`);
      for (const text of expected[report]) expect(csv, `${report}.csv holds ${JSON.stringify(text)}`).toContain(`'${text}`);

      const xlsx = await xlsxCells(await toXlsx(tables));
      expect(xlsx.some((c) => c.formula), `${report}.xlsx has no formula cell`).toBe(false);
      for (const cell of xlsx) {
        if (typeof cell.value === "number") continue;
        expect(typeof cell.value, `${report}.xlsx cell ${JSON.stringify(cell.value)}`).toBe("string");
        if (dangerous.test(cell.value as string)) throw new Error(`${report}.xlsx: unescaped ${JSON.stringify(cell.value)}`);
      }
      // XML reads a bare carriage return back as a line feed; the quote before it is what matters.
      const lines = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v);
      const texts = xlsx.map((c) => lines(c.value));
      for (const text of expected[report]) expect(texts, `${report}.xlsx holds ${JSON.stringify(text)}`).toContain(lines(`'${text}`));
      // Counts stay numbers in the workbook (not text that merely looks like one).
      expect(xlsx.some((c) => c.type === ExcelJS.ValueType.Number)).toBe(true);
    }

    // The province's name (comma, quotes, line break) is one quoted field, quotes doubled, and reads back exactly.
    const supply = toCsv(await reportTables(admin, "supply-demand", new URLSearchParams(), translator("zh-CN")));
    expect(supply).toContain(`"'=1+2,""广东""\n省",'@cmd|' /C calc'!A0,1102,`);
    expect(parseCsv(supply.replace(/^\uFEFF/, "")).some((row) => row[0] === `'${hostile.provinceName}` && row[1] === `'${hostile.className}` && row[2] === "1102")).toBe(true);
  });

  it("escape text but leave numbers, negative ones included, as numbers", () => {
    expect(spreadsheetCell("-5")).toBe("'-5");
    expect(spreadsheetCell(-5)).toBe(-5);
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(3.5)).toBe("3.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("\tX")).toBe("'\tX");
    expect(csvCell("\rX")).toBe(`"'\rX"`);
    expect(csvCell('a,b "c"\nd')).toBe(`"a,b ""c""\nd"`);
    expect(csvCell("广州，天河")).toBe("广州，天河");
    expect(csvCell("a-b=c")).toBe("a-b=c");
  });
});
