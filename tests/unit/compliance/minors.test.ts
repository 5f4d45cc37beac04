import { describe, expect, it } from "vitest";
import { checkStudentEligibility, type PostingFacts } from "@/server/compliance/application";
import { checkApprenticeMinimumAge, checkMinorForbiddenWork } from "@/server/compliance/rules";
import { minorForbiddenWorkKinds, minorForbiddenWorkOf } from "@/server/compliance/working-time";

const posting = (kind: PostingFacts["kind"], forbiddenForMinors = false): PostingFacts => ({
  kind,
  status: "published",
  applyBy: "2027-02-15",
  startDate: "2027-03-01",
  quantity: 5,
  specialtyGroups: ["51"],
  forbiddenForMinors,
  postStaffCount: 30,
});
const student = (birthDate: string) => ({ enrolmentYear: 2024, birthDate, specialtyGroup: "51" });

describe("no apprentice post for anyone under 16 on its first day (劳动法 art. 15)", () => {
  it("refuses a student 16 tomorrow and allows one 16 today", () => {
    expect(checkApprenticeMinimumAge("2011-03-02", "2027-03-01")?.zh).toContain("开始时 15 周岁");
    expect(checkApprenticeMinimumAge("2011-03-01", "2027-03-01")).toBeNull();
  });
  it("is applied to apprenticeships when a student applies or is offered", () => {
    expect(checkStudentEligibility(posting("apprenticeship"), student("2011-06-01")).map((v) => v.rule)).toEqual(["apprenticeMinimumAge"]);
    expect(checkStudentEligibility(posting("apprenticeship"), student("2011-01-01"))).toEqual([]);
    // An order class is schooling, not paid work.
    expect(checkStudentEligibility(posting("order_class"), student("2011-06-01"))).toEqual([]);
  });
});

describe("work forbidden to minors (《未成年工特殊保护规定》第三条)", () => {
  it("lists the seventeen categories of art. 3", () => {
    expect(minorForbiddenWorkKinds).toHaveLength(17);
  });
  it("implies the categories of toxic, underground, radioactive and flammable work", () => {
    expect(minorForbiddenWorkOf([], ["toxic", "underground", "radioactive", "flammableExplosive", "height"])).toEqual(["toxic", "mining", "radiation", "hazardous"]);
    expect(minorForbiddenWorkOf(["boiler"], [])).toEqual(["boiler"]);
  });
  it("refuses a student under 18 on the first day and allows one 18 that day", () => {
    expect(checkMinorForbiddenWork("2009-03-02", "2027-03-01", true)?.zh).toContain("开始时 17 周岁");
    expect(checkMinorForbiddenWork("2009-03-01", "2027-03-01", true)).toBeNull();
    expect(checkMinorForbiddenWork("2010-01-01", "2027-03-01", false)).toBeNull();
  });
});
