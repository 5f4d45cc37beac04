import type { Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoAccounts } from "@/scripts/seed/seed";
import { baseURL, launchBrowser, login, type DemoRole } from "./browser";

/**
 * The smoke path on PostgreSQL (project "browser-pg"; tests/browser/postgres-global-setup.ts serves the built app
 * with DATABASE_URL on a demo database prepared as `npm start` prepares it): the home page, a student who searches
 * and applies, the enterprise that sees the application, an administrator who verifies a pending enterprise —
 * and the rows, read back from PostgreSQL, that prove the server wrote there.
 */

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let p: Page;
let sql: postgres.Sql;
beforeAll(async () => {
  sql = postgres(inject("smokeDatabaseUrl"), { max: 1, onnotice: () => {} });
  browser = await launchBrowser();
  p = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await sql?.end({ timeout: 5 });
});

/** The one row of a query that returns exactly one. */
function one<T>(rows: readonly T[]): T {
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function as(role: DemoRole) {
  await browser.context.clearCookies();
  await login(p, role);
}

/** The demo enterprise's open placement internship (scripts/seed/seed-placements.ts). */
const postingTitle = "Java 开发工程师岗位实习";
/** A Chinese-only term (CJK bigrams on PostgreSQL) that the demo posting's title contains. */
const searchTerm = "开发工程师";
const coverNote = "我熟悉 Java 和 PostgreSQL，做过校园二手交易平台项目。";
const student = demoAccounts.find((a) => a.role === "student")!;

describe("the smoke path on PostgreSQL", () => {
  it("runs on PostgreSQL: the demo data is there and the server answers from it", async () => {
    const { engine } = one(await sql<{ engine: string }[]>`select version() as engine`);
    expect(engine).toMatch(/^PostgreSQL /);
    const { n } = one(await sql<{ n: number }[]>`select count(*)::int as n from users where email = ${student.email}`);
    expect(n).toBe(1);
    const health = await fetch(`${baseURL()}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });

  it("serves the home page", async () => {
    await browser.context.clearCookies();
    const res = await p.goto("/");
    expect(res?.status()).toBe(200);
    expect(await p.locator("h1").textContent()).toBe("让学校、企业和学生在一座桥上相遇");
  });

  it("a student signs in, searches in Chinese, opens the posting and applies", async () => {
    await as("student");
    await p.getByRole("heading", { name: "你好，张小明" }).waitFor();

    await p.goto("/search");
    await p.getByLabel("关键词").fill(searchTerm);
    await p.getByRole("button", { name: "搜索" }).click();
    await p.waitForURL(new RegExp(`/search\\?q=${encodeURIComponent(searchTerm)}`));
    await p.getByTestId("posting-card").first().waitFor();
    const summary = await p.getByText(/^共 [\d,]+ 条结果$/).textContent();
    const found = Number(summary!.replace(/\D/g, ""));
    expect(found).toBeGreaterThan(0);
    // The server's search index, loaded from PostgreSQL, finds what a plain scan of PostgreSQL's postings finds
    // (db/queries/naive-search.ts without FTS: published, host verified, still open, the term in title or text).
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    const matching = await sql<{ id: string }[]>`
      select p.id from postings p
      where p.status = 'published' and cast(p.host_verified as integer) = 1 and p.apply_by >= ${today}
        and (p.title like ${`%${searchTerm}%`} or p.description like ${`%${searchTerm}%`})`;
    expect(found).toBe(matching.length);
    const shown = (await p.getByTestId("posting-card").locator('a[href^="/postings/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")!))).map((href) => href.split("/").pop()!);
    expect(shown.length).toBe(Math.min(found, 20));
    const matchingIds = new Set(matching.map((row) => row.id));
    for (const id of shown) expect(matchingIds.has(id), `shown posting ${id} does not contain ${searchTerm}`).toBe(true);
    const card = p.getByTestId("posting-card").filter({ hasText: postingTitle });
    await card.getByRole("link", { name: postingTitle }).first().click();
    await p.getByRole("heading", { level: 1, name: postingTitle }).waitFor();

    await p.getByLabel("求职留言").fill(coverNote);
    await p.getByRole("button", { name: "提交申请" }).click();
    await p.getByText("已提交申请，可在“我的申请”中跟进进度").waitFor();
    // Applying twice is refused by name (the unique application, on PostgreSQL's constraint).
    await p.reload();
    expect(await p.getByTestId("apply-refusals").textContent()).toContain("你已申请过该岗位");

    // The row is in PostgreSQL.
    const rows = await sql<{ status: string; cover_note: string }[]>`
      select a.status, a.cover_note from applications a
      join postings p on p.id = a.posting_id join users u on u.id = a.student_id
      where u.email = ${student.email} and p.title = ${postingTitle}`;
    expect(rows).toEqual([{ status: "submitted", cover_note: coverNote }]);
  });

  it("the enterprise that owns the posting signs in and sees the application", async () => {
    await as("enterprise");
    await p.getByRole("link", { name: "通知" }).click();
    await p.getByRole("link", { name: `张小明 申请了“${postingTitle}”` }).first().click();
    await p.getByRole("heading", { name: new RegExp(`申请人 · ${postingTitle}`) }).waitFor();
    const applicant = p.getByTestId("applicant").filter({ hasText: "张小明" });
    expect(await applicant.textContent()).toContain(coverNote);
    // Every application to the posting in PostgreSQL is listed: the seeded ones and the new one.
    const { n } = one(await sql<{ n: number }[]>`
      select count(*)::int as n from applications a join postings p on p.id = a.posting_id where p.title = ${postingTitle}`);
    expect(n).toBeGreaterThan(1);
    expect(await p.getByTestId("applicant").count()).toBe(n);
  });

  it("the enterprise exports its placements with a parameter holding U+0000: served, and audited with U+FFFD", async () => {
    // Before: the export's audit row (jsonb) could not hold the parameter, so the download was a 500, unlogged.
    const enterprise = demoAccounts.find((a) => a.role === "enterprise")!;
    const { organisationId } = one(await sql<{ organisationId: string }[]>`
      select m.organisation_id as "organisationId" from memberships m join users u on u.id = m.user_id where u.email = ${enterprise.email}`);
    const exported = await p.request.get(`/api/exports/placements?organisationId=${organisationId}&format=csv&from=%00`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-disposition"]).toMatch(/^attachment; filename="placements-/);
    const { from } = one(await sql<{ from: string }[]>`
      select details->'query'->>'from' as "from" from audit_log where action = 'list.export' and target_id = 'placements' and details->'query'->>'organisationId' = ${organisationId}`);
    expect(from).toBe("\uFFFD");
  });

  it("an administrator verifies a pending enterprise", async () => {
    await as("admin");
    await p.getByRole("heading", { name: "管理后台" }).waitFor();
    await p.goto("/admin/organisations?status=pending&kind=enterprise");
    const { pending } = one(await sql<{ pending: number }[]>`
      select count(*)::int as pending from organisations where kind = 'enterprise' and verification_status = 'pending'`);
    expect(pending).toBeGreaterThan(0);
    await p.getByText(`共 ${pending} 个机构`).waitFor();
    const first = p.getByTestId("review-item").first();
    const link = first.getByRole("link").first();
    const name = (await link.textContent())!;
    // By id: the demo data's random enterprise names may repeat.
    const id = (await link.getAttribute("href"))!.match(/\/organisations\/([0-9a-f-]{36})/)![1]!;
    expect(one(await sql<{ status: string }[]>`select verification_status as status from organisations where id = ${id}`)).toEqual({ status: "pending" });
    await first.getByRole("button", { name: `通过 ${name}` }).click();
    await p.getByRole("dialog").getByRole("button", { name: "通过" }).click();
    await p.getByText(`共 ${pending - 1} 个机构`).waitFor();
    await p.locator(`a[href*="${id}"]`).waitFor({ state: "detached" });

    expect(one(await sql<{ status: string }[]>`select verification_status as status from organisations where id = ${id}`)).toEqual({ status: "verified" });
  });
});
