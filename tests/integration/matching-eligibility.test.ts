import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import type { PostingInput } from "@/server/schemas/postings";
import { callerFor, createTestDb } from "../helpers/db";
import { addDays, birthDateTurning, monthStart, pastFirstYearIntake } from "../helpers/dates";
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
  const students: Record<"fifteen" | "seventeen" | "adult", string> = { fifteen: "", seventeen: "", adult: "" };
  let apprenticeshipId = "";
  let minorsBarredId = "";

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
});
