import { TRPCError } from "@trpc/server";
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { applications, placements, tables } from "@/db/schema";
import { isPostgres } from "@/db/transaction";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { applyToPosting, moveApplicant, respondToOffer } from "@/server/applications/manage";
import { FunnelBuffer, funnelBufferFor } from "@/server/funnel/buffer";
import { recordView } from "@/server/funnel/record";
import { chinaDateOf } from "@/server/schemas/accounts";
import { sourceOfReferrer } from "@/server/funnel/sources";
import { postingInput } from "@/server/schemas/postings";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { monthDay, monthEnd, monthStart } from "../helpers/dates";

type Counter = { postingId: string; day: string; source: string; impressions: number; views: number };

async function counters(db: Db): Promise<Counter[]> {
  const { funnelDaily } = tables;
  const rows = await db.select().from(funnelDaily);
  return rows.map((r) => ({ ...r, impressions: Number(r.impressions), views: Number(r.views) })).sort((a, b) => `${a.postingId}${a.day}${a.source}`.localeCompare(`${b.postingId}${b.day}${b.source}`));
}

const ids = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${String(i).padStart(4, "0")}`);

describe("the impression buffer", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });

  it("writes 1,000 impressions of 40 postings from 3 sources as one statement, with exact counts", async () => {
    await db.delete(tables.funnelDaily);
    const buffer = new FunnelBuffer(db, { intervalMs: 60_000, maxRows: 1000 });
    const postingIds = ids(40, "batch");
    const at = Date.parse("2026-11-30T04:00:00Z");
    // 25 result lists of 40 = 1,000 impressions; sources rotate, so 3 × 40 = 120 distinct rows.
    for (let list = 0; list < 25; list++) buffer.addImpressions(postingIds, (["search", "recommendation", "direct"] as const)[list % 3]!, at);
    buffer.addView(postingIds[0]!, "search", at);
    // Statements seen by the SQLite driver itself (PostgreSQL: the buffer's own count, checked on both).
    let prepared = 0;
    const client = isPostgres(db) ? null : ((db as unknown as { $client: { prepare: (text: string) => unknown } }).$client);
    const original = client?.prepare.bind(client);
    if (client && original) {
      client.prepare = (text: string) => {
        if (text.includes("funnel_daily")) prepared++;
        return original(text);
      };
    }
    try {
      await buffer.flush();
    } finally {
      if (client && original) client.prepare = original;
    }
    expect(buffer.written).toEqual({ statements: 1, rows: 120 });
    if (client) expect(prepared).toBe(1);
    const rows = await counters(db);
    expect(rows).toHaveLength(120);
    expect(rows.reduce((n, r) => n + r.impressions, 0)).toBe(1000);
    const first = rows.filter((r) => r.postingId === postingIds[0]);
    // Lists 0,3,…,24 are search (9), 1,4,…,22 recommendation (8), 2,5,…,23 direct (8).
    expect(first.map((r) => [r.source, r.impressions, r.views])).toEqual([
      ["direct", 8, 0],
      ["recommendation", 8, 0],
      ["search", 9, 1],
    ]);
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set(["2026-11-30"]));
  });

  it("adds to the stored counts: two buffers (two instances) flushing at the same time lose nothing", async () => {
    await db.delete(tables.funnelDaily);
    const a = new FunnelBuffer(db, { intervalMs: 60_000 });
    const b = new FunnelBuffer(db, { intervalMs: 60_000 });
    const postingIds = ids(30, "race");
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 7; i++) a.addImpressions(postingIds, "search");
      for (let i = 0; i < 5; i++) b.addImpressions(postingIds.slice(10), "search");
      b.addView(postingIds[12]!, "search");
      await Promise.all([a.flush(), b.flush()]);
    }
    const rows = await counters(db);
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      const index = postingIds.indexOf(row.postingId);
      expect(row.impressions).toBe(6 * 7 + (index >= 10 ? 6 * 5 : 0));
      expect(row.views).toBe(index === 12 ? 6 : 0);
    }
    expect(a.written.statements + b.written.statements).toBe(12);
  });

  it("flushes by itself a moment after the first impression, and at once when N rows are waiting", async () => {
    await db.delete(tables.funnelDaily);
    const timed = new FunnelBuffer(db, { intervalMs: 30 });
    timed.addImpressions(["timed-1"], "search");
    expect(timed.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(timed.size).toBe(0);
    const full = new FunnelBuffer(db, { intervalMs: 60_000, maxRows: 10 });
    full.addImpressions(ids(10, "full"), "recommendation");
    // No flush() called and the timer a minute away: only the row limit can have written it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(full.written).toEqual({ statements: 1, rows: 10 });
    const rows = await counters(db);
    expect(rows.map((r) => r.postingId)).toEqual(["full-0000", "full-0001", "full-0002", "full-0003", "full-0004", "full-0005", "full-0006", "full-0007", "full-0008", "full-0009", "timed-1"]);
  });

  it("counts on the China-time day and reads the source of a view from the page it was opened from", () => {
    expect(chinaDateOf(Date.parse("2026-11-29T15:59:59.999Z"))).toBe("2026-11-29");
    expect(chinaDateOf(Date.parse("2026-11-29T16:00:00Z"))).toBe("2026-11-30");
    expect(sourceOfReferrer("https://edubridge.cn/search?q=护理", "edubridge.cn")).toBe("search");
    expect(sourceOfReferrer("https://edubridge.cn/home", "edubridge.cn")).toBe("recommendation");
    expect(sourceOfReferrer("https://edubridge.cn/organisations/x", "edubridge.cn")).toBe("direct");
    expect(sourceOfReferrer("https://elsewhere.cn/search", "edubridge.cn")).toBe("direct");
    expect(sourceOfReferrer(null, "edubridge.cn")).toBe("direct");
    expect(sourceOfReferrer("not a url", "edubridge.cn")).toBe("direct");
  });
});

describe("a posting's funnel", () => {
  let db: Db;
  let host: Awaited<ReturnType<typeof createEnterprise>>;
  let other: Awaited<ReturnType<typeof createEnterprise>>;
  let adminId: string;
  let students: { userId: string }[];
  let postingId: string;
  let secondPostingId: string;

  beforeAll(async () => {
    db = await createTestDb();
    const admin = await createAdmin(db);
    adminId = admin.id;
    host = await createEnterprise(db, { staffCount: 400 });
    other = await createEnterprise(db, { staffCount: 200 });
    const school = await createSchool(db);
    const invitation = await createInvitationFor(db, school);
    students = [];
    for (let i = 0; i < 5; i++) students.push(await createStudent(db, invitation.code));
    const post = async (offset: number) => {
      const input = postingInput.parse(placementInput({ quantity: 5, startDate: monthStart(offset), endDate: monthEnd(offset + 1), applyBy: monthDay(3, 15), postId: host.postId }));
      const { id } = await createPosting(db, { organisationId: host.organisationId, userId: host.userId, posting: input, submit: true });
      await approvePosting(db, id, admin.id);
      return { id, startDate: input.startDate };
    };
    const first = await post(4);
    const second = await post(7);
    postingId = first.id;
    secondPostingId = second.id;
    const [s0, s1, s2, s3, s4] = students as [{ userId: string }, { userId: string }, { userId: string }, { userId: string }, { userId: string }];
    // s0 came from search, s1 from a recommendation (after a direct visit), s2 directly; s3 from search only after applying.
    await recordView(db, { postingId, source: "search", studentId: s0.userId, at: new Date(Date.now() - 60_000) });
    await recordView(db, { postingId, source: "direct", studentId: s1.userId, at: new Date(Date.now() - 60_000) });
    await recordView(db, { postingId, source: "recommendation", studentId: s1.userId, at: new Date(Date.now() - 30_000) });
    await recordView(db, { postingId, source: "direct", studentId: s1.userId, at: new Date(Date.now() - 20_000) });
    const applied = [];
    for (const s of [s0, s1, s2, s3]) applied.push(await applyToPosting(db, s.userId, { postingId, coverNote: "" }));
    // A second later: in the same millisecond as the application it would count as the application's source.
    await recordView(db, { postingId, source: "search", studentId: s3.userId, at: new Date(Date.now() + 1000) });
    // s0: interview, then offer, accepted (a placement); s1: offer, declined; s2: interview, then rejected; s3 withdrew.
    await moveApplicant(db, host.organisationId, applied[0]!.id, { action: "interview", interviewAt: new Date(Date.now() + 86_400_000), interviewLocation: "会议室" });
    await moveApplicant(db, host.organisationId, applied[0]!.id, { action: "offer", offerStartDate: first.startDate, offerNote: "" });
    await respondToOffer(db, s0.userId, { applicationId: applied[0]!.id, accept: true });
    await moveApplicant(db, host.organisationId, applied[1]!.id, { action: "offer", offerStartDate: first.startDate, offerNote: "" });
    await respondToOffer(db, s1.userId, { applicationId: applied[1]!.id, accept: false });
    await moveApplicant(db, host.organisationId, applied[2]!.id, { action: "interview", interviewAt: new Date(Date.now() + 86_400_000), interviewLocation: "会议室" });
    await moveApplicant(db, host.organisationId, applied[2]!.id, { action: "reject", reason: "岗位已满" });
    await (await callerFor(db, s3.userId)).applications.withdraw({ applicationId: applied[3]!.id });
    // Another posting: one application, so that sums over postings are not trivially one posting's.
    await applyToPosting(db, s4.userId, { postingId: secondPostingId, coverNote: "" });
    // Impressions and views of today and yesterday, through the process's buffer (what search and pages use).
    const buffer = funnelBufferFor(db);
    buffer.addImpressions([postingId, secondPostingId], "search", Date.now() - 86_400_000);
    for (let i = 0; i < 3; i++) buffer.addImpressions([postingId, secondPostingId], "search");
    buffer.addImpressions([postingId], "recommendation");
    buffer.addView(postingId, "search", Date.now() - 86_400_000);
    await buffer.flush();
  });

  it("counts impressions and views per day and source, and each stage per source as the applications table says", async () => {
    const funnel = await (await callerFor(db, host.userId)).funnel.forPosting({ postingId, days: 30 });
    const today = chinaDateOf(Date.now());
    const yesterday = chinaDateOf(Date.now() - 86_400_000);
    const pick = (day: string, source: string) => funnel.rows.find((r) => r.day === day && r.source === source);
    // recordView above counted 5 views of today (2 search, 2 direct, 1 recommendation) and the buffer 1 of yesterday.
    expect(pick(yesterday, "search")).toMatchObject({ impressions: 1, views: 1, applications: 0 });
    expect(pick(today, "search")).toMatchObject({ impressions: 3, views: 2, applications: 1, interviews: 1, offers: 1, placements: 1 });
    expect(pick(today, "recommendation")).toMatchObject({ impressions: 1, views: 1, applications: 1, interviews: 0, offers: 1, placements: 0 });
    expect(pick(today, "direct")).toMatchObject({ impressions: 0, views: 2, applications: 2, interviews: 1, offers: 0, placements: 0 });
    expect(funnel.total).toEqual({ impressions: 5, views: 6, applications: 4, interviews: 2, offers: 2, placements: 1 });
    // s3 applied directly (their search view came after): counted as direct, with s2.
    expect(funnel.bySource.direct.applications).toBe(2);
  });

  it("derives applications, interviews, offers and placements exactly from the applications and placements tables", async () => {
    const funnel = await (await callerFor(db, adminId)).funnel.forPosting({ postingId, days: 30 });
    const [made] = await db.select({ n: count() }).from(applications).where(eq(applications.postingId, postingId));
    const [interviewed] = await db.select({ n: count() }).from(applications).where(and(eq(applications.postingId, postingId), isNotNull(applications.interviewAt)));
    const [offered] = await db.select({ n: count() }).from(applications).where(and(eq(applications.postingId, postingId), inArray(applications.status, ["offered", "accepted", "declined"])));
    const [placed] = await db.select({ n: count() }).from(placements).where(eq(placements.postingId, postingId));
    expect([funnel.total.applications, funnel.total.interviews, funnel.total.offers, funnel.total.placements]).toEqual([made!.n, interviewed!.n, offered!.n, placed!.n].map(Number));
    expect(funnel.total.applications).toBe(4);
  });

  it("sums by province and kind for administrators, and counts applicants on the postings list", async () => {
    const byRegion = await (await callerFor(db, adminId)).funnel.byRegion({ days: 30 });
    const [row] = byRegion.rows;
    expect(byRegion.rows).toHaveLength(1);
    expect(row).toMatchObject({ kind: "placement_internship", impressions: 9, views: 6, applications: 5, interviews: 2, offers: 2, placements: 1 });
    expect(row!.provinceName).not.toBe(row!.provinceCode);
    expect((await (await callerFor(db, adminId)).funnel.byRegion({ days: 30, kind: "order_class" })).rows).toEqual([]);
    const counts = await (await callerFor(db, host.userId)).funnel.applicantCounts({ organisationId: host.organisationId });
    // Withdrawn left out; in progress: none on the first posting (accepted, declined, rejected), one on the second.
    expect(counts).toEqual({ [postingId]: { total: 3, open: 0 }, [secondPostingId]: { total: 1, open: 1 } });
  });

  it("is read only by the owning organisation's members and administrators", async () => {
    const outcome = async (userId: string | null, call: (api: Awaited<ReturnType<typeof callerFor>>) => Promise<unknown>) => {
      try {
        await call(await callerFor(db, userId));
        return "ok";
      } catch (error) {
        return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
      }
    };
    const read = (api: Awaited<ReturnType<typeof callerFor>>) => api.funnel.forPosting({ postingId });
    expect(await outcome(other.userId, read)).toBe("FORBIDDEN: errors.funnelForbidden");
    expect(await outcome(students[0]!.userId, read)).toBe("FORBIDDEN: errors.funnelForbidden");
    expect(await outcome(null, read)).toBe("UNAUTHORIZED: errors.UNAUTHORIZED");
    expect(await outcome(host.userId, read)).toBe("ok");
    expect(await outcome(host.userId, (api) => api.funnel.forPosting({ postingId: crypto.randomUUID() }))).toBe("NOT_FOUND: errors.NOT_FOUND");
    expect(await outcome(other.userId, (api) => api.funnel.applicantCounts({ organisationId: host.organisationId }))).toBe("FORBIDDEN: errors.notOrgMember");
    expect(await outcome(host.userId, (api) => api.funnel.byRegion({ days: 30 }))).toMatch(/^FORBIDDEN/);
    expect(await outcome(host.userId, (api) => api.funnel.forPosting({ postingId, days: 0 }))).toMatch(/^BAD_REQUEST/);
  });

  it("logs an impression for every posting of a search result list and of a student's recommendations", async () => {
    await funnelBufferFor(db).flush();
    await db.delete(tables.funnelDaily);
    const found = await (await callerFor(db)).search.postings({ limit: 20 });
    const recommended = await (await callerFor(db, students[4]!.userId)).match.forStudent({ limit: 10 });
    await funnelBufferFor(db).flush();
    const rows = await counters(db);
    expect(found.items.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.source === "search").map((r) => [r.postingId, r.impressions]).sort()).toEqual(found.items.map((p) => [p.id, 1]).sort());
    expect(rows.filter((r) => r.source === "recommendation").map((r) => [r.postingId, r.impressions]).sort()).toEqual(recommended.items.map((p) => [p.id, 1]).sort());
  });
});
