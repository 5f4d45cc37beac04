import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { placementAmendments, placements } from "@/db/schema";
import { addDays } from "@/server/compliance/dates";
import { mondayOf, startPlacement, writeWeeklyLog } from "@/server/placements/manage";
import { todayInChina } from "@/server/schemas/accounts";
import { createContext, type SessionUser } from "@/server/trpc";
import { callerFor, createTestDb } from "../helpers/db";
import { monthDay, monthEnd, monthStart, nextWeekday } from "../helpers/dates";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { refusal, violationsOf } from "../helpers/refusals";

let db: Db;
let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
let school: Awaited<ReturnType<typeof createSchool>>;
let code: string;

beforeEach(async () => {
  db = await createTestDb();
  enterprise = await createEnterprise(db, { staffCount: 200 });
  school = await createSchool(db);
  code = (await createInvitationFor(db, school, { maxUses: 100 })).code;
});


/**
 * A placement internship from `startDate` to `endDate`, accepted by a new student and, unless `approve` is
 * false, approved with every item ready to start. Returns the three parties' callers.
 */
async function placement(startDate: string, endDate: string, options: { approve?: boolean; details?: Parameters<typeof placementInput>[1] } = {}) {
  const host = await callerFor(db, enterprise.userId);
  const schoolCaller = await callerFor(db, school.userId);
  const applyBy = todayInChina() <= endDate ? (todayInChina() > startDate ? todayInChina() : startDate) : endDate;
  const { id: postingId } = await host.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, startDate, endDate, applyBy }, options.details), submit: true });
  await (await callerFor(db, (await createAdmin(db)).id)).postings.approve({ postingId });
  const s = await createStudent(db, code);
  const studentCaller = await callerFor(db, s.userId);
  const { id: applicationId } = await studentCaller.applications.submit({ postingId, coverNote: "" });
  await host.applications.move({ organisationId: enterprise.organisationId, applicationId, move: { action: "offer", offerStartDate: startDate, offerNote: "" } });
  const { placementId } = await studentCaller.applications.respond({ applicationId, accept: true });
  const id = placementId!;
  if (options.approve !== false) {
    await schoolCaller.placements.approve({ placementId: id, schoolTutorId: school.userId, longPlacementReason: "企业项目周期需要" });
    await host.placements.assignTutor({ placementId: id, tutorId: enterprise.userId });
    await host.placements.recordInsurance({ placementId: id, insurer: "中国人寿", policyNumber: "PL-2027-001", paidBy: "host" });
    await studentCaller.placements.consent({ placementId: id });
    const { digest } = (await host.placements.get({ placementId: id })).agreement;
    for (const c of [studentCaller, schoolCaller, host]) await c.placements.confirmAgreement({ placementId: id, digest });
  }
  return { id, host, school: schoolCaller, student: studentCaller, studentId: s.userId };
}
const sessionUser = async (userId: string) => (await createContext({ db, userId })).user as SessionUser;

describe("a placement starts no earlier than its agreed start date", () => {
  it("refuses to start the day before (China time), naming the date, and starts on the day", async () => {
    const start = addDays(todayInChina(), 1);
    const p = await placement(start, addDays(start, 120));
    const [v] = await violationsOf(p.host.placements.start({ placementId: p.id }));
    expect(v!.rule).toBe("placementStartDate");
    expect(v!.zh).toContain(start);
    expect((await p.host.placements.get({ placementId: p.id })).placement.status).toBe("approved");
    // On the agreed day itself (the clock is the procedure's only input that differs).
    await startPlacement(db, await sessionUser(enterprise.userId), p.id, start);
    expect((await p.host.placements.get({ placementId: p.id })).placement.status).toBe("active");
  });

  it("starts today when today is the agreed date", async () => {
    const today = todayInChina();
    const p = await placement(today, addDays(today, 90));
    await p.school.placements.start({ placementId: p.id });
    expect((await p.school.placements.get({ placementId: p.id })).placement.startedAt).toBeInstanceOf(Date);
  });
});

describe("weekly logs only for weeks inside the placement", () => {
  it("refuses the week before the start, accepts the first week, refuses next week", async () => {
    const today = todayInChina();
    const p = await placement(today, addDays(today, 90));
    await p.host.placements.start({ placementId: p.id });
    const write = (weekStart: string) => p.student.placements.writeLog({ placementId: p.id, weekStart, content: "本周熟悉了开发环境与代码规范。" });
    const before = await violationsOf(write(addDays(mondayOf(today), -1)));
    expect(before.map((v) => [v.rule, v.field])).toEqual([["logWeekOutsidePlacement", "weekStart"]]);
    expect((await write(today)).weekStart).toBe(mondayOf(today));
    const next = await violationsOf(write(addDays(mondayOf(today), 7)));
    expect(next[0]!.zh).toContain("尚未开始");
  });

  it("accepts the last week and refuses the week after the end (clock passed to the domain function)", async () => {
    // A Wednesday start months ahead, to the end of the next month.
    const [start, end] = [nextWeekday(monthStart(4), 3), monthEnd(5)];
    const p = await placement(start, end);
    await startPlacement(db, await sessionUser(enterprise.userId), p.id, start);
    const student = await sessionUser(p.studentId);
    const later = addDays(end, 32);
    const write = (weekStart: string) => writeWeeklyLog(db, student, { placementId: p.id, weekStart, content: "最后一周完成了项目交接。" }, later);
    expect((await write(end)).weekStart).toBe(mondayOf(end));
    const after = await violationsOf(write(addDays(mondayOf(end), 7)));
    expect(after[0]!.zh).toContain("之后");
    // The first week holds the start (a Wednesday); the week before it does not.
    expect((await write(mondayOf(start))).weekStart).toBe(mondayOf(start));
    expect((await violationsOf(write(addDays(mondayOf(start), -1))))[0]!.zh).toContain("之前");
  });
});

describe("a 岗位实习 over six months needs the school's reason at approval", () => {
  it("refuses approval without a reason from a month's 1st to the 1st six months later, stores and shows it with one", async () => {
    const p = await placement(monthStart(4), monthStart(10), { approve: false });
    const [v] = await violationsOf(p.school.placements.approve({ placementId: p.id, schoolTutorId: school.userId }));
    expect([v!.rule, v!.field]).toEqual(["longPlacementReason", "longPlacementReason"]);
    expect(v!.zh).toContain("6 个月 1 天");
    expect((await p.school.placements.get({ placementId: p.id })).placement.status).toBe("pending_approval");
    await p.school.placements.approve({ placementId: p.id, schoolTutorId: school.userId, longPlacementReason: "企业项目周期 7 个月，经专业教研室论证" });
    const view = await p.student.placements.get({ placementId: p.id });
    expect(view.placement.longPlacementReason).toBe("企业项目周期 7 个月，经专业教研室论证");
  });

  it("approves six months exactly without a reason", async () => {
    const p = await placement(monthStart(4), monthEnd(9), { approve: false });
    await p.school.placements.approve({ placementId: p.id, schoolTutorId: school.userId });
    expect((await p.school.placements.get({ placementId: p.id })).placement).toMatchObject({ status: "approved", longPlacementReason: null });
  });
});

describe("changing the end date needs all three parties", () => {
  it("applies a new end date only after the student, the school and the host have confirmed it", async () => {
    const [end, earlier] = [monthEnd(9), monthEnd(8)];
    const p = await placement(monthStart(4), end);
    // The student cannot propose; the host can, and its own confirmation is given by proposing.
    expect((await refusal(p.student.placements.proposeAmendment({ placementId: p.id, newEndDate: earlier, reason: "提前返校" }))).code).toBe("FORBIDDEN");
    const { id: amendmentId } = await p.host.placements.proposeAmendment({ placementId: p.id, newEndDate: earlier, reason: "项目提前结束" });
    await p.student.placements.confirmAmendment({ placementId: p.id, amendmentId });
    let view = await p.school.placements.get({ placementId: p.id });
    expect(view.placement.endDate).toBe(end);
    expect(view.amendments[0]).toMatchObject({ status: "pending", newEndDate: earlier, reason: "项目提前结束" });
    expect(await p.school.placements.confirmAmendment({ placementId: p.id, amendmentId })).toEqual({ applied: true });
    view = await p.school.placements.get({ placementId: p.id });
    expect(view.placement.endDate).toBe(earlier);
    expect(view.amendments[0]).toMatchObject({ status: "applied", previousEndDate: end });
    // The agreement now states the new date, so it asks to be confirmed again.
    expect(view.agreement.sections[2]!.lines[0]).toContain(earlier);
    expect(view.missing).toEqual(["agreementStudent", "agreementSchool", "agreementHost"]);
    expect((await refusal(p.host.placements.confirmAmendment({ placementId: p.id, amendmentId }))).message).toBe("errors.amendmentNotPending");
  });

  it("refuses an end date before the start or equal to the current one, and keeps one proposal pending", async () => {
    const [start, end] = [monthStart(4), monthEnd(9)];
    const p = await placement(start, end);
    expect((await violationsOf(p.school.placements.proposeAmendment({ placementId: p.id, newEndDate: addDays(start, -1), reason: "无效" })))[0]!.rule).toBe("amendedEndDate");
    expect((await violationsOf(p.school.placements.proposeAmendment({ placementId: p.id, newEndDate: end, reason: "无效" })))[0]!.rule).toBe("amendedEndDate");
    await p.school.placements.proposeAmendment({ placementId: p.id, newEndDate: monthEnd(10), reason: "延长一个月完成项目" });
    await p.host.placements.proposeAmendment({ placementId: p.id, newEndDate: monthDay(10, 15), reason: "延长半个月" });
    const rows = await db.select({ status: placementAmendments.status, newEndDate: placementAmendments.newEndDate }).from(placementAmendments);
    expect(rows.filter((r) => r.status === "pending")).toEqual([{ status: "pending", newEndDate: monthDay(10, 15) }]);
    expect((await db.select({ end: placements.endDate }).from(placements).where(eq(placements.id, p.id)).limit(1))[0]!.end).toBe(end);
  });
});

describe("the filed exception is shown to the school and the student", () => {
  it("states the filing's reference and date on the posting and in the agreement", async () => {
    const filing = { nightShifts: true, exceptionFiled: true, exceptionReference: "穗教职成备〔2026〕12号", exceptionFiledOn: "2026-10-08" };
    const p = await placement(monthStart(4), monthEnd(9), { details: filing });
    const view = await p.student.placements.get({ placementId: p.id });
    expect(view.posting.details).toMatchObject({ exceptionReference: "穗教职成备〔2026〕12号", exceptionFiledOn: "2026-10-08" });
    expect(view.agreement.sections[3]!.lines.join("")).toContain("备案文号 穗教职成备〔2026〕12号，备案日期 2026-10-08");
  });
});
