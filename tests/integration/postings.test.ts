import { TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { postings, postingSpecialties } from "@/db/schema";
import { ComplianceError } from "@/server/trpc";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput, programmeCohortInput } from "../helpers/factories";
import { monthStart } from "../helpers/dates";

let db: Db;
let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
beforeEach(async () => {
  db = await createTestDb();
  enterprise = await createEnterprise(db, { staffCount: 200 });
});

async function failure(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
const postingCount = async () => (await db.select({ n: count() }).from(postings))[0]!.n;

describe("publishing a placement internship", () => {
  it("saves a compliant posting, submits it, and publishes it after approval", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }), submit: true });
    const row = (await db.select().from(postings).where(eq(postings.id, id)).limit(1))[0]!;
    expect(row).toMatchObject({ status: "submitted", provinceCode: "440000", cityCode: "440100", industryDivision: "65", monthlyPay: 3000 });
    expect((await db.select().from(postingSpecialties).where(eq(postingSpecialties.postingId, id))).map((s) => s.classDomain)).toEqual(["1102", "1102"]);

    const anon = await callerFor(db);
    expect((await failure(anon.postings.get({ postingId: id }))).code).toBe("NOT_FOUND");
    const admin = await callerFor(db, (await createAdmin(db)).id);
    expect((await admin.postings.reviewQueue({})).items.map((p) => p.id)).toEqual([id]);
    await admin.postings.approve({ postingId: id });
    const publicView = await anon.postings.get({ postingId: id });
    expect(publicView).toMatchObject({ status: "published", displayStatus: "published", canEdit: false });
    expect(publicView.organisationName).toContain("广州测试科技");
    expect(publicView.specialties.map((s) => s.name)).toEqual(["计算机应用技术", "软件技术"]);
  });

  it("refuses pay under 80% of the same post's wage, naming the rule and the numbers, and writes nothing", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const error = await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }, { monthlyPay: 2400, sameWage: 3500 }), submit: true }));
    expect(error).toBeInstanceOf(ComplianceError);
    expect((error as ComplianceError).violations).toEqual([expect.objectContaining({ rule: "payFloor", field: "details.monthlyPay", zh: "实习报酬 2,400 元低于同岗位工资 3,500 元的 80%（2,800 元）" })]);
    expect(await postingCount()).toBe(0);
  });

  it("collects every violated rule at once", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const error = (await failure(
      owner.postings.create({
        organisationId: enterprise.organisationId,
        posting: placementInput({ quantity: 8, postId: (await owner.posts.create({ organisationId: enterprise.organisationId, name: "质检员", staffCount: 30 })).id }, { feesToStudents: 500, nightShifts: true, labourIntensity: "III", insurancePaidBy: "student" }),
        submit: false,
      }),
    )) as ComplianceError;
    expect(error.violations.map((v) => v.rule).sort()).toEqual(["labourIntensity", "liabilityInsurance", "noFees", "postInternCap", "restrictedWorkingTime"]);
  });

  it("counts seats of the host's other open placements against its 10% cap", async () => {
    const owner = await callerFor(db, enterprise.userId);
    // 200 staff: at most 20 interns. 6 + 6 + 6 = 18 pass; 18 + 3 = 21 fails; 18 + 2 = 20 passes.
    for (let i = 0; i < 3; i++) await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, quantity: 6 }), submit: true });
    const over = (await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, quantity: 3 }), submit: true }))) as ComplianceError;
    expect(over.violations[0]).toMatchObject({ rule: "hostInternCap", zh: "实习学生 21 人超过单位职工总数 200 人的 10%（最多 20 人）" });
    await expect(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, quantity: 2 }), submit: true })).resolves.toBeTruthy();
  });

  it("refuses banned industries for postings and for hosts that are agencies", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const bar = (await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, industryCode: "9011" }), submit: false }))) as ComplianceError;
    expect(bar.violations[0]?.rule).toBe("bannedIndustry");
    const agency = await createEnterprise(db, { industryCode: "7263", staffCount: 500 });
    const agencyCaller = await callerFor(db, agency.userId);
    const viaAgency = (await failure(agencyCaller.postings.create({ organisationId: agency.organisationId, posting: placementInput({ postId: agency.postId }), submit: false }))) as ComplianceError;
    expect(viaAgency.violations[0]?.zh).toContain("中介");
  });

  it("lets an unverified enterprise save drafts but not submit", async () => {
    const pending = await createEnterprise(db, {}, { verified: false });
    const owner = await callerFor(db, pending.userId);
    const error = await failure(owner.postings.create({ organisationId: pending.organisationId, posting: placementInput({ postId: pending.postId }), submit: true }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("errors.orgNotVerified");
    const { id } = await owner.postings.create({ organisationId: pending.organisationId, posting: placementInput({ postId: pending.postId }), submit: false });
    expect((await db.select().from(postings).where(eq(postings.id, id)).limit(1))[0]!.status).toBe("draft");
    expect((await failure(owner.postings.submit({ organisationId: pending.organisationId, postingId: id }))).code).toBe("FORBIDDEN");
  });

  it("refuses unknown codes and dates out of order beside the field", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const badRegion = await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, regionCode: "440100" }), submit: false }));
    expect((badRegion as TRPCError & { fields: object }).fields).toEqual({ regionCode: "errors.region" });
    const badDates = await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, startDate: monthStart(10), endDate: monthStart(4) }), submit: false }));
    expect(JSON.stringify(badDates.cause)).toContain("errors.endBeforeStart");
    const group = await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, specialtyCodes: ["5102"] }), submit: false }));
    expect((group as TRPCError & { fields: object }).fields).toEqual({ specialtyCodes: "errors.specialtyNotMajor" });
    expect(await postingCount()).toBe(0);
  });
});

describe("lifecycle and review", () => {
  async function published() {
    const owner = await callerFor(db, enterprise.userId);
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }), submit: true });
    await admin.postings.approve({ postingId: id });
    return { owner, admin, id };
  }

  it("holds a published posting's change of pay or description for review, keeping it published, and applies a new contact at once", async () => {
    const { owner, id } = await published();
    const contact = await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: placementInput({ postId: enterprise.postId, contactPhone: "020-87654321" }) });
    expect(contact).toMatchObject({ status: "published", revisionPending: false });
    const typo = await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: placementInput({ postId: enterprise.postId, contactPhone: "020-87654321", description: "参与企业级应用开发，由资深工程师一对一指导！" }) });
    expect(typo).toMatchObject({ status: "published", revisionPending: true });
    const pay = await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: placementInput({ postId: enterprise.postId, contactPhone: "020-87654321" }, { monthlyPay: 3200 }) });
    expect(pay).toMatchObject({ status: "published", revisionPending: true });
    // The approved version stays in force; only the contact changed.
    expect((await db.select().from(postings).where(eq(postings.id, id)).limit(1))[0]).toMatchObject({ status: "published", monthlyPay: 3000, description: "参与企业级应用开发，由资深工程师一对一指导。", contactPhone: "020-87654321" });
  });

  it("shows a rejection reason to the owner, who edits and resubmits", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }), submit: true });
    await admin.postings.reject({ postingId: id, reason: "岗位描述过于简单" });
    const mine = await owner.postings.listOwn({ organisationId: enterprise.organisationId });
    expect(mine.items[0]).toMatchObject({ status: "rejected", rejectionReason: "岗位描述过于简单" });
    const again = await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: placementInput({ postId: enterprise.postId, description: "更详细的岗位描述：负责后端接口开发与测试。" }), submit: true });
    expect(again.status).toBe("submitted");
  });

  it("marks a published posting past its apply-by date as expired without anyone acting", async () => {
    const { owner, id } = await published();
    await db.update(postings).set({ applyBy: "2020-01-01" }).where(eq(postings.id, id));
    const mine = await owner.postings.listOwn({ organisationId: enterprise.organisationId });
    expect(mine.items[0]?.displayStatus).toBe("expired");
    expect(mine.counts).toEqual({ expired: 1 });
    expect((await (await callerFor(db)).postings.get({ postingId: id })).displayStatus).toBe("expired");
  });

  it("withdraws and closes only from the right states", async () => {
    const { owner, id } = await published();
    await owner.postings.close({ organisationId: enterprise.organisationId, postingId: id });
    expect((await failure(owner.postings.close({ organisationId: enterprise.organisationId, postingId: id }))).code).toBe("CONFLICT");
    expect((await failure(owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: placementInput({ postId: enterprise.postId }) }))).code).toBe("CONFLICT");
  });

  it("keeps other organisations, students and anonymous callers out", async () => {
    const { id, admin } = await published();
    const other = await createEnterprise(db);
    const otherCaller = await callerFor(db, other.userId);
    // Through its own organisation id the other enterprise cannot reach the posting (ownership is in the SQL)...
    expect((await failure(otherCaller.postings.withdraw({ organisationId: other.organisationId, postingId: id }))).code).toBe("NOT_FOUND");
    expect((await failure(otherCaller.postings.update({ organisationId: other.organisationId, postingId: id, posting: placementInput({ postId: other.postId }) }))).code).toBe("NOT_FOUND");
    // ...and through the owner's id it is not a member.
    expect((await failure(otherCaller.postings.withdraw({ organisationId: enterprise.organisationId, postingId: id }))).code).toBe("FORBIDDEN");
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);
    const studentCaller = await callerFor(db, student.userId);
    expect((await failure(studentCaller.postings.approve({ postingId: id }))).code).toBe("FORBIDDEN");
    expect((await failure((await callerFor(db)).postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }), submit: false }))).code).toBe("UNAUTHORIZED");
    expect((await failure(admin.postings.approve({ postingId: id }))).code).toBe("CONFLICT");
  });
});

describe("school postings", () => {
  it("publishes a programme cohort and a school training base, and refuses enterprise kinds", async () => {
    const school = await createSchool(db);
    const staff = await callerFor(db, school.userId);
    await staff.postings.create({ organisationId: school.organisationId, posting: programmeCohortInput(), submit: true });
    await staff.postings.create({
      organisationId: school.organisationId,
      posting: programmeCohortInput({ kind: "school_training_base", title: "智能制造实训中心", details: { direction: "in_school", equipment: "工业机器人 12 台、数控机床 20 台", openPeriods: "寒暑假及周末" } } as never),
      submit: true,
    });
    expect((await staff.postings.listOwn({ organisationId: school.organisationId })).counts).toEqual({ submitted: 2 });
    const wrongKind = await failure(staff.postings.create({ organisationId: school.organisationId, posting: placementInput(), submit: false }));
    expect(wrongKind.message).toBe("errors.kindNotAllowed");
  });
});

describe("every kind", () => {
  const kindDetails = {
    observation_visit: { agenda: "参观生产线，听取工程师讲解", safetyArrangements: "全程佩戴安全帽，专人带队", feesToStudents: 0 },
    apprenticeship: { monthlyPay: 4200, apprenticesPerMaster: 2, certificate: "汽车维修工（中级）", termMonths: 24, feesToStudents: 0 },
    order_class: { intakeYear: 2027, trainingPlan: "企业参与课程设计，第三学年进企业学习", hiringCommitment: 30, costSharing: "企业承担实训耗材与奖学金", feesToStudents: 0 },
    enterprise_training_base: { direction: "in_enterprise", equipment: "整车装配线一条", openPeriods: "每学期第 10–14 周" },
    technical_need: { budget: 200000, deliverables: "产线视觉检测算法优化" },
    mentor_offer: { expertise: "十年嵌入式开发经验", hoursPerWeek: 4 },
  } as const;

  it.each(Object.entries(kindDetails))("an enterprise publishes a %s", async (kind, details) => {
    const owner = await callerFor(db, enterprise.userId);
    const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: { ...placementInput(), kind, details } as never, submit: true });
    const row = (await db.select().from(postings).where(eq(postings.id, id)).limit(1))[0]!;
    expect(row).toMatchObject({ kind, status: "submitted", details });
    expect(row.monthlyPay).toBe("monthlyPay" in details ? details.monthlyPay : null);
  });

  it("refuses fees to students on an order class too", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const error = (await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: { ...placementInput(), kind: "order_class", details: { ...kindDetails.order_class, feesToStudents: 3000 } } as never, submit: true }))) as ComplianceError;
    expect(error.violations).toEqual([expect.objectContaining({ rule: "noFees", field: "details.feesToStudents" })]);
  });
});

describe("intern protection when a posting is written (issue 14)", () => {
  it("refuses the issue's 12 hours a day, 6 days a week, naming the numbers, and writes nothing", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const error = (await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }, { dailyHours: 12, weeklyDays: 6 }), submit: true }))) as ComplianceError;
    expect(error.violations.map((v) => [v.rule, v.field])).toEqual([
      ["dailyHours", "details.dailyHours"],
      ["weeklyHours", "details.weeklyDays"],
    ]);
    expect(error.violations[1]!.zh).toContain("= 72 小时");
    expect(await postingCount()).toBe(0);
  });

  it("refuses night shifts ticked as filed without a reference, and stores the reference and date when given", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const unfiled = (await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }, { nightShifts: true, exceptionFiled: true }), submit: true }))) as ComplianceError;
    expect(unfiled.violations.map((v) => [v.rule, v.field])).toEqual([["exceptionFiling", "details.exceptionReference"]]);
    const filing = { nightShifts: true, exceptionFiled: true, exceptionReference: "穗教职成备〔2026〕12号", exceptionFiledOn: "2026-10-08" };
    const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }, filing), submit: true });
    expect((await db.select({ details: postings.details }).from(postings).where(eq(postings.id, id)).limit(1))[0]!.details).toMatchObject(filing);
  });

  it("refuses an empty 职业危害与防护 beside the field", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const error = await failure(owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }, { hazards: "  " }), submit: true }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(error.cause)).toContain("hazards");
    expect(await postingCount()).toBe(0);
  });

  it("refuses a host whose own industry is 酒吧服务 (6233)", async () => {
    const bar = await createEnterprise(db, { industryCode: "6233", staffCount: 200 });
    const owner = await callerFor(db, bar.userId);
    const error = (await failure(owner.postings.create({ organisationId: bar.organisationId, posting: placementInput({ postId: bar.postId }), submit: false }))) as ComplianceError;
    expect(error.violations.find((v) => v.rule === "bannedIndustry")?.zh).toContain("6233 酒吧服务");
  });

  it("shows the reviewer the fee phrases of a description whose fee field says 0", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const charged = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, description: "参与企业级应用开发，入职收取培训费800元，另交押金。" }, { feesToStudents: 0 }), submit: true });
    const clean = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId, quantity: 1 }), submit: true });
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const queue = (await admin.postings.reviewQueue({})).items;
    expect(queue.find((p) => p.id === charged.id)?.feeFlags).toEqual(["入职收取培训费800元", "另交押金"]);
    expect(queue.find((p) => p.id === clean.id)?.feeFlags).toEqual([]);
  });

  it("shows the reviewer the fee phrases of a held change to a published posting", async () => {
    const owner = await callerFor(db, enterprise.userId);
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const { id } = await owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId: enterprise.postId }), submit: true });
    await admin.postings.approve({ postingId: id });
    await owner.postings.update({ organisationId: enterprise.organisationId, postingId: id, posting: placementInput({ postId: enterprise.postId }, { hazards: "久坐；每月扣住宿费300元" }) });
    const [held] = (await admin.postings.revisionQueue({})).items;
    expect(held?.feeFlags).toEqual(["每月扣住宿费300元"]);
  });
});
