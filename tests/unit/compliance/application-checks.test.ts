// Which rules server/compliance/application.ts applies to which kind of posting, and in what order
// (README "Mutation testing").
import { describe, expect, it } from "vitest";
import { checkApplication, checkPlacementEligibility, checkStudentEligibility, type PostingFacts, type SeatFacts, type StudentFacts } from "@/server/compliance/application";

const posting = (overrides: Partial<PostingFacts> = {}): PostingFacts => ({
  kind: "placement_internship",
  status: "published",
  applyBy: "2027-02-15",
  startDate: "2027-03-01",
  quantity: 2,
  specialtyGroups: ["51"],
  forbiddenForMinors: false,
  postStaffCount: 30,
  ...overrides,
});
const adult: StudentFacts = { enrolmentYear: 2024, birthDate: "2005-01-01", specialtyGroup: "51" };
const seats = (postingPlacements = 0, caps: Partial<SeatFacts["caps"]> = {}): SeatFacts => ({
  postingPlacements,
  caps: { hostInterns: 1, hostStaff: 100, postInterns: 1, postStaff: 10, ...caps },
});
const rules = (violations: { rule: string }[]) => violations.map((v) => v.rule);

describe("the student's own rules", () => {
  it("applies first-year, age and minors rules to placement internships only, after the specialty group", () => {
    const young: StudentFacts = { enrolmentYear: 2026, birthDate: "2012-01-01", specialtyGroup: "52" };
    expect(rules(checkStudentEligibility(posting({ forbiddenForMinors: true }), young))).toEqual(["specialtyGroup", "firstYearStudent", "minimumAge", "minorForbiddenWork"]);
    expect(rules(checkStudentEligibility(posting({ kind: "observation_visit", forbiddenForMinors: true }), young))).toEqual(["specialtyGroup"]);
    expect(rules(checkStudentEligibility(posting({ kind: "apprenticeship", forbiddenForMinors: true }), young))).toEqual(["specialtyGroup", "apprenticeMinimumAge"]);
    expect(checkStudentEligibility(posting(), adult)).toEqual([]);
  });

  it("judges age and year on the start date given, not the posting's", () => {
    const student: StudentFacts = { enrolmentYear: 2025, birthDate: "2010-09-01", specialtyGroup: "51" };
    expect(rules(checkStudentEligibility(posting({ startDate: "2026-08-31" }), student))).toEqual(["firstYearStudent", "minimumAge"]);
    expect(checkStudentEligibility(posting({ startDate: "2026-08-31" }), student, "2026-09-01")).toEqual([]);
  });
});

describe("seats and caps", () => {
  it("refuses a full posting of any kind, and applies the caps to placement internships only", () => {
    const overCaps = seats(2, { hostInterns: 11, postInterns: 3 });
    expect(rules(checkPlacementEligibility(posting(), adult, overCaps))).toEqual(["noSeats", "postInternCap", "hostInternCap"]);
    expect(rules(checkPlacementEligibility(posting({ kind: "order_class" }), adult, overCaps))).toEqual(["noSeats"]);
    expect(checkPlacementEligibility(posting(), adult, seats(1))).toEqual([]);
  });

  it("names no form field for a cap refused on applying", () => {
    expect(checkPlacementEligibility(posting(), adult, seats(0, { hostInterns: 11 })).map((v) => [v.rule, v.field])).toEqual([["hostInternCap", undefined]]);
  });

  it("passes the start date on to the student's rules", () => {
    const student: StudentFacts = { enrolmentYear: 2025, birthDate: "2005-01-01", specialtyGroup: "51" };
    expect(rules(checkPlacementEligibility(posting({ startDate: "2026-09-01" }), student, seats(), "2026-08-31"))).toEqual(["firstYearStudent"]);
  });
});

describe("an application", () => {
  it("lists the gate first (open, apply-by, already applied), then eligibility", () => {
    const found = checkApplication(posting({ status: "closed" }), { ...adult, specialtyGroup: "52" }, seats(2), { today: "2027-02-16", alreadyApplied: true });
    expect(rules(found)).toEqual(["postingNotOpen", "applyByPassed", "alreadyApplied", "specialtyGroup", "noSeats"]);
  });

  it("passes an open posting on its apply-by day", () => {
    expect(checkApplication(posting(), adult, seats(1), { today: "2027-02-15", alreadyApplied: false })).toEqual([]);
  });
});
