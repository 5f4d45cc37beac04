import { and, eq, gte, inArray, like } from "drizzle-orm";
import { applyToPosting, moveApplicant, respondToOffer, withdrawApplication } from "../../server/applications/manage";
import { ageOn, isFirstYear, minimumPlacementAge } from "../../server/compliance/rules";
import { needsGuardianConsent } from "../../server/placements/readiness";
import {
  approvePlacement,
  assignTutor,
  commentOnLog,
  completePlacement,
  confirmAgreement,
  evaluatePlacement,
  loadPlacement,
  mondayOf,
  placementState,
  recordConsent,
  recordInsurance,
  startPlacement,
  terminatePlacement,
  writeWeeklyLog,
} from "../../server/placements/manage";
import { createPosting, approvePosting } from "../../server/postings/manage";
import { createPost } from "../../server/posts/manage";
import type { PostingValues } from "../../server/schemas/postings";
import { postingInput } from "../../server/schemas/postings";
import { ComplianceError, type SessionUser } from "../../server/trpc";
import type { Db } from "../../db/create";
import type { createRandom } from "../../db/random";
import { memberships, organisations, postings, postingSpecialties, specialties, studentProfiles, users } from "../../db/schema";
import { pushTo } from "../../db/collections";
import { addDays } from "./generate";


export interface PlacementSeedContext {
  today: string;
  random: ReturnType<typeof createRandom>;
  admin: SessionUser;
  demoEnterprise: { id: string; user: SessionUser; regionCode: string; address: string };
  demoSchool: { id: string; user: SessionUser };
  demoStudentId: string;
}

/** A compliant placement internship of the demo enterprise (a 1,500-staff software company). */
function demoPlacementPosting(ctx: PlacementSeedContext, title: string, applyBy: string, months: number, quantity: number, postId: string, startDate = addDays(applyBy, 14)): PostingValues {
  return postingInput.parse({
    kind: "placement_internship",
    postId,
    title,
    description: "参与企业级 Web 应用的接口开发与测试，由资深工程师担任企业导师一对一指导；入职进行安全教育与岗前培训，按月发放实习报酬。",
    regionCode: ctx.demoEnterprise.regionCode,
    address: ctx.demoEnterprise.address,
    industryCode: "6513",
    specialtyCodes: ["510201", "510203", "510205"],
    quantity,
    startDate,
    endDate: addDays(startDate, months * 30),
    applyBy,
    contactName: ctx.demoEnterprise.user.name,
    contactPhone: "020-38886666",
    details: {
      monthlyPay: 3200,
      sameWage: 4000,
      payFrequency: "monthly",
      dailyHours: 8,
      weeklyDays: 5,
      labourIntensity: "I",
      liabilityInsurance: true,
      insurancePaidBy: "host",
      postStaffCount: 120,
      hazards: "长时间使用电脑：每小时休息 10 分钟，配备护眼显示器与人体工学座椅；岗前进行安全与信息安全培训。",
    },
  });
}

/** Seats of the demo enterprise's three placement postings; the bulk generator keeps them free under its cap. */
export const demoPlacementSeats = { finished: 6, running: 8, open: 10 };

async function publish(db: Db, ctx: PlacementSeedContext, posting: PostingValues) {
  const { id } = await createPosting(db, { organisationId: ctx.demoEnterprise.id, userId: ctx.demoEnterprise.user.id, posting, submit: true });
  await approvePosting(db, id, ctx.admin.id);
  return id;
}

const logTexts = [
  "本周参加了岗前安全教育和公司制度培训，熟悉了开发环境与代码规范，在导师指导下完成了第一个接口的单元测试。",
  "本周参与用户管理模块的开发，学习了 Spring Boot 的分层结构和数据库事务，提交了三次代码评审。",
  "本周跟随测试组完成回归测试，编写了 20 条测试用例，发现并跟踪了 2 个缺陷的修复。",
  "本周参与需求评审会，学习如何把业务需求拆分为开发任务，独立完成了报表导出功能。",
];

/**
 * A realistic history of applications and placements, made through the same domain functions as the
 * procedures (so every rule holds): the demo enterprise's finished, running and open placement internships
 * with students of the demo school at every step, plus applications across the platform.
 */
export async function seedPlacements(db: Db, ctx: PlacementSeedContext) {
  const { today, random } = ctx;
  // Computing students (group 11), the demo school's first, then other verified schools'.
  const computingStudents = await db
    .select({ id: users.id, name: users.name, schoolId: studentProfiles.schoolId, birthDate: studentProfiles.birthDate, enrolmentYear: studentProfiles.enrolmentYear })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
    .where(and(like(specialties.domainCode, "11%"), eq(organisations.verificationStatus, "verified")));
  const pool = computingStudents
    .filter((s) => s.id !== ctx.demoStudentId)
    .sort((a, b) => Number(b.schoolId === ctx.demoSchool.id) - Number(a.schoolId === ctx.demoSchool.id) || a.enrolmentYear - b.enrolmentYear || a.id.localeCompare(b.id));
  const owners = await db
    .select({ organisationId: memberships.organisationId, id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.role, "owner"));
  const ownerOf = new Map(owners.map((o) => [o.organisationId, { id: o.id, name: o.name, role: "school" as const }]));
  const asUser = (s: { id: string; name: string }): SessionUser => ({ id: s.id, name: s.name, role: "student" });
  const host = ctx.demoEnterprise.user;

  /** Walks one student from application to the given stage, on the posting's own calendar. */
  async function walk(postingId: string, student: SessionUser, stage: "submitted" | "withdrawn" | "screening" | "interview" | "offered" | "declined" | "rejected" | "pending" | "approved" | "active" | "terminated" | "completed", clock: { applyDay: string; startDate: string }) {
    const application = await applyToPosting(db, student.id, { postingId, coverNote: "我在校期间系统学习了 Java 和数据库课程，希望在实践中提升开发能力。" }, clock.applyDay);
    if (stage === "submitted") return;
    if (stage === "withdrawn") return withdrawApplication(db, student.id, application.id);
    await moveApplicant(db, ctx.demoEnterprise.id, application.id, { action: "screen" });
    if (stage === "screening") return;
    await moveApplicant(db, ctx.demoEnterprise.id, application.id, { action: "interview", interviewAt: new Date(`${addDays(clock.applyDay, 5)}T02:00:00Z`), interviewLocation: "公司 3 楼会议室 / 腾讯会议" });
    if (stage === "interview") return;
    if (stage === "rejected") {
      await moveApplicant(db, ctx.demoEnterprise.id, application.id, { action: "reject", reason: "本期名额已满，欢迎关注下期岗位" });
      return;
    }
    await moveApplicant(db, ctx.demoEnterprise.id, application.id, { action: "offer", offerStartDate: clock.startDate, offerNote: "请携带学生证报到" });
    if (stage === "offered") return;
    if (stage === "declined") return void (await respondToOffer(db, student.id, { applicationId: application.id, accept: false }));
    const { placementId } = await respondToOffer(db, student.id, { applicationId: application.id, accept: true });
    const profile = pool.find((s) => s.id === student.id)!;
    const school = ownerOf.get(profile.schoolId)!;
    const id = placementId!;
    if (stage === "pending") return;
    await approvePlacement(db, school, { placementId: id, schoolTutorId: school.id });
    await assignTutor(db, host, { placementId: id, tutorId: host.id });
    await recordInsurance(db, host, { placementId: id, insurer: "中国人民财产保险股份有限公司", policyNumber: `PICC-SX-${random.int(100000, 999999)}`, paidBy: "host" });
    await recordConsent(db, student, { placementId: id, ...(needsGuardianConsent(profile.birthDate, clock.startDate) ? { guardianName: `${student.name.slice(0, 1)}家长`, guardianRelation: "父亲" } : {}) });
    if (stage === "approved") return;
    const { detail } = await loadPlacement(db, host, id);
    const { digest } = placementState(detail).agreement;
    for (const party of [student, school, host]) await confirmAgreement(db, party, { placementId: id, digest });
    await startPlacement(db, host, id, today);
    if (stage === "terminated") return terminatePlacement(db, school, { placementId: id, reason: "学生因病需长期休养，经三方协商提前结束岗位实习" });
    const weeks = stage === "completed" ? 4 : 2;
    for (let w = 0; w < weeks; w++) {
      const log = await writeWeeklyLog(db, student, { placementId: id, weekStart: addDays(mondayOf(clock.startDate), 7 * w), content: logTexts[w % logTexts.length]! }, today);
      await commentOnLog(db, school, { logId: log.id, content: "记录认真，注意总结技术要点。" });
      if (w % 2 === 0) await commentOnLog(db, host, { logId: log.id, content: "进步明显，下周尝试独立负责一个小模块。" });
    }
    if (stage !== "completed") return;
    await evaluatePlacement(db, school, { placementId: id, score: random.int(4, 5), comment: "实习态度端正，周志完整，达到岗位实习目标。" });
    await evaluatePlacement(db, host, { placementId: id, score: random.int(3, 5), comment: "学习能力强，能按时完成开发任务。" });
    await evaluatePlacement(db, student, { placementId: id, score: random.int(4, 5), comment: "导师耐心负责，实习内容与专业对口。" });
    await completePlacement(db, host, id);
  }

  // The demo enterprise's declared post (岗位) its placement internships name, for the 20% cap.
  const postId = (await createPost(db, host.id, { organisationId: ctx.demoEnterprise.id, name: "软件开发工程师", staffCount: 120 })).id;
  // Finished last term, running now, and open for applications.
  const finishedApplyBy = addDays(today, -220);
  const finished = await publish(db, ctx, demoPlacementPosting(ctx, "Java 开发岗位实习（春季批次）", finishedApplyBy, 6, demoPlacementSeats.finished, postId));
  const runningApplyBy = addDays(today, -50);
  const running = await publish(db, ctx, demoPlacementPosting(ctx, "软件测试岗位实习（秋季批次）", runningApplyBy, 6, demoPlacementSeats.running, postId));
  // Open with a rolling intake: it runs from today, so a student placed on it now can start at once.
  const openApplyBy = addDays(today, 45);
  const open = await publish(db, ctx, demoPlacementPosting(ctx, "Java 开发工程师岗位实习", openApplyBy, 6, demoPlacementSeats.open, postId, today));

  const clockOf = (applyBy: string) => ({ applyDay: addDays(applyBy, -10), startDate: addDays(applyBy, 14) });
  const plan: [string, string, Parameters<typeof walk>[2][]][] = [
    [finished, finishedApplyBy, ["completed", "completed", "completed", "rejected"]],
    [running, runningApplyBy, ["active", "active", "active", "approved", "pending", "terminated"]],
    [open, openApplyBy, ["submitted", "submitted", "screening", "interview", "offered", "rejected", "withdrawn", "declined"]],
  ];
  const used = new Set<string>();
  for (const [postingId, applyBy, stages] of plan) {
    const clock = clockOf(applyBy);
    for (const stage of stages) {
      // The next student the rules allow on this start date (past year one, 16 or older).
      const student = pool.find((s) => !used.has(s.id) && !isFirstYear(s.enrolmentYear, clock.startDate) && ageOn(s.birthDate, clock.startDate) >= minimumPlacementAge);
      if (!student) break;
      used.add(student.id);
      // A student already placed elsewhere at the same time is simply skipped.
      await walk(postingId, asUser(student), stage, clock).catch((e: unknown) => {
        if (!(e instanceof ComplianceError)) throw e;
        if (process.env.SEED_DEBUG) console.log(stage, student.enrolmentYear, student.birthDate, e.violations.map((v) => v.rule));
      });
    }
  }

  // Across the platform: students apply to open postings of their specialty group; hosts answer some.
  const openPostings = await db
    .select({ id: postings.id, hostId: postings.organisationId, group: postingSpecialties.groupDomain })
    .from(postings)
    .innerJoin(postingSpecialties, eq(postingSpecialties.postingId, postings.id))
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    .where(and(eq(postings.status, "published"), eq(organisations.kind, "enterprise"), inArray(postings.kind, ["placement_internship", "apprenticeship", "order_class"]), gte(postings.applyBy, today)));
  const byGroup = new Map<string, { id: string; hostId: string }[]>();
  for (const p of openPostings) pushTo(byGroup, p.group, p);
  const students = await db
    .select({ id: users.id, name: users.name, domainCode: specialties.domainCode })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .where(eq(users.role, "student"));
  let applied = 0;
  for (const s of random.sample(students.filter((x) => x.id !== ctx.demoStudentId && !used.has(x.id)), 400)) {
    const options = byGroup.get(s.domainCode.slice(0, 2));
    if (!options?.length) continue;
    const target = random.pick(options);
    try {
      const { id } = await applyToPosting(db, s.id, { postingId: target.id, coverNote: "" }, today);
      applied++;
      const roll = random.next();
      if (roll < 0.3) await moveApplicant(db, target.hostId, id, { action: "screen" });
      else if (roll < 0.4) await moveApplicant(db, target.hostId, id, { action: "reject", reason: "专业方向与岗位要求不完全匹配" });
    } catch (e) {
      if (!(e instanceof ComplianceError)) throw e;
    }
  }
  return { applications: applied + used.size };
}
