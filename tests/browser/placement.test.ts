import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, type DemoRole } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let p: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  p = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function as(role: DemoRole) {
  await browser.context.clearCookies();
  await login(p, role);
}

const postingTitle = "Java 开发工程师岗位实习";
let placementUrl = "";

async function openPlacement(role: DemoRole) {
  await as(role);
  await p.goto(placementUrl);
  await p.getByRole("heading", { level: 1, name: /实习详情 · 张小明/ }).waitFor();
}

describe("a placement internship, end to end, as its three parties", () => {
  it("the student finds the post and applies with a cover note", async () => {
    await as("student");
    await p.goto(`/search?q=${encodeURIComponent(postingTitle)}`);
    await p.getByRole("link", { name: postingTitle }).first().click();
    await p.getByRole("heading", { level: 1, name: postingTitle }).waitFor();
    await p.getByLabel("求职留言").fill("我熟悉 Java 和 MySQL，做过校园二手交易平台项目。");
    await p.getByRole("button", { name: "提交申请" }).click();
    await p.getByText("已提交申请，可在“我的申请”中跟进进度").waitFor();
    // Applying twice is refused by name.
    await p.reload();
    expect(await p.getByTestId("apply-refusals").textContent()).toContain("你已申请过该岗位");
  });

  it("the enterprise schedules an interview and makes an offer", async () => {
    await as("enterprise");
    await p.getByRole("link", { name: "通知" }).click();
    await p.getByRole("link", { name: `张小明 申请了“${postingTitle}”` }).first().click();
    await p.getByRole("heading", { name: new RegExp(`申请人 · ${postingTitle}`) }).waitFor();
    const applicant = p.getByTestId("applicant").filter({ hasText: "张小明" });
    await applicant.getByRole("button", { name: "安排面试 张小明" }).click();
    await applicant.getByLabel("面试时间").fill("2099-01-10T10:00");
    await applicant.getByLabel("面试地点或线上会议链接").fill("腾讯会议 888-123-456");
    await applicant.getByRole("button", { name: "确定" }).click();
    await applicant.getByText("面试安排：").waitFor();
    await applicant.getByRole("button", { name: "发放录用 张小明" }).click();
    await applicant.getByLabel("录用说明").fill("请携带学生证报到");
    await applicant.getByRole("button", { name: "确定" }).click();
    await applicant.getByText("已录用待确认").waitFor();
  });

  it("the student accepts the offer", async () => {
    await as("student");
    await p.getByRole("link", { name: "我的申请" }).click();
    const mine = p.getByTestId("my-application").filter({ hasText: postingTitle });
    expect(await mine.textContent()).toContain("录用通知");
    await mine.getByRole("button", { name: `接受录用 ${postingTitle}` }).click();
    await p.getByRole("dialog").getByRole("button", { name: "接受录用" }).click();
    await mine.getByRole("link", { name: "查看实习" }).click();
    await p.getByRole("heading", { level: 1, name: /实习详情 · 张小明/ }).waitFor();
    placementUrl = new URL(p.url()).pathname;
    const readiness = await p.getByTestId("readiness").textContent();
    expect(readiness).toContain("开始实习前还需");
    expect(readiness).toContain("学校审核通过");
  });

  it("the school approves and names its tutor; the enterprise names its tutor and records the insurance", async () => {
    await as("school");
    await p.getByRole("navigation").getByRole("link", { name: "实习管理" }).click();
    await p.getByTestId("placement-row").filter({ hasText: `张小明 · ${postingTitle}` }).getByRole("link").click();
    await p.getByRole("button", { name: "审核通过" }).click();
    await p.getByText("准备中").first().waitFor();

    await openPlacement("enterprise");
    await p.getByRole("button", { name: "指派指导教师" }).click();
    await p.getByLabel("保费承担方").selectOption("student");
    await p.getByLabel("承保机构").fill("中国人民财产保险股份有限公司");
    await p.getByLabel("保单号").fill("PICC-2099-0001");
    await p.getByRole("button", { name: "保存保险信息" }).click();
    // The rule, not the form, says why the student may not pay.
    await p.getByText("实习责任保险费用不得由学生承担").first().waitFor();
    await p.getByLabel("保费承担方").selectOption("host");
    await p.getByRole("button", { name: "保存保险信息" }).click();
    await p.getByTestId("insurance").waitFor();
    expect(await p.getByTestId("insurance").textContent()).toContain("保费由实习单位承担");
  });

  it("the student consents; all three confirm the agreement; the enterprise starts the placement", async () => {
    await openPlacement("student");
    await p.getByLabel(/我已阅读实习岗位信息和三方协议/).check();
    await p.getByRole("button", { name: "确认知情同意" }).click();
    await p.getByText(/学生已于 .* 确认知情同意/).waitFor();
    await p.getByRole("button", { name: "确认协议内容" }).click();
    await p.getByText(/学生已确认/).waitFor();

    await openPlacement("school");
    await p.getByRole("button", { name: "确认协议内容" }).click();
    await p.getByText(/学校已确认/).waitFor();

    await openPlacement("enterprise");
    expect(await p.getByTestId("readiness").textContent()).toContain("实习单位确认三方协议");
    await p.getByRole("button", { name: "确认协议内容" }).click();
    await p.getByText("各项手续已齐备，可以开始实习").waitFor();

    // The agreement reads as a document with every heading and each party's confirmation, and comes as a PDF.
    await p.getByRole("link", { name: "查看协议全文" }).click();
    await p.getByRole("heading", { level: 1, name: "职业学校学生岗位实习三方协议" }).waitFor();
    for (const heading of ["一、协议各方", "五、实习报酬及支付方式", "六、保险", "十、争议解决"]) await p.getByRole("heading", { name: heading }).waitFor();
    expect(await p.getByTestId("agreement-signatures").textContent()).not.toContain("尚未确认");
    const pdf = await p.request.get(`${placementUrl}/agreement/pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await p.goto(placementUrl);
    await p.getByRole("button", { name: "开始实习" }).click();
    await p.getByText("实习中").first().waitFor();
  });

  it("the student writes a weekly log and both tutors comment on it", async () => {
    await openPlacement("student");
    await p.getByLabel("本周工作内容与收获").fill("本周完成了用户模块的接口开发，学习了事务与索引的使用。");
    await p.getByRole("button", { name: "保存周志" }).click();
    await p.getByTestId("weekly-log").first().waitFor();

    for (const [role, comment] of [
      ["school", "记录详实，注意总结。"],
      ["enterprise", "接口设计要考虑幂等。"],
    ] as const) {
      await openPlacement(role);
      const log = p.getByTestId("weekly-log").first();
      await log.getByLabel("批阅意见").fill(comment);
      await log.getByRole("button", { name: "提交批阅" }).click();
      await log.getByTestId("log-comment").filter({ hasText: comment }).waitFor();
    }
    expect(await p.getByTestId("log-comment").count()).toBe(2);
  });

  it("both tutors evaluate, the student rates the host, and the placement completes", async () => {
    for (const [role, side, comment] of [
      ["school", "school", "实习表现优秀。"],
      ["enterprise", "host", "学习能力强。"],
      ["student", "student", "导师耐心负责。"],
    ] as const) {
      await openPlacement(role);
      await p.getByLabel("评语").fill(comment);
      await p.getByRole("button", { name: "提交评价" }).click();
      await p.getByTestId(`evaluation-${side}`).filter({ hasText: comment }).waitFor();
    }
    await openPlacement("enterprise");
    await p.getByRole("button", { name: "完成实习" }).click();
    await p.getByText(/实习已于 .* 完成/).waitFor();

    // The student heard about each step in the notification centre.
    await as("student");
    await p.getByTestId("notifications-link").click();
    await p.getByRole("heading", { level: 1, name: "通知中心" }).waitFor();
    const notifications = p.getByTestId("notification");
    await notifications.filter({ hasText: `恭喜！“${postingTitle}”向你发出了录用通知` }).waitFor();
    await notifications.filter({ hasText: `张小明 的实习“${postingTitle}”已完成` }).waitFor();
    expect(await notifications.count()).toBeGreaterThanOrEqual(10);
  });
});
