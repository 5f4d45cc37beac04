import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function page() {
  await browser.context.clearCookies();
  return browser.context.newPage();
}

async function addSpecialty(p: Page, steps: string[]) {
  await p.getByLabel("面向专业").click();
  const dialog = p.getByRole("dialog");
  for (const step of steps) await dialog.getByRole("button", { name: new RegExp(`^${step}（`) }).click();
  await dialog.waitFor({ state: "detached" });
}

async function fillCommon(p: Page, title: string, quantity: string) {
  await p.getByLabel("标题").fill(title);
  await p.getByLabel("详细说明").fill("负责 Web 后端接口开发与测试，<script>window.hacked=1</script> 由导师一对一指导。");
  await addSpecialty(p, ["高职专科", "电子与信息大类", "计算机类", "软件技术"]);
  await p.getByLabel("名额 / 人数").fill(quantity);
  await p.getByLabel("报名截止日期").fill("2099-02-15");
  await p.getByLabel("开始日期").fill("2099-03-01");
  await p.getByLabel("结束日期").fill("2099-08-31");
}

describe("an enterprise publishes a placement internship", () => {
  it("is told which rule its pay breaks, fixes it, submits; the administrator approves; the public can read it", async () => {
    const title = `后端开发实习生 ${Date.now()}`;
    const p = await page();
    await login(p, "enterprise");
    await p.getByRole("link", { name: "发布管理" }).first().click();
    await p.getByRole("link", { name: "＋ 岗位实习" }).click();
    await p.getByRole("heading", { name: "发布新信息 · 岗位实习" }).waitFor();
    await fillCommon(p, title, "3");
    await p.getByLabel("实习报酬（元/月）").fill("2400");
    await p.getByLabel("同岗位工资或最低档工资（元/月）").fill("3500");
    await p.getByLabel("职业危害与防护").fill("长时间使用电脑：每小时休息 10 分钟。");

    // The rules panel says it before anything is sent...
    const rules = p.getByTestId("rule-violations");
    await rules.waitFor();
    expect(await rules.textContent()).toContain("实习报酬 2,400 元低于同岗位工资 3,500 元的 80%（2,800 元）");
    // ...and the server refuses it beside the field.
    await p.getByRole("button", { name: "提交审核" }).click();
    const payError = p.locator("#details-monthlyPay-error");
    await payError.waitFor();
    expect(await payError.textContent()).toBe("实习报酬 2,400 元低于同岗位工资 3,500 元的 80%（2,800 元）");

    await p.getByLabel("实习报酬（元/月）").fill("2800");
    await p.getByText("符合《职业学校学生实习管理规定》的各项要求").waitFor();
    await p.getByRole("button", { name: "提交审核" }).click();
    await p.waitForURL("**/postings");
    const mine = p.getByTestId("own-posting").filter({ hasText: title });
    expect(await mine.textContent()).toContain("审核中");

    const link = await mine.getByRole("link", { name: title }).getAttribute("href");

    // The administrator reads it in full and approves it from its page.
    await browser.context.clearCookies();
    await login(p, "admin");
    await p.goto(link!);
    await p.getByRole("button", { name: `通过 ${title}` }).click();
    await p.getByRole("dialog").getByRole("button", { name: "通过" }).click();
    await p.getByText("已发布").first().waitFor();

    // Anyone can now read it, signed out, with the description shown as text, not run.
    await browser.context.clearCookies();
    await p.goto(link!);
    await p.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await p.getByTestId("posting-description").textContent()).toContain("<script>window.hacked=1</script>");
    expect(await p.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    expect(await p.locator("main").textContent()).toContain("已发布");
    expect(await p.locator("main").textContent()).toContain("¥2,800");

    // A change to the published title is held for review: the public keeps the approved version meanwhile.
    const changed = `${title}（修订）`;
    await login(p, "enterprise");
    await p.getByRole("link", { name: "发布管理" }).first().click();
    await p.getByTestId("own-posting").filter({ hasText: title }).getByRole("link", { name: "编辑" }).click();
    await p.getByLabel("标题").fill(changed);
    await p.getByRole("button", { name: "保存", exact: true }).click();
    // The form says so at once, and the page shows the pending change once it reloads: either will do.
    await p.getByText("你提交的修改正在审核中").first().waitFor();
    await browser.context.clearCookies();
    await p.goto(link!);
    await p.getByRole("heading", { level: 1, name: title, exact: true }).waitFor();

    // The administrator reads the change as a diff and approves it; then the public sees the new title.
    await login(p, "admin");
    await p.goto("/admin/postings");
    const revision = p.getByTestId("posting-revision-item").filter({ hasText: changed });
    expect(await revision.getByTestId("change-diff").textContent()).toContain(title);
    // The queue names the posting by its published title.
    await revision.getByRole("button", { name: `通过修改 ${title}`, exact: true }).click();
    await revision.waitFor({ state: "detached" });
    await browser.context.clearCookies();
    await p.goto(link!);
    await p.getByRole("heading", { level: 1, name: changed }).waitFor();
    await p.close();
  });
});

/** Schools have no industry of their own: pick the 大类 with the picker's "select" button. */
async function pickDivision(p: Page) {
  await p.getByLabel("所属行业").click();
  const dialog = p.getByRole("dialog");
  await dialog.getByRole("button", { name: /^信息传输、软件和信息技术服务业（/ }).click();
  await dialog.getByRole("button", { name: "选定 软件和信息技术服务业" }).click();
  await dialog.waitFor({ state: "detached" });
}

describe("a school publishes", () => {
  it("a programme cohort and a training base, both sent for review", async () => {
    const p = await page();
    await login(p, "school");
    await p.goto("/my/postings");
    await p.getByRole("link", { name: "＋ 专业生源" }).click();
    await fillCommon(p, "2027 届软件技术专业学生", "45");
    await pickDivision(p);
    await p.getByLabel("学生掌握的技能").fill("Java、MySQL、Vue 前端开发");
    await p.getByRole("button", { name: "提交审核" }).click();
    await p.waitForURL("**/postings");

    await p.getByRole("link", { name: "＋ 学校实训基地" }).click();
    await fillCommon(p, "智能制造实训中心对外开放", "60");
    await pickDivision(p);
    await p.getByLabel("设施设备").fill("工业机器人 12 台、数控机床 20 台");
    await p.getByLabel("开放时段").fill("寒暑假及周末");
    await p.getByRole("button", { name: "提交审核" }).click();
    await p.waitForURL("**/postings");
    const items = p.getByTestId("own-posting");
    expect(await items.filter({ hasText: "2027 届软件技术专业学生" }).textContent()).toContain("审核中");
    expect(await items.filter({ hasText: "智能制造实训中心对外开放" }).textContent()).toContain("学校实训基地");
    await p.close();
  });
});
