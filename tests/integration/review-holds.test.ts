import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { naiveSearch } from "@/db/queries/naive-search";
import { applications, memberships, notifications, organisations, postings, users } from "@/db/schema";
import { todayInChina } from "@/server/schemas/accounts";
import { findPostings } from "@/server/search/search-postings";
import { ComplianceError, MessageError } from "@/server/trpc";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { monthEnd, monthStart } from "../helpers/dates";

/**
 * Review holds (issue 13, M7) and the notifications of review decisions (issue 14, item 10): a published
 * posting's material change and a verified organisation's change of its verified facts wait for an
 * administrator while the approved version stays in force, and an organisation that is not verified has
 * no public postings.
 */
let db: Db;
let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
let admin: Awaited<ReturnType<typeof callerFor>>;
let adminId: string;

beforeEach(async () => {
  db = await createTestDb();
  enterprise = await createEnterprise(db, { staffCount: 200 });
  adminId = (await createAdmin(db)).id;
  admin = await callerFor(db, adminId);
});

type Host = { userId: string; organisationId: string; postId?: string };
const posting = (host: Host, overrides: Parameters<typeof placementInput>[0] = {}, details: Parameters<typeof placementInput>[1] = {}) =>
  ({ ...placementInput(overrides, details), postId: host.postId }) as ReturnType<typeof placementInput>;

async function publish(host: Host = enterprise, overrides: Parameters<typeof placementInput>[0] = {}) {
  const owner = await callerFor(db, host.userId);
  const { id } = await owner.postings.create({ organisationId: host.organisationId, posting: posting(host, overrides), submit: true });
  await admin.postings.approve({ postingId: id });
  return { owner, id };
}

/** A second member of the organisation: the acting member is not notified of their own act, the others are. */
async function addStaff(organisationId: string) {
  const user = (await db.insert(users).values({ name: "同事", email: `staff-${crypto.randomUUID()}@example.cn`, role: "enterprise", passwordHash: "x" }).returning())[0]!;
  await db.insert(memberships).values({ userId: user.id, organisationId, role: "staff" });
  return user.id;
}

const notificationsOf = async (userId: string) => await db.select({ type: notifications.type, params: notifications.params }).from(notifications).where(eq(notifications.userId, userId));
const searchTotal = async (query: string) => (await (await callerFor(db)).search.postings({ query })).total;
const naiveTotal = async (query: string) => (await naiveSearch(db, { query, today: todayInChina() })).total;

async function failure(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("a published posting's material change waits for review", () => {
  it("keeps the approved title public, in postings.get and in search, until the reviewer approves the diff", async () => {
    const { owner, id } = await publish();
    const colleague = await addStaff(enterprise.organisationId);
    const saved = await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: posting(enterprise, { title: "Python 数据分析实习生" }) });
    expect(saved).toMatchObject({ status: "published", revisionPending: true });

    const anon = await callerFor(db);
    expect(await anon.postings.get({ postingId: id })).toMatchObject({ title: "Java 开发实习生", status: "published" });
    expect(await searchTotal("Python")).toBe(0);
    expect(await naiveTotal("Python")).toBe(0);
    expect(await searchTotal("Java 开发")).toBe(1);
    expect(await naiveTotal("Java 开发")).toBe(1);
    // The owner's edit page sees the change waiting; the other member was told it went to review.
    expect(await owner.postings.revision({ organisationId: enterprise.organisationId, postingId: id })).toMatchObject({ status: "pending", version: 1, values: { title: "Python 数据分析实习生" } });
    expect(await notificationsOf(colleague)).toEqual([{ type: "notify.postingRevisionSubmitted", params: { posting: "Java 开发实习生" } }]);
    expect((await owner.postings.listOwn({ organisationId: enterprise.organisationId })).items[0]).toMatchObject({ id, status: "published", revisionPending: true });

    const queue = await admin.postings.revisionQueue({});
    expect(queue.total).toBe(1);
    expect(queue.items[0]).toMatchObject({ postingId: id, version: 1, title: "Java 开发实习生", changes: [{ field: "title", before: "Java 开发实习生", after: "Python 数据分析实习生" }] });

    await admin.postings.approveRevision({ revisionId: queue.items[0]!.id });
    expect(await anon.postings.get({ postingId: id })).toMatchObject({ title: "Python 数据分析实习生", status: "published" });
    expect(await searchTotal("Python")).toBe(1);
    expect(await naiveTotal("Python")).toBe(1);
    expect(await searchTotal("Java 开发")).toBe(0);
    expect((await admin.postings.revisionQueue({})).total).toBe(0);
    expect(await notificationsOf(enterprise.userId)).toContainEqual({ type: "notify.postingRevisionApproved", params: { posting: "Python 数据分析实习生" } });
  });

  it("holds pay, seats, dates, specialties and hazards alike, and applies a new contact at once", async () => {
    const { owner, id } = await publish();
    const before = (await db.select().from(postings).where(eq(postings.id, id)).limit(1))[0]!;
    await owner.postings.update({
      organisationId: enterprise.organisationId,
      postingId: id,
      posting: posting(enterprise, { quantity: 6, endDate: monthEnd(8), specialtyCodes: ["510201"], contactName: "王主管" }, { monthlyPay: 3200, hazards: "无" }),
    });
    const after = (await db.select().from(postings).where(eq(postings.id, id)).limit(1))[0]!;
    expect(after).toMatchObject({ status: "published", quantity: before.quantity, endDate: before.endDate, monthlyPay: before.monthlyPay, contactName: "王主管" });
    expect((after.details as { hazards: string }).hazards).toBe((before.details as { hazards: string }).hazards);
    const fields = (await admin.postings.revisionQueue({})).items[0]!.changes.map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(["quantity", "endDate", "specialtyCodes", "details.monthlyPay", "details.hazards"]));
    expect(fields).not.toContain("contactName");

    // Only the contact changed: nothing to review.
    const contact = await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: posting(enterprise, { contactName: "赵主管" }) });
    expect(contact).toMatchObject({ status: "published", revisionPending: false });
    expect((await db.select().from(postings).where(eq(postings.id, id)).limit(1))[0]!.contactName).toBe("赵主管");
    // …and an edit back to the approved values drops the held change.
    expect((await admin.postings.revisionQueue({})).total).toBe(0);
  });

  it("keeps the published version when the reviewer rejects the change, and tells the owner why", async () => {
    const { owner, id } = await publish();
    await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: posting(enterprise, { description: "夜场服务，押金 800 元，工作轻松报酬高。" }) });
    const revisionId = (await admin.postings.revisionQueue({})).items[0]!.id;
    await admin.postings.rejectRevision({ revisionId, reason: "描述含收费内容" });
    expect((await (await callerFor(db)).postings.get({ postingId: id })).description).toBe("参与企业级应用开发，由资深工程师一对一指导。");
    expect(await owner.postings.revision({ organisationId: enterprise.organisationId, postingId: id })).toMatchObject({ status: "rejected", reason: "描述含收费内容" });
    expect(await notificationsOf(enterprise.userId)).toContainEqual({ type: "notify.postingRevisionRejected", params: { posting: "Java 开发实习生", reason: "描述含收费内容" } });
    expect((await failure(admin.postings.approveRevision({ revisionId }))).code).toBe("CONFLICT");
  });

  it("runs the internship rules again when approving a change", async () => {
    const { owner, id } = await publish(enterprise, { quantity: 5 });
    await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: posting(enterprise, { quantity: 15 }) });
    const revisionId = (await admin.postings.revisionQueue({})).items[0]!.id;
    // Meanwhile another posting takes the rest of the host's 10% (20 of 200 staff).
    await publish(enterprise, { quantity: 10 });
    expect(await failure(admin.postings.approveRevision({ revisionId }))).toBeInstanceOf(ComplianceError);
    expect((await db.select().from(postings).where(eq(postings.id, id)).limit(1))[0]!.quantity).toBe(5);
  });

  it("counts the caps inside the approval: two revisions approved at the same moment cannot both take the host's last seats", async () => {
    // 200 staff: at most 20 interns. 5 + 5 published; each revision to 12 fits alone (17), both together (24) do not.
    const first = await publish(enterprise, { quantity: 5 });
    const second = await publish(enterprise, { quantity: 5 });
    for (const { owner, id } of [first, second]) await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: posting(enterprise, { quantity: 12 }) });
    const revisions = (await admin.postings.revisionQueue({})).items.map((r) => r.id);
    expect(revisions).toHaveLength(2);

    const outcomes = await Promise.allSettled(revisions.map((revisionId) => admin.postings.approveRevision({ revisionId })));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refusal = (outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason as ComplianceError;
    expect(refusal).toBeInstanceOf(ComplianceError);
    expect(refusal.violations.map((v) => [v.rule, v.zh])).toEqual([["hostInternCap", "实习学生 24 人超过单位职工总数 200 人的 10%（最多 20 人）"]]);
    // The refused revision is still waiting, its posting unchanged.
    const quantities = (await db.select({ quantity: postings.quantity }).from(postings).where(eq(postings.organisationId, enterprise.organisationId))).map((p) => p.quantity);
    expect(quantities.sort((a, b) => a - b)).toEqual([5, 12]);
    expect((await admin.postings.revisionQueue({})).total).toBe(1);
  });

  it("counts the caps again when approving a posting: a draft sent for review after the cap filled is refused", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const { id: draft } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: posting(enterprise, { quantity: 15 }), submit: false });
    await publish(enterprise, { quantity: 10 });
    await owner.postings.submit({ organisationId: enterprise.organisationId, postingId: draft });
    const refusal = await failure(admin.postings.approve({ postingId: draft }));
    expect(refusal).toBeInstanceOf(ComplianceError);
    expect((refusal as ComplianceError).violations.map((v) => [v.rule, v.zh])).toEqual([["hostInternCap", "实习学生 25 人超过单位职工总数 200 人的 10%（最多 20 人）"]]);
    expect((await db.select({ status: postings.status, publishedAt: postings.publishedAt }).from(postings).where(eq(postings.id, draft)).limit(1))[0]).toEqual({ status: "submitted", publishedAt: null });
    expect((await notificationsOf(enterprise.userId)).filter((n) => n.type === "notify.postingApproved")).toHaveLength(1);
  });
});

describe("a verified organisation's change of its verified facts waits for verification", () => {
  const update = async (org: { organisationId: string }, changes: Record<string, unknown> = {}) => {
    const row = (await db.select().from(organisations).where(eq(organisations.id, org.organisationId)).limit(1))[0]!;
    return {
      organisationId: row.id,
      kind: "enterprise" as const,
      name: row.name,
      regionCode: row.regionCode,
      address: row.address,
      description: "新的简介",
      contactName: row.contactName,
      contactPhone: row.contactPhone,
      website: row.website,
      verificationEvidence: row.verificationEvidence,
      industryCode: row.industryCode!,
      staffCount: row.staffCount!,
      integrationCertified: row.integrationCertified,
      ...changes,
    };
  };
  const stored = async () => (await db.select().from(organisations).where(eq(organisations.id, enterprise.organisationId)).limit(1))[0]!;

  it("holds a staff count of 10,000,000 and the 产教融合型企业 flag; the 10% cap keeps the verified staff count", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const colleague = await addStaff(enterprise.organisationId);
    expect(await owner.organisations.update(await update(enterprise, { staffCount: 10_000_000, integrationCertified: true }))).toEqual({ changePending: true });
    // The rest of the profile applied; the verified facts did not.
    expect(await stored()).toMatchObject({ verificationStatus: "verified", staffCount: 200, integrationCertified: false, description: "新的简介" });
    expect(await notificationsOf(colleague)).toEqual([{ type: "notify.organisationChangeSubmitted", params: { organisation: (await stored()).name } }]);

    // 21 seats exceed 10% of the verified 200 staff.
    const tooMany = await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: posting(enterprise, { quantity: 21 }), submit: true }));
    expect(tooMany).toBeInstanceOf(ComplianceError);

    const [change] = await admin.organisations.changeQueue();
    expect(change).toMatchObject({ organisationId: enterprise.organisationId, name: (await stored()).name });
    expect(change!.changes).toEqual([
      { field: "staffCount", before: 200, after: 10_000_000 },
      { field: "integrationCertified", before: false, after: true },
    ]);
    await admin.organisations.approveChange({ changeId: change!.id });
    expect(await stored()).toMatchObject({ verificationStatus: "verified", staffCount: 10_000_000, integrationCertified: true });
    expect(await notificationsOf(enterprise.userId)).toContainEqual({ type: "notify.organisationChangeApproved", params: { organisation: (await stored()).name } });
    expect(await admin.organisations.changeQueue()).toEqual([]);
  });

  it("keeps a renamed organisation verified under its verified name, its postings public, until the change is decided", async () => {
    const { id } = await publish();
    const owner = await callerFor(db, enterprise.userId);
    const verifiedName = (await stored()).name;
    await owner.organisations.update(await update(enterprise, { name: "某某夜总会有限公司" }));
    const anon = await callerFor(db);
    expect(await anon.organisations.get({ organisationId: enterprise.organisationId })).toMatchObject({ name: verifiedName, verificationStatus: "verified" });
    expect(await anon.postings.get({ postingId: id })).toMatchObject({ organisationName: verifiedName });
    expect(await searchTotal("Java 开发")).toBe(1);
    expect(await owner.organisations.change({ organisationId: enterprise.organisationId })).toMatchObject({ status: "pending", values: { name: "某某夜总会有限公司" } });

    const [change] = await admin.organisations.changeQueue();
    expect(change!.changes).toEqual([{ field: "name", before: verifiedName, after: "某某夜总会有限公司" }]);
    await admin.organisations.rejectChange({ changeId: change!.id, reason: "名称与营业执照不符" });
    expect(await stored()).toMatchObject({ name: verifiedName, verificationStatus: "verified" });
    expect(await owner.organisations.change({ organisationId: enterprise.organisationId })).toMatchObject({ status: "rejected", reason: "名称与营业执照不符" });
    expect(await notificationsOf(enterprise.userId)).toContainEqual({ type: "notify.organisationChangeRejected", params: { organisation: verifiedName, reason: "名称与营业执照不符" } });
  });

  it("applies a pending organisation's own edits as before", async () => {
    const pending = await createEnterprise(db, { staffCount: 50 }, { verified: false });
    const owner = await callerFor(db, pending.userId);
    expect(await owner.organisations.update(await update(pending, { name: "广州改名科技有限公司", staffCount: 80 }))).toEqual({ changePending: false });
    expect((await db.select().from(organisations).where(eq(organisations.id, pending.organisationId)).limit(1))[0]).toMatchObject({ name: "广州改名科技有限公司", staffCount: 80, verificationStatus: "pending" });
    expect(await admin.organisations.changeQueue()).toEqual([]);
  });
});

describe("postings of an organisation that is not verified", () => {
  it("leave search (index and plain SQL), the public posting page and recommendations, and come back when it is verified", async () => {
    const school = await createSchool(db, { regionCode: "440106" });
    const student = await createStudent(db, (await createInvitationFor(db, school)).code, { specialtyCode: "510201", enrolmentYear: 2024, birthDate: "2006-05-01" });
    const { id } = await publish();
    const anon = await callerFor(db);
    const me = await callerFor(db, student.userId);
    const outsider = await callerFor(db, (await createEnterprise(db)).userId);
    const owner = await callerFor(db, enterprise.userId);
    const visible = async () => ({
      search: await searchTotal("Java 开发"),
      naive: await naiveTotal("Java 开发"),
      // The index's organisation filter (an organisation's postings list, counterpart matching).
      byOrganisation: (await findPostings(db, { filters: { organisationId: enterprise.organisationId }, sort: "newest", profile: null, limit: 10 })).total,
      page: await anon.postings.get({ postingId: id }).then(() => "ok", (e: TRPCError) => e.code),
      outsiderPage: await outsider.postings.get({ postingId: id }).then(() => "ok", (e: TRPCError) => e.code),
      recommended: (await me.match.forStudent({})).items.some((i) => i.id === id),
    });
    const name = (await db.select().from(organisations).where(eq(organisations.id, enterprise.organisationId)).limit(1))[0]!.name;
    const shown = { search: 1, naive: 1, byOrganisation: 1, page: "ok", outsiderPage: "ok", recommended: true };
    const hidden = { search: 0, naive: 0, byOrganisation: 0, page: "NOT_FOUND", outsiderPage: "NOT_FOUND", recommended: false };
    expect(await visible()).toEqual(shown);

    await admin.organisations.reject({ organisationId: enterprise.organisationId, reason: "营业执照已注销" });
    expect(await visible()).toEqual(hidden);
    // Its members and the administrators still reach it.
    await expect(owner.postings.get({ postingId: id })).resolves.toMatchObject({ canEdit: true });
    await expect(admin.postings.get({ postingId: id })).resolves.toMatchObject({ viewerIsAdmin: true });
    expect(await notificationsOf(enterprise.userId)).toContainEqual({ type: "notify.organisationRejected", params: { organisation: name, reason: "营业执照已注销" } });

    await admin.organisations.verify({ organisationId: enterprise.organisationId });
    expect(await visible()).toEqual(shown);
    expect(await notificationsOf(enterprise.userId)).toContainEqual({ type: "notify.organisationVerified", params: { organisation: name } });

    // Any path back to pending (here a plain UPDATE, as another process might write it) hides them too.
    await db.update(organisations).set({ verificationStatus: "pending" }).where(eq(organisations.id, enterprise.organisationId));
    expect(await visible()).toEqual(hidden);
    expect((await db.select({ n: postings.hostVerified }).from(postings).where(and(eq(postings.id, id))).limit(1))[0]).toEqual({ n: false });
  });

  it("cannot move its applicants while pending or rejected, and moves them again once verified", async () => {
    const school = await createSchool(db, { regionCode: "440106" });
    const student = await createStudent(db, (await createInvitationFor(db, school)).code, { specialtyCode: "510201", enrolmentYear: 2024, birthDate: "2006-05-01" });
    const { owner, id } = await publish();
    const { id: applicationId } = await (await callerFor(db, student.userId)).applications.submit({ postingId: id, coverNote: "" });
    const statusOf = async () => (await db.select({ status: applications.status }).from(applications).where(eq(applications.id, applicationId)).limit(1))[0]!.status;
    const move = (m: Parameters<typeof owner.applications.move>[0]["move"]) => owner.applications.move({ organisationId: enterprise.organisationId, applicationId, move: m });

    for (const status of ["pending", "rejected"] as const) {
      await db.update(organisations).set({ verificationStatus: status }).where(eq(organisations.id, enterprise.organisationId));
      for (const m of [{ action: "screen" } as const, { action: "offer", offerStartDate: monthStart(4), offerNote: "" } as const, { action: "reject", reason: "岗位已满" } as const]) {
        const error = await failure(move(m));
        expect(error.code).toBe("FORBIDDEN");
        expect((error as MessageError).key).toBe("errors.orgVerificationRequired");
      }
      expect(await statusOf()).toBe("submitted");
    }
    await db.update(organisations).set({ verificationStatus: "verified" }).where(eq(organisations.id, enterprise.organisationId));
    await move({ action: "screen" });
    expect(await statusOf()).toBe("screening");
  });
});

describe("review decisions on postings notify the organisation's members", () => {
  it("tells them a posting was approved, or rejected with the reason", async () => {
    const { id } = await publish();
    expect(await notificationsOf(enterprise.userId)).toContainEqual({ type: "notify.postingApproved", params: { posting: "Java 开发实习生" } });
    const owner = await callerFor(db, enterprise.userId);
    const { id: second } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: posting(enterprise, { title: "测试开发实习生", quantity: 2 }), submit: true });
    await admin.postings.reject({ postingId: second, reason: "岗位描述过于简单" });
    expect(await notificationsOf(enterprise.userId)).toContainEqual({ type: "notify.postingRejected", params: { posting: "测试开发实习生", reason: "岗位描述过于简单" } });
    expect(id).not.toBe(second);
  });
});
