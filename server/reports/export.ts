import ExcelJS from "exceljs";
import type { Translate } from "../i18n/messages";
import type { createCaller } from "../root";
import { todayInChina } from "../schemas/accounts";
import { overviewTables, participationTables, schoolOutcomeTables, supplyDemandTables, type ReportTable } from "./tables";

export const reportNames = ["supply-demand", "school-outcomes", "enterprise-participation", "overview"] as const;
export type ReportName = (typeof reportNames)[number];
/** Reports whose tables name students: exporting them is recorded in the audit log. */
export const personalReports: readonly ReportName[] = ["school-outcomes"];

/** A report's tables through the same procedures (and checks) as its page. */
export async function reportTables(caller: ReturnType<typeof createCaller>, report: ReportName, params: URLSearchParams, t: Translate): Promise<ReportTable[]> {
  const organisationId = params.get("organisationId") ?? "";
  switch (report) {
    case "supply-demand": {
      const provinceCode = params.get("province") || undefined;
      const year = params.get("year");
      const report = await caller.reports.supplyDemand({ provinceCode, graduationYear: year ? Number(year) : undefined });
      return supplyDemandTables(report, t, provinceCode ? t("report.city") : t("report.province"));
    }
    case "school-outcomes":
      return schoolOutcomeTables(await caller.reports.schoolOutcomes({ organisationId }), t);
    case "enterprise-participation":
      return participationTables(await caller.reports.enterpriseParticipation({ organisationId }), t);
    case "overview":
      return overviewTables(await caller.reports.overview(), t);
  }
}

/**
 * A cell as a spreadsheet must receive it (OWASP "CSV injection"): text that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return would be read by Excel/WPS/LibreOffice as a formula (`=HYPERLINK(...)` in a student's name),
 * so it gets a leading single quote and is shown as text. Numbers stay numbers: a real number such as -5 is written
 * as a number (a number cell in XLSX, the digits in CSV), which no spreadsheet evaluates; only text is escaped.
 * Both writers below go through this one function.
 */
export function spreadsheetCell(v: string | number | null): string | number | null {
  if (v === null || typeof v === "number") return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A CSV field: neutralised, then quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvCell(v: string | number | null): string {
  const value = spreadsheetCell(v);
  const s = value === null ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A download's file name: what it is and China's date, which the user's day is (UTC's is yesterday before 08:00). */
export function exportFilename(name: string, format: "csv" | "xlsx", now = new Date()): string {
  return `${name}-${todayInChina(now)}.${format}`;
}

/** CSV with a byte-order mark (so Excel reads the Chinese headers as UTF-8); tables one after another. */
export function toCsv(tables: ReportTable[]): string {
  const parts = tables.map((table) => [csvCell(table.title), table.columns.map((c) => csvCell(c.header)).join(","), ...table.rows.map((r) => table.columns.map((c) => csvCell(r[c.key] ?? null)).join(","))].join("\r\n"));
  return `\uFEFF${parts.join("\r\n\r\n")}\r\n`;
}

/** An XLSX workbook with one sheet per table: bold headers, numbers stored as numbers. */
export async function toXlsx(tables: ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "产教桥 EduBridge";
  for (const table of tables) {
    // Sheet names: at most 31 characters, none of []:*?/\
    const sheet = workbook.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31));
    sheet.columns = table.columns.map((c) => ({ header: String(spreadsheetCell(c.header)), key: c.key, width: Math.max(10, c.header.length * 2 + 2) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, spreadsheetCell(row[c.key] ?? null)])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
