// The CSV and XLSX writers of server/reports/export.ts, byte for byte and cell for cell (README "Mutation testing").
import ExcelJS from "exceljs";
import { describe, expect, it, vi } from "vitest";
import { csvCell, personalReports, reportNames, spreadsheetCell, toCsv, toXlsx } from "@/server/reports/export";
import type { ReportTable } from "@/server/reports/tables";

const table = (title: string, rows: ReportTable["rows"] = []): ReportTable => ({
  id: "t",
  title,
  columns: [
    { key: "name", header: "名称" },
    { key: "count", header: "人数", numeric: true },
  ],
  rows,
});

describe("one cell", () => {
  it("puts a quote before text starting with each character a spreadsheet reads as a formula, and only at the start", () => {
    for (const lead of ["=", "+", "-", "@", "\t", "\r"]) expect(spreadsheetCell(`${lead}1`)).toBe(`'${lead}1`);
    expect(spreadsheetCell("a=1")).toBe("a=1");
    expect(spreadsheetCell("1-2")).toBe("1-2");
    expect(spreadsheetCell("")).toBe("");
    expect(spreadsheetCell(null)).toBeNull();
    expect(spreadsheetCell(0)).toBe(0);
  });

  it("quotes a CSV field holding a comma, a quote, a CR or an LF, and nothing else", () => {
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell('a"b')).toBe(`"a""b"`);
    expect(csvCell("a\rb")).toBe(`"a\rb"`);
    expect(csvCell("a\nb")).toBe(`"a\nb"`);
    expect(csvCell('""')).toBe(`""""""`);
    expect(csvCell("a;b\tc")).toBe("a;b\tc");
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });
});

describe("CSV", () => {
  it("starts with a byte-order mark, ends rows with CRLF and separates tables with an empty line", () => {
    const csv = toCsv([table("表一", [{ name: "甲", count: 3 }, { name: null, count: null }, { count: 1 }]), table("表二")]);
    expect(csv).toBe("\uFEFF表一\r\n名称,人数\r\n甲,3\r\n,\r\n,1\r\n\r\n表二\r\n名称,人数\r\n");
  });

  it("escapes the title and headers as well as the cells", () => {
    const t: ReportTable = { id: "x", title: "=标题", columns: [{ key: "a", header: "-列" }], rows: [{ a: "+1" }] };
    expect(toCsv([t])).toBe("\uFEFF'=标题\r\n'-列\r\n'+1\r\n");
  });

  it("is a byte-order mark and a line end with no tables", () => {
    expect(toCsv([])).toBe("\uFEFF\r\n");
  });
});

describe("XLSX", () => {
  it("writes one sheet per table: a safe name of at most 31 characters, a bold escaped header, numbers as numbers", async () => {
    const long = `${"很".repeat(30)}长的标题`;
    const t1: ReportTable = { id: "a", title: "a[b]:c*d?e/f\\g", columns: [{ key: "name", header: "=名称" }, { key: "count", header: "人数" }], rows: [{ name: "@x", count: -5 }, { name: null }] };
    const workbook = new ExcelJS.Workbook();
    // Cut to 31 characters before ExcelJS would do it with a console warning.
    const warn = vi.spyOn(console, "warn");
    await workbook.xlsx.load((await toXlsx([t1, table(long, [{ name: "乙", count: 2 }])])) as unknown as ArrayBuffer);
    expect(warn).not.toHaveBeenCalled();
    expect(workbook.creator).toBe("产教桥 EduBridge");
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["a b  c d e f g", long.slice(0, 31)]);

    const [first, second] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(first.getRow(1).values).toEqual([undefined, "'=名称", "人数"]);
    expect(first.getRow(1).font).toMatchObject({ bold: true });
    expect(first.getRow(2).values).toEqual([undefined, "'@x", -5]);
    expect(first.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(first.rowCount).toBe(3);
    expect(first.getRow(3).getCell(1).value).toBeNull();
    expect(first.columns.map((c) => c.width)).toEqual([10, 10]);
    expect(second.getRow(2).values).toEqual([undefined, "乙", 2]);
  });

  it("widens a column for a long header: twice its length and two more", async () => {
    const t: ReportTable = { id: "w", title: "宽", columns: [{ key: "a", header: "一二三四五" }, { key: "b", header: "一二三四" }], rows: [] };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([t])) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.columns.map((c) => c.width)).toEqual([12, 10]);
  });
});

describe("the reports", () => {
  it("names the four reports, and the one naming students as personal", () => {
    expect(reportNames).toEqual(["supply-demand", "school-outcomes", "enterprise-participation", "overview"]);
    expect(personalReports).toEqual(["school-outcomes"]);
  });
});
