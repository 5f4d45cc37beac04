import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import type { PostingInput } from "@/server/schemas/postings";
import { studentFacingKinds } from "@/server/compliance/posting";
import { appliedRowids, studentMatchProfile } from "@/server/matching/profile";
import { postingIndexFor } from "@/server/search/posting-index";
import { searchBySql } from "@/server/search/search-postings";
import { callerFor, createTestDb } from "../helpers/db";
import { addDays, birthDateTurning, firstYearIntake, monthStart, pastFirstYearIntake } from "../helpers/dates";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";

/**
 * Matching shows a host only students who could take its post, and recommends a student only posts they could
 * take: the same rules as applying (issue 18's finding: 15-year-olds were listed for apprenticeships, a 17-year-old
 * for a placement forbidden to minors, and apprenticeships recommended to 15-year-olds).
 */
describe("matching leaves out students the rules bar", () => {
  let db: Db;
  let host: Awaited<ReturnType<typeof createEnterprise>>;
  const start = monthStart(4);
  const students: Record<"fifteen" | "seventeen" | "adult" | "firstYear", string> = { fifteen: "", seventeen: "", adult: "", firstYear: "" };
  let apprenticeshipId = "";
  let minorsBarredId = "";
  let placementId = "";
  let otherGroupVisitId = "";

  beforeAll(async () => {
    db = await createTestDb();
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const school = await createSchool(db, { regionCode: "440106" });
    const code = (await createInvitationFor(db, school, { maxUses: 10 })).code;
    // Past their first year at the start; 15, 17 and 19 years old on the start day (16 and 18 the day after).
    const ages = { fifteen: 15, seventeen: 17, adult: 19 } as const;
    for (const [key, age] of Object.entries(ages) as [keyof typeof ages, number][]) {
      const student = await createStudent(db, code, { specialtyCode: "510201", enrolmentYear: pastFirstYearIntake(start), birthDate: addDays(birthDateTurning(age + 1, start), 1) });
      await (await callerFor(db, student.userId)).students.update({ name: `学生${age}`, specialtyCode: "510201", enrolmentYear: pastFirstYearIntake(start), birthDate: addDays(birthDateTurning(age + 1, start), 1), visibleToEnterprises: true });
      students[key] = student.userId;
    }
    // 17 at the start but still in year one then.
    const firstYear = await createStudent(db, code, { specialtyCode: "510201", enrolmentYear: firstYearIntake(start), birthDate: addDays(birthDateTurning(18, start), 1) });
    await (await callerFor(db, firstYear.userId)).students.update({ name: "一年级学生", specialtyCode: "510201", enrolmentYear: firstYearIntake(start), birthDate: addDays(birthDateTurning(18, start), 1), visibleToEnterprises: true });
    students.firstYear = firstYear.userId;
    host = await createEnterprise(db, { regionCode: "440106", industryCode: "6513", staffCount: 500 });
    const owner = await callerFor(db, host.userId);
    const publish = async (posting: PostingInput) => {
      const { id } = await owner.postings.create({ organisationId: host.organisationId, posting, submit: true });
      await admin.postings.approve({ postingId: id });
      return id;
    };
    const base = placementInput({ startDate: start });
    apprenticeshipId = await publish({
      ...base,
      kind: "apprenticeship",
      title: "软件开发学徒",
      details: { monthlyPay: 3000, apprenticesPerMaster: 2, certificate: "软件开发工程师（中级）", termMonths: 12, feesToStudents: 0 },
    });
    placementId = await publish({ ...base, title: "Java 开发岗位实习", postId: host.postId });
    // A visit for another specialty group (财经商贸, 5301): applying refuses it to these 信息 students.
    otherGroupVisitId = await publish({
      ...base,
      kind: "observation_visit",
      title: "财务共享中心参观",
      specialtyCodes: ["530101"],
      details: { agenda: "参观财务共享中心，了解会计岗位工作流程。", safetyArrangements: "全程由带队教师和企业导师陪同。", feesToStudents: 0 },
    });
    minorsBarredId = await publish({ ...base, title: "粉尘车间设备维护实习（禁止未成年人）", postId: host.postId, details: { ...(base.details as object), minorForbiddenWork: ["dust"] } } as PostingInput);
  });

  it("lists no one under 16 for an apprenticeship", async () => {
    const found = await (await callerFor(db, host.userId)).match.forPosting({ organisationId: host.organisationId, postingId: apprenticeshipId });
    const ids = found.students.map((s) => s.userId);
    expect(ids).not.toContain(students.fifteen);
    expect(ids).toEqual(expect.arrayContaining([students.seventeen, students.adult]));
  });

  it("lists no one under 18 for a placement forbidden to minors", async () => {
    const found = await (await callerFor(db, host.userId)).match.forPosting({ organisationId: host.organisationId, postingId: minorsBarredId });
    const ids = found.students.map((s) => s.userId);
    expect(ids).toEqual([students.adult]);
  });

  it("recommends no apprenticeship to a 15-year-old, and does to a 17-year-old", async () => {
    const forFifteen = await (await callerFor(db, students.fifteen)).match.forStudent({ limit: 10 });
    expect(forFifteen.items.map((i) => i.id)).not.toContain(apprenticeshipId);
    const forSeventeen = await (await callerFor(db, students.seventeen)).match.forStudent({ limit: 10 });
    expect(forSeventeen.items.map((i) => i.id)).toContain(apprenticeshipId);
    expect(forSeventeen.items.map((i) => i.id)).not.toContain(minorsBarredId);
  });

  it("lists no first-year student and no one under 16 for a placement", async () => {
    const found = await (await callerFor(db, host.userId)).match.forPosting({ organisationId: host.organisationId, postingId: placementId });
    expect(found.students.map((s) => s.userId).sort()).toEqual([students.seventeen, students.adult].sort());
  });

  it("recommends no placement to a first-year student, and ranks the ones they may not take last in their signed-in search", async () => {
    const caller = await callerFor(db, students.firstYear);
    const recommended = (await caller.match.forStudent({ limit: 50 })).items.map((i) => i.id);
    expect(recommended).toContain(apprenticeshipId);
    expect(recommended).not.toContain(placementId);
    expect(recommended).not.toContain(minorsBarredId);
    // Search ranked by the student's profile puts what they may not take after everything they may.
    const searched = (await caller.search.postings({ limit: 50 })).items.map((i) => i.id);
    const barred = [placementId, minorsBarredId, otherGroupVisitId].map((id) => searched.indexOf(id));
    expect(Math.min(...barred)).toBeGreaterThan(searched.indexOf(apprenticeshipId));
    expect(barred).not.toContain(-1);
    expect(searched.indexOf(apprenticeshipId)).toBeGreaterThanOrEqual(0);
    const anonymous = (await (await callerFor(db, null)).search.postings({ limit: 50 })).items.map((i) => i.id);
    expect(anonymous).toEqual(expect.arrayContaining([placementId, minorsBarredId]));
    const adult = (await (await callerFor(db, students.adult)).search.postings({ limit: 50 })).items.map((i) => i.id);
    expect(adult).toEqual(expect.arrayContaining([placementId, minorsBarredId, apprenticeshipId]));
  });

  it("recommends no posting outside the student's specialty group, as applying would refuse it", async () => {
    const caller = await callerFor(db, students.adult);
    expect((await caller.applications.eligibility({ postingId: otherGroupVisitId })).violations.map((v) => v.rule)).toEqual(["specialtyGroup"]);
    expect((await caller.match.forStudent({ limit: 50 })).items.map((i) => i.id)).not.toContain(otherGroupVisitId);
  });

  it("leaves postings the student applied to out of recommendations, not out of search", async () => {
    const caller = await callerFor(db, students.seventeen);
    expect((await caller.match.forStudent({ limit: 50 })).items.map((i) => i.id)).toContain(placementId);
    await caller.applications.submit({ postingId: placementId, coverNote: "希望参加 Java 开发岗位实习。" });
    expect((await caller.match.forStudent({ limit: 50 })).items.map((i) => i.id)).not.toContain(placementId);
    expect((await caller.search.postings({ limit: 50 })).items.map((i) => i.id)).toContain(placementId);
  });

  it("gives the same page from SQL (while the index loads) as from the index, barred postings out or last", async () => {
    const index = await postingIndexFor(db);
    const now = Date.now();
    let barredLast = 0;
    for (const id of Object.values(students)) {
      const student = (await studentMatchProfile(db, id))!;
      for (const barred of ["out", "last"] as const) {
        for (const kinds of [undefined, [...studentFacingKinds]]) {
          const args = { filters: { kinds }, sort: "relevance" as const, profile: student.profile, eligibility: { ...student.eligibility, barred, applied: await appliedRowids(db, id) }, limit: 20, now, counts: true };
          const fromIndex = await index.search(db, args);
          const fromSql = await searchBySql(db, args);
          expect([fromSql.hits, fromSql.total]).toEqual([fromIndex.hits, fromIndex.total]);
          if (barred === "last") barredLast += fromIndex.hits.filter((h) => h.key < 0).length;
        }
      }
    }
    expect(barredLast).toBeGreaterThan(0);
  });
});
