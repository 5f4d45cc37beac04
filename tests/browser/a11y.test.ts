import fs from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, launchBrowser, login, type DemoRole } from "./browser";

/**
 * axe-core on every page kind, as each role sees it, in Chinese and in English, at a phone's width (390 px)
 * and a desktop's (1280 px): no serious or critical violation. One browser context and one page per role;
 * the width is switched on the loaded page (the CSS reflows, no reload), the language by the locale cookie.
 */
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const widths = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
});

async function setLanguage(language: "zh-CN" | "en") {
  await context.addCookies([{ name: "locale", value: language, url: baseURL() }]);
}

/** Runs axe on the page as loaded; the serious and critical violations, one line each. */
async function audit(page: Page): Promise<string[]> {
  // Through the DevTools protocol, not a <script>: the app's Content-Security-Policy allows no inline script.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Loads each path in both languages and audits it at both widths; returns every finding, labelled. */
async function auditPaths(page: Page, paths: string[]): Promise<string[]> {
  const findings: string[] = [];
  for (const language of ["zh-CN", "en"] as const) {
    await setLanguage(language);
    for (const path of paths) {
      await page.setViewportSize(widths[0]);
      const response = await page.goto(path);
      expect(response?.status(), `${path} answers`).toBeLessThan(400);
      expect(await page.locator("html").getAttribute("lang")).toBe(language);
      for (const width of widths) {
        await page.setViewportSize(width);
        for (const line of await audit(page)) findings.push(`${path} [${language}, ${width.name}] ${line}`);
      }
    }
  }
  await setLanguage("zh-CN");
  return findings;
}

/** The first link on the page whose address matches, as a path (pages whose ids come from the demo data). */
async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${path}`).toBeDefined();
  return href!;
}

async function signedIn(role: DemoRole): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  await login(page, role);
  return page;
}

describe("accessibility (axe-core): no serious or critical violations", () => {
  it("public pages: home, search, a posting, sign-in, sign-up", async () => {
    await context.clearCookies();
    const page = await context.newPage();
    const posting = await firstHref(page, "/search", /^\/postings\/[0-9a-f-]{36}$/);
    const findings = await auditPaths(page, ["/", "/search", "/search?q=软件&kind=internship", posting, "/sign-in", "/sign-up", "/sign-up/student"]);
    await page.close();
    expect(findings).toEqual([]);
  });

  it("student pages", async () => {
    const page = await signedIn("student");
    const findings = await auditPaths(page, ["/home", "/my/applications", "/profile", "/profile/edit", "/notifications", "/account"]);
    await page.close();
    expect(findings).toEqual([]);
  });

  it("enterprise pages, with the cooperation ledger and an applicant list", async () => {
    const page = await signedIn("enterprise");
    const org = (await firstHref(page, "/home", /^\/organisations\/[0-9a-f-]{36}\/postings$/)).replace(/\/postings$/, "");
    const applicants = await firstHref(page, "/my/postings", /^\/organisations\/[0-9a-f-]{36}\/postings\/[0-9a-f-]{36}\/applicants/).catch(() => null);
    const paths = ["/home", "/my/postings", "/my/placements", `${org}/cooperation`, `${org}/postings/new?kind=placement_internship`, `${org}/reports`];
    const findings = await auditPaths(page, applicants ? [...paths, applicants] : paths);
    // The 7-column cooperation ledger on a phone: each project a card, cells labelled, nothing scrolls sideways.
    await page.setViewportSize(widths[0]);
    await page.goto(`${org}/cooperation`);
    const row = page.getByTestId("project-row").first();
    expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
    expect(await row.locator("td[data-label]").first().evaluate((td) => getComputedStyle(td, "::before").content)).not.toBe("none");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
    expect(findings).toEqual([]);
  });

  it("school pages and the supply–demand report", async () => {
    const page = await signedIn("school");
    const org = (await firstHref(page, "/home", /^\/organisations\/[0-9a-f-]{36}\/postings$/)).replace(/\/postings$/, "");
    const findings = await auditPaths(page, ["/home", "/my/postings", "/my/placements", "/reports", `${org}/cooperation`, `${org}/edit`]);
    await page.close();
    expect(findings).toEqual([]);
  });

  it("administrator pages", async () => {
    const page = await signedIn("admin");
    const findings = await auditPaths(page, ["/home", "/admin/organisations", "/admin/postings", "/admin/complaints", "/admin/overview", "/admin/audit", "/admin/specialty-map"]);
    await page.close();
    expect(findings).toEqual([]);
  });

  it("the phone menu: a button that opens and closes the links, by keyboard too", async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.setViewportSize(widths[0]);
    await page.goto("/");
    const button = page.getByRole("navigation").getByRole("button", { name: "菜单" });
    const signIn = page.getByRole("navigation").getByRole("link", { name: "登录" });
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await signIn.isVisible()).toBe(false);
    // The header is one row: brand and button, not links wrapping to three rows.
    expect((await page.locator("header").boundingBox())!.height).toBeLessThan(70);
    await button.focus();
    await page.keyboard.press("Enter");
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    await signIn.waitFor({ state: "visible" });
    expect(await audit(page)).toEqual([]);
    await page.keyboard.press("Escape");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-controls"))).toBe("site-nav");
    // Opening it again and following a link closes it on the next page.
    await button.click();
    await signIn.click();
    await page.waitForURL("**/sign-in");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    // At desktop width there is no button and the links are inline.
    await page.setViewportSize(widths[1]);
    expect(await button.isVisible()).toBe(false);
    expect(await page.getByRole("navigation").getByRole("link", { name: "注册" }).isVisible()).toBe(true);
    await page.close();
  });

  it("an irreversible one-tap action asks first: focus in the dialog, Esc cancels and gives focus back", async () => {
    const page = await signedIn("admin");
    await page.setViewportSize(widths[0]);
    await page.goto("/admin/postings");
    const item = page.getByTestId("posting-review-item").first();
    const title = (await item.getByRole("link").first().textContent())!;
    const approve = item.getByRole("button", { name: `通过 ${title}` });
    await approve.click();
    const dialog = page.getByRole("dialog", { name: "请确认" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(title);
    // Cancel first, so a stray Enter does nothing; Tab stays inside the modal dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("取消");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
    expect(await audit(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`通过 ${title}`);
    // Nothing was approved: the posting is still in the queue after a reload.
    await page.reload();
    await page.getByTestId("posting-review-item").filter({ hasText: title }).first().waitFor();
    await page.close();
  });

  it("is installable: a manifest with the Chinese name and theme colour, and an icon", async () => {
    const page = await context.newPage();
    await page.goto("/");
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
    const manifest = (await (await page.request.get(manifestHref!)).json()) as { short_name: string; theme_color: string; icons: { src: string }[] };
    expect(manifest.short_name).toBe("产教桥");
    expect(manifest.theme_color).toBe("#0b5f59");
    for (const icon of manifest.icons) expect((await page.request.get(icon.src)).headers()["content-type"]).toContain("image/svg+xml");
    const favicon = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect((await page.request.get(favicon!)).status()).toBe(200);
    await page.close();
  });
});
