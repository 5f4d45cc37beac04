// The compiled eligibility (server/matching/eligibility.ts) against the rules it is compiled from: for every
// student-facing kind, with and without work forbidden to minors, inside and outside the student's group, on
// every start date around the thresholds, `passes` says exactly what checkStudentEligibility says.
import { describe, expect, it } from "vitest";
import { checkStudentEligibility, type StudentFacts } from "@/server/compliance/application";
import { studentFacingKinds } from "@/server/compliance/posting";
import { addDays } from "@/server/compliance/dates";
import { always, eligibilityOf, never, passes } from "@/server/matching/eligibility";

const students: StudentFacts[] = [
  { enrolmentYear: 2025, birthDate: "2010-03-15", specialtyGroup: "51" },
  { enrolmentYear: 2024, birthDate: "2008-02-29", specialtyGroup: "46" },
  { enrolmentYear: 2026, birthDate: "2007-09-01", specialtyGroup: "11" },
  { enrolmentYear: 2023, birthDate: "2009-12-31", specialtyGroup: "51" },
];

describe("eligibility compiled from the rules", () => {
  it("agrees with checkStudentEligibility on every day from age 14 to 19", () => {
    let compared = 0;
    let refused = 0;
    const disagreements: unknown[] = [];
    for (const student of students) {
      const e = eligibilityOf(student);
      const first = `${Number(student.birthDate.slice(0, 4)) + 14}-01-01`;
      for (let d = 0; d < 5 * 366; d++) {
        const startDate = addDays(first, d);
        for (const kind of studentFacingKinds) {
          for (const forbiddenForMinors of [false, true]) {
            for (const specialtyGroups of [[], [student.specialtyGroup], ["99"], ["99", student.specialtyGroup]]) {
              const posting = { kind, startDate, forbiddenForMinors, specialtyGroups };
              const ruled = checkStudentEligibility({ ...posting, status: "published", applyBy: startDate, quantity: 1, postStaffCount: null }, student).length === 0;
              if (passes(e, posting) !== ruled) disagreements.push({ student, ...posting, ruled });
              compared++;
              if (!ruled) refused++;
            }
          }
        }
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // Both answers occur often: the comparison is not trivially all-yes.
    expect(refused).toBeGreaterThan(compared / 10);
    expect(compared - refused).toBeGreaterThan(compared / 10);
  });

  it("names the thresholds: placements from year two and 16, minors' work from 18, apprentice posts from 16, visits always", () => {
    const e = eligibilityOf({ enrolmentYear: 2025, birthDate: "2010-03-15", specialtyGroup: "51" });
    expect(e.byKind.placement_internship).toEqual({ from: "2026-09-01", minorsFrom: "2028-03-15", sameGroup: true });
    expect(e.byKind.apprenticeship).toEqual({ from: "2026-03-15", minorsFrom: "2026-03-15", sameGroup: true });
    expect(e.byKind.observation_visit).toEqual({ from: always, minorsFrom: always, sameGroup: true });
    const older = eligibilityOf({ enrolmentYear: 2025, birthDate: "2008-02-29", specialtyGroup: "51" });
    // 16 before year two ends: year two decides; a 29 February birthday turns 18 on 1 March in 2026.
    expect(older.byKind.placement_internship).toEqual({ from: "2026-09-01", minorsFrom: "2026-09-01", sameGroup: true });
    expect(eligibilityOf({ enrolmentYear: 2025, birthDate: "2008-08-29", specialtyGroup: "51" }).byKind.placement_internship?.minorsFrom).toBe("2026-09-01");
    expect(never > "2999-12-31").toBe(true);
  });
});
