import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("open API documentation and roster import in the browser", () => {
  it("renders the API documentation from our own origin under the content security policy", async () => {
    const p = await browser.context.newPage();
    const violations: string[] = [];
    const outside: string[] = [];
    p.on("console", (m) => {
      if (m.text().includes("Content Security Policy")) violations.push(m.text());
    });
    const origin = new URL(baseURL()).origin;
    p.on("request", (r) => {
      if (new URL(r.url()).origin !== origin && !r.url().startsWith("data:")) outside.push(r.url());
    });
    await p.goto("/api/docs");
    await p.locator(".opblock-summary-path", { hasText: "/postings" }).first().waitFor();
    expect(await p.locator(".opblock").count()).toBeGreaterThanOrEqual(10);
    expect(await p.title()).toBe("产教桥开放接口文档");
    expect(violations).toEqual([]);
    expect(outside).toEqual([]);
    await p.close();
  });

  it("lets school staff check a roster and shows each row's problem in Chinese, importing nothing", async () => {
    const p = await browser.context.newPage();
    await login(p, "school");
    await p.locator('a[href$="/imports"]').first().click();
    await p.waitForURL("**/imports");
    const csv = "学号,姓名,出生日期,专业（代码或名称）,入学年份,班级,邮箱\n" + "T2026-001,测试学生,2008-03-01,不存在的专业,2025,1班,t2026-001@example.cn\n";
    await p.getByLabel("选择文件").first().setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await p.getByRole("button", { name: "检查文件" }).first().click();
    await expect.poll(() => p.getByRole("alert").first().textContent(), { timeout: 15_000 }).toContain("整个文件未导入");
    const problems = await p.locator("table").last().textContent();
    expect(problems).toContain("第 2 行");
    expect(problems).toContain("专业（代码或名称）");
    // Nothing to commit while the file has problems.
    expect(await p.getByRole("button", { name: "确认导入" }).first().isDisabled()).toBe(true);

    // The students list exports what it shows, for staff only (the route shared with the reports' exports).
    const organisationId = /\/organisations\/([^/]+)\/imports/.exec(p.url())![1]!;
    const exported = await p.request.get(`/api/exports/students?organisationId=${organisationId}&format=csv`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-disposition"]).toMatch(/^attachment; filename="students-/);
    expect((await exported.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const signedOut = await fetch(`${baseURL()}/api/exports/students?organisationId=${organisationId}&format=csv`, { redirect: "manual" });
    expect(signedOut.headers.get("location") ?? "").toContain("/sign-in");
    await p.close();
  });
});
