import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/server/compliance/dates";
import { todayInChina } from "@/server/schemas/accounts";
import { demoInvitationCode } from "@/scripts/seed/seed";
import { baseURL, launchBrowser, login } from "./browser";

/**
 * A school runs an allocation round from opening to published offers (issue 21). A student of its own signs up
 * for the test (the demo student does not rank, so nothing of theirs changes), ranks the demo enterprise's open
 * Java posting on a phone-sized page, the school computes and publishes, and the student finds the offer.
 */
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let p: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  p = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const today = todayInChina();
const year = Number(today.slice(0, 4));
const email = `allocation-${Date.now()}@example.cn`;
const password = "fenpei2026x";
const roundName = `${year + 1} 届岗位实习分配（浏览器测试）`;
const postingTitle = "Java 开发工程师岗位实习";
let roundUrl = "";

async function asStudent() {
  await browser.context.clearCookies();
  await p.goto("/sign-in");
  await p.getByLabel("邮箱或手机号").fill(email);
  await p.getByLabel("密码").fill(password);
  await p.getByRole("button", { name: "登录", exact: true }).click();
  await p.waitForURL("**/home");
}

describe("an allocation round, from opening to published offers", () => {
  it("a student of the cohort joins the school", async () => {
    const body = JSON.stringify({ json: { name: "林分配", email, password, invitationCode: demoInvitationCode, specialtyCode: "510201", enrolmentYear: year - 2, birthDate: `${year - 20}-05-01` } });
    const response = await fetch(`${baseURL()}/api/trpc/accounts.signUpStudent`, { method: "POST", headers: { "content-type": "application/json", origin: baseURL() }, body });
    expect(response.status).toBe(200);
  });

  it("the school opens a round with a posting and reserved seats", async () => {
    await browser.context.clearCookies();
    await login(p, "school");
    await p.goto(`/search?q=${encodeURIComponent(postingTitle)}`);
    await p.getByRole("link", { name: postingTitle }).first().click();
    await p.getByRole("heading", { level: 1, name: postingTitle }).waitFor();
    const postingUrl = p.url();

    await p.getByRole("link", { name: "分配轮次" }).first().click();
    await p.getByRole("heading", { level: 1, name: "岗位实习分配轮次" }).waitFor();
    await p.getByLabel("轮次名称").fill(roundName);
    await p.getByLabel("毕业年份").fill(String(year + 1));
    await p.getByLabel("专业代码（6 位，可选）").fill("510201");
    await p.getByLabel("每名学生最多志愿数").fill("3");
    await p.getByLabel("学生排序截止日期").fill(addDays(today, 10));
    await p.getByLabel("企业排序截止日期").fill(addDays(today, 20));
    await p.getByRole("button", { name: "新建轮次" }).click();
    await p.waitForURL("**/allocation/*?org=*");
    roundUrl = new URL(p.url()).pathname + new URL(p.url()).search;
    await p.getByRole("heading", { level: 1, name: roundName }).waitFor();

    await p.getByLabel("岗位编号").fill(postingUrl);
    await p.getByLabel("预留名额").fill("1");
    await p.getByRole("button", { name: "加入岗位" }).click();
    await p.getByTestId("round-posting-row").filter({ hasText: postingTitle }).waitFor();
    await p.getByRole("button", { name: "开放学生排序" }).click();
    await p.getByTestId("round-state").filter({ hasText: "学生排序中" }).waitFor();
  });

  it("the student ranks the posting on a phone", async () => {
    await asStudent();
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto("/allocation");
    await p.getByRole("link", { name: roundName }).click();
    await p.getByRole("heading", { level: 1, name: roundName }).waitFor();
    await p.getByRole("button", { name: `加入志愿 ${postingTitle}` }).click();
    expect(await p.getByTestId("my-choices").textContent()).toContain(postingTitle);
    await p.getByRole("button", { name: "保存志愿" }).click();
    await p.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await p.setViewportSize({ width: 1280, height: 900 });
  });

  it("the host sees only a display name for the student who chose its posting", async () => {
    await browser.context.clearCookies();
    await login(p, "enterprise");
    await p.goto("/allocation");
    await p.getByRole("link", { name: roundName }).click();
    const student = p.getByTestId("host-student").first();
    await student.waitFor();
    const text = (await student.textContent()) ?? "";
    expect(text).toContain("林同学");
    expect(text).not.toContain("林分配");
  });

  it("the school computes, reviews the distribution and publishes the offers", async () => {
    await browser.context.clearCookies();
    await login(p, "school");
    await p.goto(roundUrl);
    await p.getByRole("button", { name: "结束学生排序，进入企业排序" }).click();
    await p.getByTestId("round-state").filter({ hasText: "企业排序中" }).waitFor();
    await p.getByRole("button", { name: "计算分配结果" }).click();
    await p.getByTestId("round-summary").waitFor();
    expect(await p.getByTestId("round-summary").textContent()).toContain("第 1 志愿: 1");
    await p.getByRole("button", { name: "按审计记录复算" }).click();
    await p.getByRole("status").filter({ hasText: "复算结果与已记录结果一致" }).waitFor();
    await p.getByRole("button", { name: "发布结果并发出录用通知" }).click();
    await p.getByTestId("round-state").filter({ hasText: "已发布" }).waitFor();
  });

  it("the student finds the offer and the explanation", async () => {
    await asStudent();
    await p.goto(roundUrl.split("?")[0]!);
    expect(await p.getByTestId("allocation-result").textContent()).toContain(`你获得了第 1 志愿：${postingTitle}`);
    await p.goto("/my/applications");
    const application = p.getByTestId("my-application").filter({ hasText: postingTitle });
    await application.waitFor();
    expect(await application.textContent()).toContain("分配轮次");
  });
});
