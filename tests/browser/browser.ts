import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { demoAccounts, demoPassword } from "@/scripts/seed/seed";

export const baseURL = () => inject("baseURL");

/** Debian's Chromium (installed by .ci/run), driven by playwright-core: no browser download needed. */
export async function launchBrowser(options: { mobile?: boolean } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    baseURL: baseURL(),
    locale: "zh-CN",
    ...(options.mobile ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } }),
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type DemoRole = (typeof demoAccounts)[number]["role"];

/**
 * Signs in through the sign-in page as the demo account of a role and waits for the home page; with
 * `navigate: false` on the sign-in page already open (say, with a callbackUrl).
 */
export async function login(page: Page, role: DemoRole, options: { navigate?: boolean } = {}) {
  const account = demoAccounts.find((a) => a.role === role)!;
  if (options.navigate !== false) await page.goto("/sign-in");
  await page.getByLabel("邮箱或手机号").fill(account.email);
  await page.getByLabel("密码").fill(demoPassword);
  // exact: a session re-issued by a page closed a moment ago would show "退出登录" too.
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.waitForURL("**/home");
  return account;
}
