import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@/db/random";
import { demoInvitationCode, makeUscc } from "@/scripts/seed/seed";
import { launchBrowser } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser({ mobile: true });
});
afterAll(async () => {
  await browser?.close();
});

async function newPage() {
  await browser.context.clearCookies();
  return browser.context.newPage();
}

/** Picks a code by opening the picker of the field and clicking down the columns. */
async function pick(page: Page, fieldLabel: string, steps: string[]) {
  await page.getByLabel(fieldLabel).click();
  const dialog = page.getByRole("dialog");
  for (const step of steps) await dialog.getByRole("button", { name: new RegExp(`^${step}（`) }).click();
  await dialog.waitFor({ state: "detached" });
}

describe("enterprise sign-up (on a phone)", () => {
  it("refuses a wrong USCC beside the field, then registers and lands on the enterprise home", async () => {
    const page = await newPage();
    const stamp = Date.now();
    await page.goto("/sign-up/enterprise");
    await page.getByLabel("姓名").fill("陈经理");
    await page.getByLabel("邮箱").fill(`chen${stamp}@example.cn`);
    await page.getByLabel("密码").fill("qiaoliang2026");
    await page.getByLabel("企业名称").fill(`深圳桥联智能制造有限公司${stamp}`);
    await page.getByLabel("统一社会信用代码").fill("91350100M000100Y44");
    await pick(page, "所属行业", ["制造业", "汽车制造业", "汽车零部件及配件制造", "汽车零部件及配件制造"]);
    await page.getByLabel("职工人数").fill("350");
    // Search finds a county by name.
    await page.getByLabel("所在地区").click();
    await page.getByRole("dialog").getByLabel("搜索名称或代码").fill("南山");
    await page.getByRole("dialog").getByRole("button", { name: /南山区.*440305/ }).click();
    await page.getByLabel("详细地址").fill("深圳市南山区科技园 1 号");
    await page.getByRole("button", { name: "注册并登录" }).click();

    const usccError = page.locator("#uscc-error");
    await usccError.waitFor();
    expect(await usccError.textContent()).toBe("统一社会信用代码校验位不正确，请核对营业执照");
    expect(await page.getByLabel("统一社会信用代码").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("统一社会信用代码").fill(makeUscc("440305", createRandom(stamp)));
    await page.getByRole("button", { name: "注册并登录" }).click();
    await page.waitForURL("**/home");
    await page.getByRole("heading", { name: `深圳桥联智能制造有限公司${stamp}` }).waitFor();
    expect(await page.locator("main").textContent()).toContain("待审核");
    expect(await page.locator("main").textContent()).toContain("南山区");
    expect(await page.locator("main").textContent()).toContain("汽车零部件及配件制造");
    await page.close();
  });
});

describe("student sign-up", () => {
  it("joins the demo school with its invitation code and sees the school on the home page", async () => {
    const page = await newPage();
    const stamp = Date.now();
    await page.goto("/sign-up/student");
    await page.getByLabel("姓名").fill("林同学");
    await page.getByLabel("手机号").fill(`139${String(stamp).slice(-8)}`);
    await page.getByLabel("密码").fill("xuesheng2026");
    await page.getByLabel("学校邀请码").fill("WRON-GCDE");
    await pick(page, "专业", ["高职专科", "电子与信息大类", "计算机类", "软件技术"]);
    await page.getByLabel("入学年份").fill("2024");
    await page.getByLabel("出生日期").fill("2006-05-01");
    await page.getByRole("button", { name: "注册并登录" }).click();
    await page.locator("#invitationCode-error").waitFor();
    expect(await page.locator("#invitationCode-error").textContent()).toContain("邀请码不存在");

    await page.getByLabel("学校邀请码").fill(demoInvitationCode.toLowerCase());
    await page.getByRole("button", { name: "注册并登录" }).click();
    await page.waitForURL("**/home");
    await page.getByRole("heading", { name: "你好，林同学" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("软件技术");
    await page.close();
  });
});
