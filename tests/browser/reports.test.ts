import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let p: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  p = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** A rendered report table as rows of cell texts (header row first). */
async function tableRows(testId: string) {
  return p.getByTestId(testId).locator("tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th,td")].map((c) => (c.textContent ?? "").trim())));
}

/** The CSV section of one table, as rows of cells (numbers without grouping, as exported). */
function csvSection(csv: string, title: string) {
  const block = csv.replace(/^\uFEFF/, "").split("\r\n\r\n").find((b) => b.startsWith(`${title}\r\n`))!;
  return block.split("\r\n").slice(1).filter(Boolean).map((line) => line.split(","));
}

const plain = (cells: string[]) => cells.map((c) => c.replace(/,/g, ""));

describe("reports", () => {
  it("supply and demand renders with a chart, drills down to a province's cities, and exports the same numbers", async () => {
    await login(p, "admin");
    await p.goto("/reports");
    await p.getByRole("heading", { level: 1, name: "人才供需分析" }).waitFor();
    await p.getByTestId("chart").locator("canvas").waitFor();
    const drill = p.getByRole("link", { name: /^查看 .+ 各城市$/ }).first();
    const province = (await drill.textContent())!.replace(/^查看 | 各城市$/g, "");
    await drill.click();
    await p.getByRole("heading", { level: 1, name: `人才供需分析 · ${province}` }).waitFor();
    // Issue 20: the graduating cohort as supply; named and inferred demand apart; totals first (one row).
    const page = await tableRows("report-table-totals");
    expect(page[0]).toEqual(["城市", "专业类", "专业类代码", expect.stringMatching(/^供给：\d{4}届毕业生$/), "需求（岗位所列专业）", "需求（按行业推断）", "需求（剩余名额）", "缺口（需求−供给）"]);
    expect(page.length).toBe(2);
    const shortage = await tableRows("report-table-shortage");

    const href = (await p.getByRole("link", { name: "导出 CSV" }).getAttribute("href"))!;
    expect(href).toContain("province=");
    const csv = await (await p.request.get(href)).text();
    expect(csvSection(csv, "合计")).toEqual(page.map(plain));
    if (shortage.length > 1) expect(csvSection(csv, "人才短缺（需求大于供给）")).toEqual(shortage.map(plain));

    const xlsx = await p.request.get((await p.getByRole("link", { name: "导出 Excel" }).getAttribute("href"))!);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("合计")!;
    // Array.from: the empty class cells of the totals row are holes in ExcelJS's values.
    const firstDataRow = Array.from(sheet.getRow(2).values as (string | number | undefined)[]).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)));
    expect(firstDataRow).toEqual(plain(page[1]!));
  });

  it("a school's outcomes show the demo placements and cooperation, and the export is in the audit log", async () => {
    await browser.context.clearCookies();
    await login(p, "school");
    await p.getByRole("link", { name: "校企合作成效" }).first().click();
    await p.getByRole("heading", { level: 1, name: /^校企合作成效 · / }).waitFor();
    const summary = await tableRows("report-table-summary");
    const value = (metric: string) => Number(summary.find((r) => r[0] === metric)![1]!.replace(/,/g, ""));
    expect(value("合作企业数")).toBeGreaterThanOrEqual(1);
    expect(value("订单班学生数")).toBeGreaterThanOrEqual(45);
    const csv = await (await p.request.get((await p.getByRole("link", { name: "导出 CSV" }).getAttribute("href"))!)).text();
    expect(csvSection(csv, "汇总")).toEqual(summary.map(plain));

    await browser.context.clearCookies();
    await login(p, "admin");
    await p.goto("/admin/audit?action=report.export");
    expect(await p.getByTestId("audit-row").first().textContent()).toContain("school-outcomes.csv");
  });

  it("the school agrees to the enterprise's apprenticeship proposal and it enters both ledgers", async () => {
    await browser.context.clearCookies();
    await login(p, "school");
    await p.getByRole("link", { name: "合作台账" }).first().click();
    await p.getByTestId("proposal-row").filter({ hasText: "2027 级现代学徒制试点班" }).getByRole("link").click();
    await p.getByLabel("留言").fill("方案已收到，同意合作。");
    await p.getByRole("button", { name: "发送" }).click();
    await p.getByTestId("proposal-message").filter({ hasText: "方案已收到，同意合作。" }).waitFor();
    await p.getByRole("button", { name: "达成合作" }).click();
    await p.getByLabel("开始日期").fill("2027-09-01");
    await p.getByLabel("结束日期").fill("2030-06-30");
    await p.getByLabel("参与学生数").fill("20");
    await p.getByRole("button", { name: "达成合作" }).last().click();
    await p.getByText("已达成").first().waitFor();
    await p.getByRole("link", { name: "合作台账" }).last().click();
    expect(await p.getByTestId("project-row").filter({ hasText: "2027 级现代学徒制试点班" }).textContent()).toContain("现代学徒制");

    await browser.context.clearCookies();
    await login(p, "enterprise");
    await p.goto("/home");
    await p.getByRole("link", { name: "合作台账" }).first().click();
    await p.getByTestId("project-row").filter({ hasText: "2027 级现代学徒制试点班" }).waitFor();
  });

  it("an administrator corrects the specialty→industry map and sees the change in its history", async () => {
    await browser.context.clearCookies();
    await login(p, "admin");
    await p.goto("/admin/specialty-map?q=1102&edit=1102");
    await p.getByLabel("主要对口行业大类").fill("65, 64, 63");
    await p.getByRole("button", { name: "保存" }).click();
    await p.getByText(/65,64 → 65,64,63/).waitFor();
    await p.getByLabel("主要对口行业大类").fill("65, 99");
    await p.getByRole("button", { name: "保存" }).click();
    await p.getByText("行业大类代码 99 不存在").waitFor();
    // Put the map back as the other browser tests expect it.
    await p.getByLabel("主要对口行业大类").fill("65, 64");
    await p.getByRole("button", { name: "保存" }).click();
    await p.getByText(/65,64,63 → 65,64/).waitFor();
  });
});
