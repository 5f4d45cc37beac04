import { TRPCError } from "@trpc/server";
import { and, eq, inArray, like } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { complaints, memberships, notifications, postingReports, postings } from "@/db/schema";
import { addWorkingDays, isComplaintOverdue, replyDueOn } from "@/server/complaints/deadline";
import { fileComplaint } from "@/server/complaints/manage";
import { createCaller } from "@/server/root";
import { translate } from "@/server/i18n/messages";
import { resetRateLimits } from "@/server/security/rate-limit";
import { createContext, MessageError, type SessionUser } from "@/server/trpc";
import { callerFor, cloneDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

/** Issue 14, item 9: 实习权益投诉 (private to the school and the administrators) and reports of postings. */

let world: World;
let db: Db;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);
beforeEach(async () => {
  db = await cloneDb(world.db);
  resetRateLimits();
});

const failure = async (call: Promise<unknown>) => {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
};
const complaintText = "每天要求加班到晚上十点，没有加班费。";

describe("a complaint is private to the school and the administrators", () => {
  it("is never shown to the host nor announced to it", async () => {
    const host = await callerFor(db, world.ids.enterprise);
    expect((await failure(host.complaints.forPlacement({ placementId: world.placements.running }))).code).toBe("FORBIDDEN");
    expect((await failure(host.complaints.get({ complaintId: world.complaintId }))).code).toBe("NOT_FOUND");
    expect((await failure(host.complaints.reply({ complaintId: world.complaintId, body: "我们没有安排加班" }))).code).toBe("NOT_FOUND");
    // Nothing the host reads mentions it: the placement page, its notifications.
    expect(JSON.stringify(await host.placements.get({ placementId: world.placements.running }))).not.toContain(complaintText);
    const hostMembers = (await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.organisationId, world.enterprise.organisationId))).map((m) => m.userId);
    expect(await db.select().from(notifications).where(and(inArray(notifications.userId, hostMembers), like(notifications.type, "notify.complaint%")))).toEqual([]);
    // The school and the administrators were told and can read it.
    for (const id of [world.ids.school, world.ids.admin]) {
      expect(await db.select().from(notifications).where(and(eq(notifications.userId, id), eq(notifications.type, "notify.complaintFiled")))).toHaveLength(1);
    }
    const school = await callerFor(db, world.ids.school);
    expect((await school.complaints.forSchool({ organisationId: world.school.organisationId })).map((c) => c.description)).toEqual([complaintText]);
    expect((await (await callerFor(db, world.ids.admin)).complaints.all({})).map((c) => ({ hostId: c.hostId, category: c.category }))).toEqual([{ hostId: world.enterprise.organisationId, category: "overtime" }]);
  });

  it("is not shown to another student's school", async () => {
    const other = await callerFor(db, world.ids.otherSchool);
    expect((await failure(other.complaints.get({ complaintId: world.complaintId }))).code).toBe("NOT_FOUND");
    expect((await failure(other.complaints.forPlacement({ placementId: world.placements.running }))).code).toBe("NOT_FOUND");
    expect((await failure(other.complaints.forSchool({ organisationId: world.school.organisationId }))).code).toBe("FORBIDDEN");
    expect(await other.complaints.forSchool({ organisationId: await otherSchoolId() })).toEqual([]);
    expect((await failure((await callerFor(db, world.ids.otherStudent)).complaints.get({ complaintId: world.complaintId }))).code).toBe("NOT_FOUND");
  });

  it("may only be filed by the placement's student (or a guardian with the student's account), with a reason", async () => {
    for (const id of [world.ids.school, world.ids.enterprise, world.ids.admin]) {
      expect((await failure((await callerFor(db, id)).complaints.file({ placementId: world.placements.running, category: "fees", description: "企业收取了 500 元押金。" }))).code).toBe("FORBIDDEN");
    }
    const student = await callerFor(db, world.ids.student);
    expect((await failure(student.complaints.file({ placementId: world.placements.running, category: "fees", description: "押金" }))).code).toBe("BAD_REQUEST");
    const filed = await student.complaints.file({ placementId: world.placements.running, category: "id_withheld", reporter: "guardian", description: "企业扣留了孩子的身份证。" });
    expect((await db.select().from(complaints).where(eq(complaints.id, filed.id)).limit(1))[0]).toMatchObject({ reporter: "guardian", status: "submitted", hostId: world.enterprise.organisationId, schoolId: world.school.organisationId });
  });
});

describe("statuses and the reply deadline", () => {
  it("counts 5 working days from the day of filing", () => {
    expect(addWorkingDays("2026-11-23", 5)).toBe("2026-11-30"); // Monday → next Monday
    expect(replyDueOn("2026-11-27")).toBe("2026-12-04"); // Friday → next Friday
    expect(replyDueOn("2026-11-28")).toBe("2026-12-04"); // Saturday → Friday
    const c = { replyDueOn: "2026-12-04", firstRepliedAt: null, status: "submitted" };
    expect(isComplaintOverdue(c, "2026-12-04")).toBe(false);
    expect(isComplaintOverdue(c, "2026-12-05")).toBe(true);
    expect(isComplaintOverdue({ ...c, firstRepliedAt: new Date(), status: "in_progress" }, "2026-12-05")).toBe(false);
  });

  it("stores the deadline and shows an unanswered complaint as overdue after it", async () => {
    const student = (await createContext({ db, userId: world.ids.student })).user as SessionUser;
    const { id, replyDueOn: due } = await fileComplaint(db, student, { placementId: world.placements.running, category: "unsafe_work", reporter: "student", description: "没有防护用品就让我们操作冲压机。" }, "2020-01-06");
    expect(due).toBe("2020-01-13");
    const listed = await (await callerFor(db, world.ids.school)).complaints.forSchool({ organisationId: world.school.organisationId });
    expect(listed.find((c) => c.id === id)).toMatchObject({ replyDueOn: "2020-01-13", overdue: true });
    expect(listed.find((c) => c.id === world.complaintId)).toMatchObject({ overdue: false });
  });

  it("moves submitted → in_progress on the school's first reply, then resolved and closed; the student is told", async () => {
    const school = await callerFor(db, world.ids.school);
    await school.complaints.reply({ complaintId: world.complaintId, body: "已联系企业核实。" });
    let c = await school.complaints.get({ complaintId: world.complaintId });
    expect(c.status).toBe("in_progress");
    expect(c.firstRepliedAt).toBeInstanceOf(Date);
    const student = await callerFor(db, world.ids.student);
    expect((await failure(student.complaints.reply({ complaintId: world.complaintId, body: "已解决", status: "resolved" }))).code).toBe("FORBIDDEN");
    await student.complaints.reply({ complaintId: world.complaintId, body: "今天又加班到十点。" });
    await (await callerFor(db, world.ids.admin)).complaints.reply({ complaintId: world.complaintId, body: "已责令企业整改。", status: "resolved" });
    await school.complaints.reply({ complaintId: world.complaintId, body: "结案。", status: "closed" });
    c = await student.complaints.get({ complaintId: world.complaintId });
    expect(c.status).toBe("closed");
    expect(c.replies.map((r) => [r.side, r.status])).toEqual([
      ["school", "in_progress"],
      ["student", null],
      ["admin", "resolved"],
      ["school", "closed"],
    ]);
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, world.ids.student), eq(notifications.type, "notify.complaintReplied")))).toHaveLength(3);
    expect((await failure(school.complaints.reply({ complaintId: world.complaintId, body: "补充", status: "in_progress" }))).code).toBe("CONFLICT");
  });
});

describe("reports of a posting", () => {
  const anonymous = async (address: string) => createCaller(await createContext({ db, userId: null, address }));

  it("suspends a posting on the third distinct reporter: it leaves search and waits for review", async () => {
    const postingId = world.postings.open.id;
    const before = (await db.select({ updatedAt: postings.updatedAt }).from(postings).where(eq(postings.id, postingId)).limit(1))[0]!.updatedAt;
    const title = (await db.select({ title: postings.title }).from(postings).where(eq(postings.id, postingId)).limit(1))[0]!.title;
    expect((await (await anonymous("10.0.0.9")).search.postings({ query: title.slice(0, 4) })).items.map((p) => p.id)).toContain(postingId);

    expect(await (await callerFor(db, world.ids.otherStudent)).complaints.reportPosting({ postingId, reason: "fees_charged", note: "面试时要求交培训费" })).toEqual({ suspended: false });
    const first = await anonymous("10.0.0.1");
    expect(await first.complaints.reportPosting({ postingId, reason: "false_information" })).toEqual({ suspended: false });
    // The same address again is the same reporter.
    expect((await failure(first.complaints.reportPosting({ postingId, reason: "unsafe" }))).code).toBe("CONFLICT");
    expect((await db.select({ status: postings.status }).from(postings).where(eq(postings.id, postingId)).limit(1))[0]!.status).toBe("published");

    expect(await (await anonymous("10.0.0.2")).complaints.reportPosting({ postingId, reason: "discrimination" })).toEqual({ suspended: true });
    const row = (await db.select().from(postings).where(eq(postings.id, postingId)).limit(1))[0]!;
    expect(row.status).toBe("submitted");
    expect(row.suspendedAt).toBeInstanceOf(Date);
    expect(row.updatedAt.getTime()).toBeGreaterThan(before.getTime());
    expect((await (await anonymous("10.0.0.9")).search.postings({ query: title.slice(0, 4) })).items.map((p) => p.id)).not.toContain(postingId);
    const admin = await callerFor(db, world.ids.admin);
    expect((await admin.postings.reviewQueue({})).items.map((p) => p.id)).toContain(postingId);
    expect((await admin.complaints.suspendedPostings()).map((p) => ({ id: p.id, reports: p.reports }))).toEqual([{ id: postingId, reports: 3 }]);
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, world.ids.enterprise), eq(notifications.type, "notify.postingSuspended")))).toHaveLength(1);
    // The reports are closed with the suspension: a suspended posting cannot be reported further.
    expect((await db.select().from(postingReports)).every((r) => r.closedAt)).toBe(true);
    expect((await failure((await anonymous("10.0.0.3")).complaints.reportPosting({ postingId, reason: "other" }))).code).toBe("NOT_FOUND");
  });

  it("two reports do not suspend; drafts cannot be reported", async () => {
    await (await anonymous("10.0.0.1")).complaints.reportPosting({ postingId: world.postings.open.id, reason: "unsafe" });
    await (await anonymous("10.0.0.2")).complaints.reportPosting({ postingId: world.postings.open.id, reason: "unsafe" });
    expect((await db.select({ status: postings.status }).from(postings).where(eq(postings.id, world.postings.open.id)).limit(1))[0]!.status).toBe("published");
    expect((await failure((await anonymous("10.0.0.1")).complaints.reportPosting({ postingId: world.postings.draft.id, reason: "unsafe" }))).code).toBe("NOT_FOUND");
    expect((await failure((await anonymous("10.0.0.1")).complaints.reportPosting({ postingId: world.postings.open.id, reason: "spam" as never }))).code).toBe("BAD_REQUEST");
  });

  const statusOf = async (postingId: string) => (await db.select({ status: postings.status, suspendedAt: postings.suspendedAt }).from(postings).where(eq(postings.id, postingId)).limit(1))[0]!;
  async function suspend(postingId: string, reporters: [string, "fees_charged" | "unsafe" | "false_information", string][]) {
    for (const [address, reason, note] of reporters) await (await anonymous(address)).complaints.reportPosting({ postingId, reason, note });
    expect((await statusOf(postingId)).status).toBe("submitted");
    expect((await statusOf(postingId)).suspendedAt).toBeInstanceOf(Date);
  }

  it("marks a suspended posting in the review queue with the reasons of the reports that suspended it; a decision ends the suspension", async () => {
    const postingId = world.postings.open.id;
    const admin = await callerFor(db, world.ids.admin);
    await suspend(postingId, [
      ["10.0.0.1", "fees_charged", "面试时要求交培训费"],
      ["10.0.0.2", "fees_charged", "押金 500 元"],
      ["10.0.0.3", "unsafe", ""],
    ]);
    const queue = (await admin.postings.reviewQueue({})).items;
    const suspended = queue.find((p) => p.id === postingId)!;
    expect(suspended.suspension).toEqual({
      suspendedAt: (await statusOf(postingId)).suspendedAt,
      reports: 3,
      reasons: [
        { reason: "fees_charged", n: 2, notes: "面试时要求交培训费 / 押金 500 元" },
        { reason: "unsafe", n: 1, notes: null },
      ],
    });
    // An ordinary submission in the same queue is not marked.
    expect(queue.find((p) => p.id === world.postings.submitted.id)!.suspension).toBeNull();

    await admin.postings.approve({ postingId });
    expect(await statusOf(postingId)).toEqual({ status: "published", suspendedAt: null });
    expect(await admin.complaints.suspendedPostings()).toEqual([]);

    // The reporters who suspended it cannot suspend it again at once (one report per posting in 30 days) …
    const again = await failure((await anonymous("10.0.0.1")).complaints.reportPosting({ postingId, reason: "unsafe" }));
    expect(again.code).toBe("TOO_MANY_REQUESTS");
    expect(again).toBeInstanceOf(MessageError);
    expect([(again as MessageError).key, (again as MessageError).params]).toEqual(["errors.reportedRecently", { days: 30 }]);
    expect(translate("zh-CN", "errors.reportedRecently", { days: 30 })).toBe("你近期已举报过该信息，30 天内不能再次举报");
    // … three new reporters can; the queue then shows their reasons only, and a rejection ends the suspension too.
    await suspend(postingId, [
      ["10.0.1.1", "false_information", "公司不存在"],
      ["10.0.1.2", "false_information", ""],
      ["10.0.1.3", "false_information", ""],
    ]);
    expect((await admin.postings.reviewQueue({})).items.find((p) => p.id === postingId)!.suspension).toMatchObject({ reports: 3, reasons: [{ reason: "false_information", n: 3, notes: "公司不存在" }] });
    expect((await admin.complaints.suspendedPostings()).map((p) => [p.id, p.reports])).toEqual([[postingId, 3]]);
    await admin.postings.reject({ postingId, reason: "信息不实，请核实后重新提交" });
    expect(await statusOf(postingId)).toEqual({ status: "rejected", suspendedAt: null });
    expect(await admin.complaints.suspendedPostings()).toEqual([]);
  });

  it("limits anonymous reports per address (every attempt counts), with a localised message, and writes nothing", async () => {
    const postingId = world.postings.open.id;
    const flooder = await anonymous("10.0.0.66");
    // Ten attempts an hour from one address (here at a draft, which does not exist for the public) …
    for (let i = 0; i < 10; i++) expect((await failure(flooder.complaints.reportPosting({ postingId: world.postings.draft.id, reason: "unsafe" }))).code).toBe("NOT_FOUND");
    // … then the eleventh is refused before anything is read or written.
    const refusal = await failure(flooder.complaints.reportPosting({ postingId, reason: "unsafe" }));
    expect(refusal.code).toBe("TOO_MANY_REQUESTS");
    expect([(refusal as MessageError).key, (refusal as MessageError).params]).toEqual(["errors.reportRateLimited", { minutes: 60 }]);
    expect(translate("zh-CN", "errors.reportRateLimited", { minutes: 60 })).toBe("举报过于频繁，请 60 分钟后再试");
    expect(translate("en", "errors.reportRateLimited", { minutes: 60 })).toBe("Too many reports; please try again in 60 minutes");
    expect(await db.select().from(postingReports)).toEqual([]);
    // Another address, and a signed-in reporter on the same address, are not held back.
    expect(await (await anonymous("10.0.0.67")).complaints.reportPosting({ postingId, reason: "unsafe" })).toEqual({ suspended: false });
    const student = createCaller(await createContext({ db, userId: world.ids.otherStudent, address: "10.0.0.66" }));
    expect(await student.complaints.reportPosting({ postingId, reason: "unsafe" })).toEqual({ suspended: false });
    expect(await db.select().from(postingReports)).toHaveLength(2);
  });
});

async function otherSchoolId() {
  return (await db.select({ organisationId: memberships.organisationId }).from(memberships).where(eq(memberships.userId, world.ids.otherSchool)).limit(1))[0]!.organisationId;
}
