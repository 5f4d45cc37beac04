import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { allocationResults, applications, auditLog, notifications, organisations, webhookEvents } from "@/db/schema";
import { allocate, type AllocationInput } from "@/server/allocation/deferred-acceptance";
import { callerFor, createTestDb } from "../helpers/db";
import { birthDateTurning, daysFromToday, monthStart, pastFirstYearIntake } from "../helpers/dates";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { refusal, rulesRefusing } from "../helpers/refusals";

let db: Db;
let school: Awaited<ReturnType<typeof createSchool>>;
let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
let code: string;
const intake = () => pastFirstYearIntake(monthStart(4));
const graduationYear = () => intake() + 3; // 510201 is a 高职专科 specialty: three years.

beforeEach(async () => {
  db = await createTestDb();
  school = await createSchool(db);
  enterprise = await createEnterprise(db, { staffCount: 200 });
  code = (await createInvitationFor(db, school, { maxUses: 100 })).code;
});

async function publish(quantity: number, title: string) {
  const owner = await callerFor(db, enterprise.userId);
  const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, quantity, title }), submit: true });
  await (await callerFor(db, (await createAdmin(db)).id)).postings.approve({ postingId: id });
  return id;
}

async function student(overrides: Parameters<typeof createStudent>[2] = {}, invitation = code) {
  const created = await createStudent(db, invitation, { enrolmentYear: intake(), specialtyCode: "510201", ...overrides });
  return { ...created, caller: await callerFor(db, created.userId) };
}

const schoolCaller = () => callerFor(db, school.userId);
const hostCaller = () => callerFor(db, enterprise.userId);
const S = () => ({ organisationId: school.organisationId });
const H = () => ({ organisationId: enterprise.organisationId });

async function openRound(postingSeats: [string, number][], maxChoices = 2) {
  const staff = await schoolCaller();
  const { id: roundId } = await staff.allocation.create({ ...S(), round: { name: "2027 届岗位实习第一轮", graduationYear: graduationYear(), specialtyCode: "510201", maxChoices, studentDeadline: daysFromToday(10), hostDeadline: daysFromToday(20) } });
  for (const [postingId, seats] of postingSeats) await staff.allocation.addPosting({ ...S(), roundId, postingId, seats });
  await staff.allocation.advance({ ...S(), roundId, to: "ranking" });
  return roundId;
}

describe("an allocation round from opening to published offers", () => {
  it("runs: students rank, the host ranks and refuses, the school computes, re-runs from the log and publishes offers", async () => {
    const a1 = await publish(3, "Java 开发实习生");
    const a2 = await publish(3, "测试实习生");
    const [s1, s2, s3] = [await student(), await student(), await student()];
    const roundId = await openRound([
      [a1, 1],
      [a2, 2],
    ]);
    await s1.caller.allocation.rank({ roundId, postingIds: [a1, a2] });
    await s2.caller.allocation.rank({ roundId, postingIds: [a1, a2] });
    await s3.caller.allocation.rank({ roundId, postingIds: [a1] });
    const staff = await schoolCaller();
    await staff.allocation.advance({ ...S(), roundId, to: "host_ranking" });

    const host = await hostCaller();
    const view = await host.allocation.hostView({ ...H(), roundId });
    const onA1 = view.postings.find((p) => p.postingId === a1)!;
    expect(onA1.students.map((x) => x.studentId).sort()).toEqual([s1.userId, s2.userId, s3.userId].sort());
    // Minimum personal data: a display name, never the full name, contact or birth date.
    for (const shown of onA1.students) {
      expect(Object.keys(shown).sort()).toEqual(["certificates", "displayName", "enrolmentYear", "rank", "skills", "specialtyName", "studentId", "unacceptable"]);
      expect(shown.displayName).toMatch(/同学$/);
    }
    await host.allocation.hostRank({ ...H(), roundId, postingId: a1, entries: [{ studentId: s2.userId, rank: 1, unacceptable: false }, { studentId: s3.userId, rank: null, unacceptable: true }] });

    const computed = await staff.allocation.compute({ ...S(), roundId, seed: 7 });
    expect(computed).toEqual({ seed: 7, distribution: [1, 1], unassigned: 1, assigned: 2 });
    const detail = await staff.allocation.get({ ...S(), roundId });
    const got = Object.fromEntries(detail.students.map((x) => [x.studentId, [x.postingId, x.choice]]));
    expect(got).toEqual({ [s1.userId]: [a2, 2], [s2.userId]: [a1, 1], [s3.userId]: [null, null] });
    expect(await staff.allocation.replay({ ...S(), roundId })).toEqual({ seed: 7, same: true });

    // The audit log holds the whole input: re-running the pure algorithm from it gives the stored result.
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "allocation.compute"), eq(auditLog.targetId, roundId)));
    const logged = entry!.details as { seed: number; input: AllocationInput };
    expect(logged.seed).toBe(7);
    expect(allocate(logged.input).outcomes.find((o) => o.studentId === s1.userId)!.postingId).toBe(a2);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "allocation.studentRank"))).length).toBe(3);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "allocation.hostRank"))).length).toBe(1);

    expect(await staff.allocation.publish({ ...S(), roundId })).toEqual({ offers: 2 });
    const offered = await db.select({ studentId: applications.studentId, postingId: applications.postingId, status: applications.status }).from(applications);
    expect(offered.map((o) => `${o.studentId}/${o.postingId}/${o.status}`).sort()).toEqual([`${s1.userId}/${a2}/offered`, `${s2.userId}/${a1}/offered`].sort());
    expect((await db.select().from(notifications).where(eq(notifications.userId, s1.userId))).some((n) => n.type === "notify.offerMade")).toBe(true);
    // The host's webhooks hear of each application the round made, as of any other.
    const received = (await db.select().from(webhookEvents).where(eq(webhookEvents.type, "application.received"))).map((e) => e.data.applicationId);
    const made = await db.select({ id: applications.id }).from(applications);
    expect(received.sort()).toEqual(made.map((a) => a.id).sort());

    // The student sees which choice they got and why not the higher one.
    const mine = await s1.caller.allocation.studentView({ roundId });
    expect(mine.result).toMatchObject({ postingId: a2, choice: 2, whyNot: [{ postingId: a1, choice: 1, reason: "outranked", seats: 1, byLottery: true }] });
    expect(mine.round.seed).toBe(7);
    const refused = await s3.caller.allocation.studentView({ roundId });
    expect(refused.result).toMatchObject({ postingId: null, choice: null, whyNot: [{ postingId: a1, reason: "unacceptable" }] });

    // The offer is the pipeline's: accepting it makes a placement.
    const [application] = await db.select({ id: allocationResults.applicationId }).from(allocationResults).where(eq(allocationResults.studentId, s1.userId));
    expect((await s1.caller.applications.respond({ applicationId: application!.id!, accept: true })).placementId).toBeTruthy();

    // A second round for the unassigned, on the seats left (a2: 2 − 1).
    const second = await staff.allocation.secondRound({ ...S(), roundId, name: "第二轮", studentDeadline: daysFromToday(30), hostDeadline: daysFromToday(40) });
    const secondDetail = await staff.allocation.get({ ...S(), roundId: second.id });
    expect(secondDetail.students.map((x) => x.studentId)).toEqual([s3.userId]);
    expect(secondDetail.postings.map((p) => [p.postingId, p.seats])).toEqual([[a2, 1]]);
  });

  it("takes the reserved seats out of open applications while the round runs", async () => {
    const a1 = await publish(2, "Java 开发实习生");
    const outsider = await student();
    const staff = await schoolCaller();
    const { id: roundId } = await staff.allocation.create({ ...S(), round: { name: "第一轮", graduationYear: graduationYear(), specialtyClass: "5102", maxChoices: 3, studentDeadline: daysFromToday(10), hostDeadline: daysFromToday(10) } });
    await staff.allocation.addPosting({ ...S(), roundId, postingId: a1, seats: 2 });
    expect((await outsider.caller.applications.eligibility({ postingId: a1 })).seatsLeft).toBe(2);
    await staff.allocation.advance({ ...S(), roundId, to: "ranking" });
    expect((await outsider.caller.applications.eligibility({ postingId: a1 })).seatsLeft).toBe(0);
    expect(await rulesRefusing(outsider.caller.applications.submit({ postingId: a1, coverNote: "" }))).toContain("noSeats");
    // And no second round may reserve seats that are not free.
    const { id: other } = await staff.allocation.create({ ...S(), round: { name: "另一轮", graduationYear: graduationYear(), specialtyClass: "5102", maxChoices: 3, studentDeadline: daysFromToday(10), hostDeadline: daysFromToday(10) } });
    expect(await refusal(staff.allocation.addPosting({ ...S(), roundId: other, postingId: a1, seats: 1 }))).toMatchObject({ key: "errors.roundSeatsUnavailable", params: { n: 0 } });
  });

  it("gives the same result for the same seed, and records each computation", async () => {
    const a1 = await publish(3, "Java 开发实习生");
    const students = [await student(), await student(), await student(), await student()];
    const roundId = await openRound([[a1, 2]], 1);
    for (const s of students) await s.caller.allocation.rank({ roundId, postingIds: [a1] });
    const staff = await schoolCaller();
    await staff.allocation.advance({ ...S(), roundId, to: "host_ranking" });
    const run = async () => {
      await staff.allocation.compute({ ...S(), roundId, seed: 123 });
      return (await staff.allocation.get({ ...S(), roundId })).students.map((x) => [x.studentId, x.postingId]);
    };
    const first = await run();
    expect(first.filter(([, p]) => p === a1)).toHaveLength(2);
    expect(await run()).toEqual(first);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "allocation.compute"))).length).toBe(2);
  });
});

describe("caps and deadlines", () => {
  it("allocates nothing on a host now over its 10% cap, and tells the student why", async () => {
    const a1 = await publish(3, "Java 开发实习生");
    const s1 = await student();
    const roundId = await openRound([[a1, 2]]);
    await s1.caller.allocation.rank({ roundId, postingIds: [a1] });
    const staff = await schoolCaller();
    await staff.allocation.advance({ ...S(), roundId, to: "host_ranking" });
    // The host's staff fell to 20 since it published: its open seats (3) already exceed 10% (2).
    await db.update(organisations).set({ staffCount: 20 }).where(eq(organisations.id, enterprise.organisationId));
    expect(await staff.allocation.compute({ ...S(), roundId, seed: 1 })).toMatchObject({ assigned: 0, unassigned: 1 });
    const detail = await staff.allocation.get({ ...S(), roundId });
    expect(detail.postings[0]).toMatchObject({ seats: 2, capacity: 0, limitedBy: "hostInternCap" });
    await staff.allocation.publish({ ...S(), roundId });
    expect((await s1.caller.allocation.studentView({ roundId })).result!.whyNot).toEqual([{ postingId: a1, choice: 1, reason: "noSeats" }]);
  });

  it("refuses a ranking after the students' deadline", async () => {
    const a1 = await publish(3, "Java 开发实习生");
    const s1 = await student();
    const staff = await schoolCaller();
    const { id: roundId } = await staff.allocation.create({ ...S(), round: { name: "过期轮次", graduationYear: graduationYear(), specialtyCode: "510201", maxChoices: 2, studentDeadline: daysFromToday(-1), hostDeadline: daysFromToday(5) } });
    await staff.allocation.addPosting({ ...S(), roundId, postingId: a1, seats: 1 });
    await staff.allocation.advance({ ...S(), roundId, to: "ranking" });
    expect(await refusal(s1.caller.allocation.rank({ roundId, postingIds: [a1] }))).toMatchObject({ key: "errors.roundDeadlinePassed", params: { date: daysFromToday(-1) } });
    expect((await s1.caller.allocation.studentView({ roundId })).choices).toEqual([]);
  });
});

describe("who may do what in a round", () => {
  it("refuses an ineligible choice with the rule, a student outside the school or cohort, other roles and other organisations", async () => {
    const a1 = await publish(3, "Java 开发实习生");
    const young = await student({ birthDate: birthDateTurning(15, monthStart(4)) });
    const otherSchool = await createSchool(db);
    const outsider = await student({}, (await createInvitationFor(db, otherSchool)).code);
    const wrongCohort = await student({ enrolmentYear: intake() - 1 });
    const roundId = await openRound([[a1, 1]]);

    expect(await rulesRefusing(young.caller.allocation.rank({ roundId, postingIds: [a1] }))).toEqual(["minimumAge"]);
    const view = await young.caller.allocation.studentView({ roundId });
    expect(view.postings[0]!.violations.map((v) => v.rule)).toEqual(["minimumAge"]);
    expect((await refusal(outsider.caller.allocation.rank({ roundId, postingIds: [a1] }))).code).toBe("NOT_FOUND");
    expect((await refusal(wrongCohort.caller.allocation.rank({ roundId, postingIds: [a1] }))).code).toBe("FORBIDDEN");
    const ok = await student();
    expect((await refusal(ok.caller.allocation.rank({ roundId, postingIds: [a1, a1] }))).message).toBe("errors.roundDuplicate");

    // Roles and ownership.
    const host = await hostCaller();
    expect((await refusal(host.allocation.get({ ...S(), roundId }))).code).toBe("FORBIDDEN");
    expect((await refusal(ok.caller.allocation.compute({ ...S(), roundId }))).code).toBe("FORBIDDEN");
    const otherStaff = await callerFor(db, otherSchool.userId);
    expect((await refusal(otherStaff.allocation.get({ organisationId: otherSchool.organisationId, roundId }))).code).toBe("NOT_FOUND");
    expect((await refusal(otherStaff.allocation.publish({ ...S(), roundId }))).code).toBe("FORBIDDEN");
    const otherHost = await createEnterprise(db);
    expect((await refusal((await callerFor(db, otherHost.userId)).allocation.hostView({ organisationId: otherHost.organisationId, roundId }))).code).toBe("NOT_FOUND");
    // A host ranks only students who chose its posting.
    expect((await refusal(host.allocation.hostRank({ ...H(), roundId, postingId: a1, entries: [{ studentId: young.userId, rank: 1, unacceptable: false }] }))).message).toBe("errors.roundStudentNotRanked");
    // Wrong stage: computing before the hosts' stage, publishing before computing; nothing changes.
    const staff = await schoolCaller();
    expect((await refusal(staff.allocation.compute({ ...S(), roundId }))).message).toBe("errors.roundWrongState");
    expect((await refusal(staff.allocation.publish({ ...S(), roundId }))).code).toBe("CONFLICT");
    expect((await staff.allocation.get({ ...S(), roundId })).round.state).toBe("ranking");
  });

  it("refuses a posting that is not a published placement internship, and a round without a cohort", async () => {
    const staff = await schoolCaller();
    const owner = await callerFor(db, enterprise.userId);
    const { id: draft } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }), submit: false });
    const { id: roundId } = await staff.allocation.create({ ...S(), round: { name: "第一轮", graduationYear: graduationYear(), specialtyCode: "510201", maxChoices: 3, studentDeadline: daysFromToday(10), hostDeadline: daysFromToday(10) } });
    expect((await refusal(staff.allocation.addPosting({ ...S(), roundId, postingId: draft, seats: 1 }))).message).toBe("errors.roundPostingNotOpen");
    expect((await refusal(staff.allocation.advance({ ...S(), roundId, to: "ranking" }))).message).toBe("errors.roundNoPostings");
    const noCohort = await refusal(staff.allocation.create({ ...S(), round: { name: "无专业", graduationYear: 2027, maxChoices: 3, studentDeadline: daysFromToday(10), hostDeadline: daysFromToday(10) } }));
    expect(noCohort.code).toBe("BAD_REQUEST");
    expect(noCohort.message).toContain("errors.roundCohortRequired");
    expect((await staff.allocation.list(S())).map((r) => r.name)).toEqual(["第一轮"]);
  });
});
