import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { applications, hostPosts, notifications, organisations, placements, postings } from "@/db/schema";
import { ComplianceError } from "@/server/trpc";
import { addDays } from "@/server/compliance/dates";
import type { PostingInput } from "@/server/schemas/postings";
import { mondayOf } from "@/server/placements/manage";
import { todayInChina } from "@/server/schemas/accounts";
import { callerFor, createTestDb } from "../helpers/db";
import { birthDateTurning, firstYearIntake, monthDay, monthStart, pastFirstYearIntake } from "../helpers/dates";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { refusal as failure, rulesRefusing } from "../helpers/refusals";

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

const applicationCount = async () => (await db.select({ n: count() }).from(applications))[0]!.n;

/** A published placement internship of the test enterprise. */
async function publish(overrides: Parameters<typeof placementInput>[0] = {}, details: Parameters<typeof placementInput>[1] = {}) {
  const owner = await callerFor(db, enterprise.userId);
  const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, ...overrides }, details), submit: true });
  await (await callerFor(db, (await createAdmin(db)).id)).postings.approve({ postingId: id });
  return id;
}

async function student(overrides: Parameters<typeof createStudent>[2] = {}) {
  const created = await createStudent(db, code, overrides);
  return { ...created, caller: await callerFor(db, created.userId) };
}

async function hostCaller() {
  return callerFor(db, enterprise.userId);
}

/** The first day of the factory's placement (placementInput): ages and school years are counted on it. */
const start = () => monthStart(4);
/** The day after a date: a birth date one day short of an age. */
const dayAfter = (iso: string) => addDays(iso, 1);

/** Applies and walks the application to an offer. */
async function offered(postingId: string, s: Awaited<ReturnType<typeof student>>, offerStartDate = start()) {
  const { id } = (await s.caller.applications.submit({ postingId, coverNote: "我熟悉 Java" }));
  await (await hostCaller()).applications.move({ organisationId: enterprise.organisationId, applicationId: id, move: { action: "offer", offerStartDate, offerNote: "" } });
  return id;
}

describe("a student applies", () => {
  it("applies once, the host is notified, and a second application is refused by name", async () => {
    const postingId = await publish();
    const s = await student();
    expect(await s.caller.applications.eligibility({ postingId })).toMatchObject({ applicable: true, violations: [], seatsLeft: 5 });
    await s.caller.applications.submit({ postingId, coverNote: "我熟悉 Java" });
    expect(await rulesRefusing(s.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["alreadyApplied"]);
    expect(await applicationCount()).toBe(1);
    const host = await callerFor(db, enterprise.userId);
    const notes = (await host.notifications.list({})).map((n) => n.text);
    expect(notes).toContainEqual(expect.stringMatching(/^学生\d+ 申请了“Java 开发实习生”$/));
    // The application and, before it, the posting's approval (review decisions notify the members too).
    expect(await host.notifications.unreadCount()).toBe(2);
    // The host may now read the applicant's profile; another enterprise may not.
    expect((await host.students.get({ userId: s.userId })).birthDate).toBe("2005-06-01");
    const other = await createEnterprise(db);
    expect((await failure((await callerFor(db, other.userId)).students.get({ userId: s.userId }))).code).toBe("NOT_FOUND");
  });

  it("refuses a first-year student a placement internship, naming the rule", async () => {
    const postingId = await publish();
    const s = await student({ enrolmentYear: firstYearIntake(start()), birthDate: birthDateTurning(18, start()) });
    expect(await rulesRefusing(s.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["firstYearStudent"]);
    expect(await applicationCount()).toBe(0);
  });

  it("refuses a student under 16 on the first day", async () => {
    const postingId = await publish();
    const s = await student({ enrolmentYear: pastFirstYearIntake(start()), birthDate: dayAfter(birthDateTurning(16, start())) });
    const error = (await failure(s.caller.applications.submit({ postingId, coverNote: "" }))) as ComplianceError;
    expect(error.violations.map((v) => v.rule)).toEqual(["minimumAge"]);
    expect(error.message).toBe("不得安排未满 16 周岁的学生进行岗位实习（实习开始时 15 周岁）");
    // 16 on the first day itself is allowed.
    const sixteen = await student({ enrolmentYear: pastFirstYearIntake(start()), birthDate: birthDateTurning(16, start()) });
    await sixteen.caller.applications.submit({ postingId, coverNote: "" });
    expect(await applicationCount()).toBe(1);
  });

  it("refuses a specialty outside the student's group", async () => {
    const postingId = await publish();
    const nurse = await student({ specialtyCode: "520201" });
    expect(await rulesRefusing(nurse.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["specialtyGroup"]);
  });

  it("refuses after the apply-by date and on postings that are not open", async () => {
    const postingId = await publish();
    const s = await student();
    await db.update(postings).set({ applyBy: "2020-01-01" }).where(eq(postings.id, postingId));
    expect(await rulesRefusing(s.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["applyByPassed"]);
    await db.update(postings).set({ status: "closed" }).where(eq(postings.id, postingId));
    expect(await rulesRefusing(s.caller.applications.submit({ postingId, coverNote: "" }))).toContain("postingNotOpen");
    const owner = await callerFor(db, enterprise.userId);
    const { id: draft } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }), submit: false });
    expect((await failure(s.caller.applications.submit({ postingId: draft, coverNote: "" }))).code).toBe("NOT_FOUND");
    expect(await applicationCount()).toBe(0);
  });

  it("refuses when no seats are left, and when the host's 10% or the post's 20% cap is reached", async () => {
    const postingId = await publish({ quantity: 2 });
    const first = await student();
    const firstApplication = await offered(postingId, first);
    await first.caller.applications.respond({ applicationId: firstApplication, accept: true });

    // The host now has 10 staff (cap 1 intern), with one intern: the next one would break the 10% cap.
    await db.update(organisations).set({ staffCount: 10 }).where(eq(organisations.id, enterprise.organisationId));
    const second = await student();
    expect(await rulesRefusing(second.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["hostInternCap"]);

    // 10% is fine again, but the post has 5 staff (cap 1): the 20% cap refuses.
    await db.update(organisations).set({ staffCount: 200 }).where(eq(organisations.id, enterprise.organisationId));
    await db.update(hostPosts).set({ staffCount: 5 }).where(eq(hostPosts.id, enterprise.postId));
    expect(await rulesRefusing(second.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["postInternCap"]);

    // Seats: quantity 1 with one placement taken.
    await db.update(hostPosts).set({ staffCount: 200 }).where(eq(hostPosts.id, enterprise.postId));
    await db.update(postings).set({ quantity: 1 }).where(eq(postings.id, postingId));
    expect(await rulesRefusing(second.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["noSeats"]);
    expect(await applicationCount()).toBe(1);
  });

  it("lets the student withdraw and apply again, but not move someone else's application", async () => {
    const postingId = await publish();
    const s = await student();
    const { id } = (await s.caller.applications.submit({ postingId, coverNote: "" }));
    const other = await student();
    expect((await failure(other.caller.applications.withdraw({ applicationId: id }))).code).toBe("NOT_FOUND");
    await s.caller.applications.withdraw({ applicationId: id });
    expect((await failure(s.caller.applications.withdraw({ applicationId: id }))).code).toBe("CONFLICT");
    await s.caller.applications.submit({ postingId, coverNote: "再次申请" });
    expect((await s.caller.applications.mine()).map((a) => a.status)).toEqual(["submitted", "withdrawn"]);
  });
});

describe("the host's pipeline", () => {
  it("screens, interviews, offers and rejects; another enterprise cannot touch the applicants", async () => {
    const postingId = await publish();
    const a = await student();
    const b = await student();
    const { id: appA } = (await a.caller.applications.submit({ postingId, coverNote: "" }));
    const { id: appB } = (await b.caller.applications.submit({ postingId, coverNote: "" }));
    const host = await callerFor(db, enterprise.userId);
    const org = enterprise.organisationId;
    await host.applications.move({ organisationId: org, applicationId: appA, move: { action: "screen" } });
    await host.applications.move({ organisationId: org, applicationId: appA, move: { action: "interview", interviewAt: new Date(`${monthDay(2, 10)}T10:00:00+08:00`), interviewLocation: "腾讯会议 123-456" } });
    await host.applications.move({ organisationId: org, applicationId: appB, move: { action: "reject", reason: "专业方向不匹配" } });
    const outside = await failure(host.applications.move({ organisationId: org, applicationId: appA, move: { action: "offer", offerStartDate: monthStart(14), offerNote: "" } }));
    expect(outside.message).toBe("errors.offerStartOutside");
    await host.applications.move({ organisationId: org, applicationId: appA, move: { action: "offer", offerStartDate: monthDay(4, 15), offerNote: "欢迎加入" } });
    const pipeline = await host.applications.applicants({ organisationId: org, postingId });
    expect(pipeline.items.map((i) => [i.studentName, i.status])).toEqual([
      [expect.any(String), "offered"],
      [expect.any(String), "rejected"],
    ]);
    expect((await b.caller.applications.mine())[0]).toMatchObject({ status: "rejected", rejectionReason: "专业方向不匹配" });

    const stranger = await createEnterprise(db);
    const strangerCaller = await callerFor(db, stranger.userId);
    expect((await failure(strangerCaller.applications.move({ organisationId: stranger.organisationId, applicationId: appA, move: { action: "screen" } }))).code).toBe("NOT_FOUND");
    expect((await failure(strangerCaller.applications.applicants({ organisationId: org, postingId }))).code).toBe("FORBIDDEN");
  });
});

describe("accepting an offer", () => {
  it("gives the last seat to exactly one of many students accepting at the same moment", async () => {
    const postingId = await publish({ quantity: 1 });
    const students = await Promise.all(Array.from({ length: 8 }, () => student()));
    const applicationIds: string[] = [];
    for (const s of students) applicationIds.push(await offered(postingId, s));
    const results = await Promise.allSettled(students.map((s, i) => s.caller.applications.respond({ applicationId: applicationIds[i]!, accept: true })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.every((r) => r.reason instanceof ComplianceError && (r.reason).violations.some((v) => v.rule === "noSeats"))).toBe(true);
    expect((await db.select({ n: count() }).from(placements))[0]!.n).toBe(1);
    expect((await db.select({ n: count() }).from(applications).where(eq(applications.status, "accepted")))[0]!.n).toBe(1);
  });
});

describe("a placement from acceptance to completion", () => {
  it("needs the school's approval, tutors, insurance, consent and the agreement confirmed by all three before it starts", async () => {
    // It starts today (China time), so it may start now and log this week.
    const today = todayInChina();
    const postingId = await publish({ startDate: today, endDate: addDays(today, 150), applyBy: today });
    const s = await student();
    const applicationId = await offered(postingId, s, today);
    const { placementId } = await s.caller.applications.respond({ applicationId, accept: true });
    expect(placementId).toBeTruthy();
    const id = placementId!;
    const schoolCaller = await callerFor(db, school.userId);
    const host = await callerFor(db, enterprise.userId);

    let view = await s.caller.placements.get({ placementId: id });
    expect(view.missing).toEqual(["schoolApproval", "schoolTutor", "hostTutor", "insurance", "studentConsent", "agreementStudent", "agreementSchool", "agreementHost"]);
    expect((await failure(host.placements.start({ placementId: id }))).message).toBe("errors.placementNotReady");
    // Only the school approves; a stranger does not even see it.
    expect((await failure(host.placements.approve({ placementId: id, schoolTutorId: enterprise.userId }))).code).toBe("FORBIDDEN");
    const strangerSchool = await createSchool(db);
    expect((await failure((await callerFor(db, strangerSchool.userId)).placements.get({ placementId: id }))).code).toBe("NOT_FOUND");
    // The tutor must be a member of the school.
    expect((await failure(schoolCaller.placements.approve({ placementId: id, schoolTutorId: enterprise.userId }))).message).toBe("errors.tutorNotMember");
    await schoolCaller.placements.approve({ placementId: id, schoolTutorId: school.userId });
    await host.placements.assignTutor({ placementId: id, tutorId: enterprise.userId });
    // Insurance is never paid by the student: the rule says so.
    expect(await rulesRefusing(host.placements.recordInsurance({ placementId: id, insurer: "中国人寿", policyNumber: "PL-2027-001", paidBy: "student" }))).toEqual(["liabilityInsurance"]);
    // Before the insurance is recorded the agreement cannot be confirmed.
    view = await s.caller.placements.get({ placementId: id });
    expect(view.agreementReady).toBe(false);
    expect((await failure(s.caller.placements.confirmAgreement({ placementId: id, digest: view.agreement.digest }))).message).toBe("errors.agreementIncomplete");
    await host.placements.recordInsurance({ placementId: id, insurer: "中国人寿", policyNumber: "PL-2027-001", paidBy: "host" });
    await s.caller.placements.consent({ placementId: id });

    view = await s.caller.placements.get({ placementId: id });
    const { digest } = view.agreement;
    expect(view.agreement.sections.map((x) => x.heading)).toEqual([
      "一、协议各方",
      "二、实习岗位与内容",
      "三、实习期限",
      "四、工作时间与休息休假",
      "五、实习报酬及支付方式",
      "六、保险",
      "七、安全与劳动保护",
      "八、实习指导",
      "九、协议的变更与解除",
      "十、争议解决",
    ]);
    expect(view.agreement.sections[4]!.lines[0]).toContain("实习报酬 3,000 元/月");
    await s.caller.placements.confirmAgreement({ placementId: id, digest });
    await schoolCaller.placements.confirmAgreement({ placementId: id, digest });
    // A change to the facts changes the text: the earlier confirmations no longer count.
    await host.placements.recordInsurance({ placementId: id, insurer: "中国平安", policyNumber: "PL-2027-002", paidBy: "host" });
    expect((await failure(host.placements.confirmAgreement({ placementId: id, digest }))).message).toBe("errors.agreementChanged");
    view = await s.caller.placements.get({ placementId: id });
    expect(view.missing).toEqual(["agreementStudent", "agreementSchool", "agreementHost"]);
    const confirmed = view.agreement.digest;
    for (const c of [s.caller, schoolCaller, host]) await c.placements.confirmAgreement({ placementId: id, digest: confirmed });
    await host.placements.start({ placementId: id });
    view = await s.caller.placements.get({ placementId: id });
    expect(view.placement.status).toBe("active");

    // Weekly log, commented by both tutors; no future weeks (placement-dates.test.ts has the boundaries).
    expect(await rulesRefusing(s.caller.placements.writeLog({ placementId: id, weekStart: "2099-01-05", content: "本周学习了 Spring Boot 接口开发。" }))).toEqual(["logWeekOutsidePlacement"]);
    const log = await s.caller.placements.writeLog({ placementId: id, weekStart: today, content: "本周学习了 Spring Boot 接口开发。" });
    expect(log.weekStart).toBe(mondayOf(today));
    await schoolCaller.placements.commentLog({ logId: log.id, content: "记录详实，继续保持" });
    await host.placements.commentLog({ logId: log.id, content: "接口设计需注意幂等" });
    expect((await failure(s.caller.placements.commentLog({ logId: log.id, content: "自评" }))).code).toBe("FORBIDDEN");

    // Completion needs both tutors' evaluations.
    await schoolCaller.placements.evaluate({ placementId: id, score: 5, comment: "表现优秀" });
    expect((await failure(schoolCaller.placements.complete({ placementId: id }))).message).toBe("errors.evaluationsMissing");
    await host.placements.evaluate({ placementId: id, score: 4, comment: "学习能力强" });
    await s.caller.placements.evaluate({ placementId: id, score: 5, comment: "导师耐心" });
    await schoolCaller.placements.complete({ placementId: id });
    view = await s.caller.placements.get({ placementId: id });
    expect(view.placement.status).toBe("completed");
    expect(view.logs[0]!.comments.map((c) => c.party)).toEqual(["school", "host"]);
    expect(view.evaluations).toHaveLength(3);
    // The agreement was frozen at the start: later it reads the same text.
    const printed = await host.placements.agreement({ placementId: id });
    expect([view.agreement.digest, printed.agreement.digest]).toEqual([confirmed, confirmed]);
    expect(printed.confirmations.student).toBeInstanceOf(Date);
    // Everyone concerned heard about it.
    const kinds = (await db.select({ type: notifications.type }).from(notifications).where(eq(notifications.userId, s.userId))).map((n) => n.type);
    expect(kinds).toEqual(expect.arrayContaining(["notify.offerMade", "notify.placementApproved", "notify.placementStarted", "notify.logCommented", "notify.placementCompleted"]));
  });

  it("requires a guardian's consent for a student under 18 on the first day", async () => {
    const postingId = await publish();
    const minor = await student({ birthDate: birthDateTurning(17, start()) });
    const { placementId } = await minor.caller.applications.respond({ applicationId: await offered(postingId, minor), accept: true });
    expect((await minor.caller.placements.get({ placementId: placementId! })).guardianConsentNeeded).toBe(true);
    expect((await failure(minor.caller.placements.consent({ placementId: placementId! }))).message).toBe("errors.guardianRequired");
    await minor.caller.placements.consent({ placementId: placementId!, guardianName: "张母", guardianRelation: "母亲" });
    expect((await minor.caller.placements.get({ placementId: placementId! })).missing).not.toContain("guardianConsent");
  });

  it("lets the school see its students' applications and who has no placement yet", async () => {
    const postingId = await publish();
    const placed = await student();
    const waiting = await student();
    await placed.caller.applications.respond({ applicationId: await offered(postingId, placed), accept: true });
    const schoolCaller = await callerFor(db, school.userId);
    expect((await schoolCaller.applications.forSchool({ organisationId: school.organisationId })).map((a) => a.status)).toEqual(["accepted"]);
    expect((await schoolCaller.applications.withoutPlacement({ organisationId: school.organisationId })).map((s) => s.userId)).toEqual([waiting.userId]);
    expect((await schoolCaller.placements.listForOrganisation({ organisationId: school.organisationId })).map((p) => p.studentId)).toEqual([placed.userId]);
    expect((await failure((await callerFor(db, enterprise.userId)).applications.forSchool({ organisationId: enterprise.organisationId }))).code).toBe("FORBIDDEN");
  });
});

describe("minors and children (issue 14)", () => {
  /** A published apprenticeship (学徒岗位) of the test enterprise, starting on start(). */
  async function publishApprenticeship() {
    const owner = await callerFor(db, enterprise.userId);
    const base = placementInput();
    const { id } = await owner.postings.create({
      organisationId: enterprise.organisationId,
      posting: { ...base, kind: "apprenticeship", title: "数控车工学徒", details: { monthlyPay: 2800, apprenticesPerMaster: 2, certificate: "车工（四级）", termMonths: 12, feesToStudents: 0 } } satisfies PostingInput,
      submit: true,
    });
    await (await callerFor(db, (await createAdmin(db)).id)).postings.approve({ postingId: id });
    return id;
  }

  it("refuses an apprenticeship to a student 15 on its first day, and accepts one who turns 16 that day", async () => {
    const postingId = await publishApprenticeship();
    const young = await student({ birthDate: dayAfter(birthDateTurning(16, start())), enrolmentYear: pastFirstYearIntake(start()) });
    expect(await rulesRefusing(young.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["apprenticeMinimumAge"]);
    expect((await young.caller.applications.eligibility({ postingId })).violations.map((v) => v.rule)).toEqual(["apprenticeMinimumAge"]);
    const sixteen = await student({ birthDate: birthDateTurning(16, start()), enrolmentYear: pastFirstYearIntake(start()) });
    await sixteen.caller.applications.submit({ postingId, coverNote: "" });
    expect(await applicationCount()).toBe(1);
  });

  it("refuses a student under 18 a post involving work forbidden to minors when applying", async () => {
    const postingId = await publish({}, { minorForbiddenWork: ["forcedPosture"] });
    const minor = await student({ birthDate: dayAfter(birthDateTurning(18, start())) });
    expect(await rulesRefusing(minor.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["minorForbiddenWork"]);
    const adult = await student({ birthDate: birthDateTurning(18, start()) });
    await adult.caller.applications.submit({ postingId, coverNote: "" });
    expect(await applicationCount()).toBe(1);
  });

  it("treats underground work as forbidden to minors, even with the exception filed for adults", async () => {
    const postingId = await publish({}, { riskKinds: ["underground"], exceptionFiled: true, exceptionReference: "粤教职成备〔2026〕7号", exceptionFiledOn: "2026-10-01" });
    const minor = await student({ birthDate: birthDateTurning(17, start()) });
    expect(await rulesRefusing(minor.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["minorForbiddenWork"]);
  });
});
