import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser({ mobile: true });
});
afterAll(async () => {
  await browser?.close();
});

describe("search and recommendations", () => {
  it("finds postings by keyword with the filters in a shareable URL, signed out", async () => {
    await browser.context.clearCookies();
    const p = await browser.context.newPage();
    await p.goto("/search");
    await p.getByLabel("关键词").fill("实习");
    await p.getByRole("button", { name: "搜索" }).click();
    await p.waitForURL(/\/search\?q=%E5%AE%9E%E4%B9%A0/);
    await p.getByTestId("posting-card").first().waitFor();
    const summary = await p.getByText(/^共 [\d,]+ 条结果$/).textContent();
    expect(Number(summary!.replace(/\D/g, ""))).toBeGreaterThan(0);
    // The same URL, opened afresh, gives the same search.
    const url = p.url();
    const again = await browser.context.newPage();
    await again.goto(url);
    expect(await again.getByText(/^共 [\d,]+ 条结果$/).textContent()).toBe(summary);
    await again.close();
    await p.close();
  });

  it("recommends postings to the demo student with reasons shown as chips", async () => {
    await browser.context.clearCookies();
    const p = await browser.context.newPage();
    await login(p, "student");
    await p.getByRole("heading", { name: "为你推荐" }).waitFor();
    await p.getByTestId("posting-card").first().waitFor();
    const chips = await p.getByTestId("match-chip").allTextContents();
    expect(chips.some((c) => c.startsWith("专业对口 · ") || c.startsWith("行业对口 · ") || c.startsWith("同专业大类 · "))).toBe(true);
    await p.close();
  });

  /** Signs in as a role, opens its organisation's first published posting of a kind, and finds the matches section. */
  async function ownPostingMatches(role: "enterprise" | "school", kind: string, heading: string) {
    await browser.context.clearCookies();
    const p = await browser.context.newPage();
    await login(p, role);
    await p.getByRole("link", { name: "发布管理" }).first().click();
    await p.getByRole("link", { name: /^已发布 \d+/ }).click();
    await p.waitForURL(/status=published/);
    await p.getByTestId("own-posting").filter({ hasText: kind }).first().getByRole("link").first().click();
    await p.waitForURL(/\/postings\/[0-9a-f-]{36}$/);
    const section = p.getByRole("region", { name: heading });
    await section.waitFor();
    return { p, section };
  }

  it("shows an enterprise the schools' cohorts and students that fit its internship, each explained", async () => {
    const { p, section } = await ownPostingMatches("enterprise", "岗位实习", "匹配的学校与学生");
    await section.getByTestId("matching-student").first().waitFor();
    expect(await section.getByTestId("matching-student").count()).toBeGreaterThan(0);
    const chips = await section.getByTestId("match-chip").allTextContents();
    expect(chips.some((c) => c.startsWith("专业对口 · ") || c.startsWith("同专业大类 · "))).toBe(true);
    await p.close();
  });

  it("shows a school the enterprise postings that fit its programme cohort, each explained", async () => {
    const { p, section } = await ownPostingMatches("school", "专业生源", "匹配的企业岗位");
    await section.getByTestId("posting-card").first().waitFor();
    expect(await section.getByTestId("match-chip").count()).toBeGreaterThan(0);
    await p.close();
  });
});
