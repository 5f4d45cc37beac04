import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser({ mobile: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Issue 18 item 3 on a phone: the filter drawer, a facet click and numbered pages. */
describe("the search page on a phone", () => {
  it("opens the filters in a drawer (focused, closed by Esc), filters by a facet's link and pages with a URL that shows the same page", async () => {
    await browser.context.clearCookies();
    const p = await browser.context.newPage();
    await p.goto("/search");
    const toggle = p.getByRole("button", { name: "筛选", exact: true });
    const drawer = p.getByTestId("search-filters");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await drawer.isVisible()).toBe(false);
    // The results come first on the screen, above the closed drawer's content.
    expect(await p.getByTestId("posting-card").first().isVisible()).toBe(true);

    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await drawer.waitFor();
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe("筛选条件");
    await p.keyboard.press("Escape");
    expect(await drawer.isVisible()).toBe(false);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe("筛选");

    // A province's facet: its link filters, and the result count is the facet's count.
    await toggle.click();
    const province = p.getByTestId("facet-region").getByRole("link").first();
    const [name, count] = ((await province.innerText()).match(/^(.*?)\s*([\d,]+)$/) ?? []).slice(1);
    await province.click();
    await p.waitForURL(/region=\d{6}/);
    expect(await p.getByText(/^共 [\d,]+ 条结果$/).textContent()).toBe(`共 ${count} 条结果`);
    await toggle.click();
    expect(await p.getByTestId("facet-region").getByRole("link", { name: name! }).getAttribute("aria-current")).toBe("true");

    // Page 2 by its link: other postings, and the same ones when its URL is opened afresh.
    await p.goto("/search?sort=newest");
    const firstPage = await p.getByTestId("posting-card").allInnerTexts();
    await p.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "下一页" }).click();
    await p.waitForURL(/page=2/);
    const secondPage = await p.getByTestId("posting-card").allInnerTexts();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((text) => firstPage.includes(text))).toEqual([]);
    expect(await p.getByRole("link", { name: "第 2 页" }).getAttribute("aria-current")).toBe("page");
    const again = await browser.context.newPage();
    await again.goto(p.url());
    expect(await again.getByTestId("posting-card").allInnerTexts()).toEqual(secondPage);
    await again.close();
    await p.close();
  });
});
