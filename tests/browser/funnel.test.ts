import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Issue 18 item 5: a student's view from search reaches the enterprise's funnel; its postings list counts applicants. */
describe("a posting's funnel", () => {
  it("shows the enterprise applicant counts, and on the posting a chart and table counting the student's search and view", async () => {
    const p = await browser.context.newPage();
    await login(p, "enterprise");
    await p.goto("/my/postings");
    await p.waitForURL(/\/organisations\/[^/]+\/postings/);
    const item = p.getByTestId("own-posting").filter({ has: p.getByTestId("applicant-count") }).first();
    expect(await item.getByTestId("applicant-count").textContent()).toMatch(/^申请 \d+ · 进行中 \d+$/);
    const link = item.locator('a[href^="/postings/"]').first();
    const href = (await link.getAttribute("href"))!;
    const title = (await link.textContent())!;

    // The student finds it by its title and opens it from the results (an impression, then a view from search).
    await browser.context.clearCookies();
    await login(p, "student");
    await p.goto(`/search?q=${encodeURIComponent(title)}`);
    await p.locator(`a[href="${href}"]`).first().click();
    await p.waitForURL(`**${href}`);
    // Counts are written by the server's buffer within a second.
    await p.waitForTimeout(1500);

    await browser.context.clearCookies();
    await login(p, "enterprise");
    await p.goto(href);
    const funnel = p.getByTestId("posting-funnel");
    await funnel.getByRole("heading", { name: "数据漏斗" }).waitFor();
    await funnel.getByTestId("chart").locator("canvas").waitFor();
    expect(await funnel.getByTestId("chart").getAttribute("aria-label")).toContain("数字见下表");
    const cells = async (stage: string) => (await funnel.getByTestId(`funnel-stage-${stage}`).locator("td").allTextContents()).map((c) => Number(c.replace(/,/g, "")));
    // Columns: search, recommendation, direct, total.
    expect((await cells("impressions"))[0]).toBeGreaterThanOrEqual(1);
    expect((await cells("views"))[0]).toBeGreaterThanOrEqual(1);
    expect((await cells("applications"))[3]).toBeGreaterThanOrEqual(1);
    await p.close();
  });
});
