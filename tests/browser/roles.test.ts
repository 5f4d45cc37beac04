import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoInvitationCode } from "@/scripts/seed/seed";
import { launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
});

async function freshPage() {
  await context.clearCookies();
  page = await context.newPage();
  return page;
}

describe("landing page", () => {
  it("explains the platform in Chinese and switches to English", async () => {
    const p = await freshPage();
    await p.goto("/");
    expect(await p.locator("h1").textContent()).toBe("让学校、企业和学生在一座桥上相遇");
    expect(await p.locator("html").getAttribute("lang")).toBe("zh-CN");
    await p.getByRole("button", { name: "English" }).click();
    await p.getByRole("heading", { level: 1, name: "Where schools, enterprises and students meet" }).waitFor();
    expect(await p.locator("html").getAttribute("lang")).toBe("en");
    await p.getByRole("button", { name: "中文" }).click();
    await p.getByRole("heading", { level: 1, name: "让学校、企业和学生在一座桥上相遇" }).waitFor();
    await p.close();
  });
});

describe("each demo role signs in and sees its home", () => {
  it("student sees their school and specialty", async () => {
    const p = await freshPage();
    await login(p, "student");
    await p.getByRole("heading", { name: "你好，张小明" }).waitFor();
    expect(await p.locator("main").textContent()).toContain("计算机应用技术");
    await p.getByRole("link", { name: "个人档案" }).click();
    await p.waitForURL("**/profile");
    expect(await p.locator("main").textContent()).toContain("出生日期");
    await p.close();
  });

  it("school staff see their school, its invitation codes and students", async () => {
    const p = await freshPage();
    await login(p, "school");
    await p.getByRole("heading", { name: "学生邀请码" }).waitFor();
    await p.getByTestId("invitation-code").filter({ hasText: demoInvitationCode }).waitFor();
    await p.getByRole("heading", { name: /在校学生/ }).waitFor();
    // Creating a code shows it in the list straight away.
    const before = await p.getByTestId("invitation-code").count();
    await p.getByLabel("备注（如班级）").fill("2026级软件1班");
    await p.getByRole("button", { name: "生成邀请码" }).click();
    await p.waitForFunction((n) => document.querySelectorAll('[data-testid="invitation-code"]').length === n + 1, before);
    expect(await p.getByTestId("invitation-list").textContent()).toContain("2026级软件1班");
    await p.close();
  });

  it("enterprise staff see their enterprise and can open its edit page", async () => {
    const p = await freshPage();
    await login(p, "enterprise");
    await p.getByText("已认证").first().waitFor();
    await p.getByRole("link", { name: "编辑资料" }).first().click();
    await p.waitForURL("**/edit");
    await p.getByLabel("企业名称").waitFor();
    await p.close();
  });

  it("administrators see the platform figures and the verification queue", async () => {
    const p = await freshPage();
    await login(p, "admin");
    await p.getByRole("heading", { name: "管理后台" }).waitFor();
    await p.getByRole("link", { name: "去审核" }).click();
    await p.waitForURL("**/admin/organisations?status=pending");
    await p.getByTestId("review-item").first().waitFor();
    expect(await p.getByTestId("review-item").count()).toBeGreaterThan(0);
    await p.close();
  });
});

describe("verification by an administrator", () => {
  it("refuses an empty reason, rejects with a reason shown in the list, then verifies", async () => {
    const p = await freshPage();
    await login(p, "admin");
    await p.goto("/admin/organisations?status=pending&kind=enterprise");
    const first = p.getByTestId("review-item").first();
    await first.waitFor();
    const name = (await first.getByRole("link").first().textContent())!;
    await first.getByRole("button", { name: `驳回 ${name}` }).click();
    await first.getByRole("button", { name: "确认驳回" }).click();
    // An empty reason is refused beside the field.
    await first.getByRole("alert").waitFor();
    expect(await first.getByRole("alert").textContent()).toBe("请填写驳回原因（2–200 个字）");
    await first.getByLabel("驳回原因").fill("营业执照与名称不一致");
    await first.getByRole("button", { name: "确认驳回" }).click();
    await p.getByRole("link", { name }).waitFor({ state: "detached" });

    await p.goto("/admin/organisations?status=rejected&q=" + encodeURIComponent(name));
    const rejected = p.getByTestId("review-item").first();
    expect(await rejected.textContent()).toContain("营业执照与名称不一致");
    await rejected.getByRole("button", { name: `通过 ${name}` }).click();
    await p.getByRole("dialog").getByRole("button", { name: "通过" }).click();
    await p.getByText("共 0 个机构").waitFor();
    await p.close();
  });
});
