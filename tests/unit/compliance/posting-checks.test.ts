// Which rules server/compliance/posting.ts applies to a posting as written, on which field (README "Mutation testing").
import { describe, expect, it } from "vitest";
import { checkPosting, errorsOnly, studentFacingKinds, type HostFacts } from "@/server/compliance/posting";
import { postingInput, type PostingInput } from "@/server/schemas/postings";
import { placementInput } from "../../helpers/factories";

const today = "2027-01-10";
const host: HostFacts = { staffCount: 200, industryCode: "6513", otherInternSeats: 0 };
const dated = { startDate: "2027-03-01", endDate: "2027-08-31", applyBy: "2027-02-15" };
const placement = (overrides: Parameters<typeof placementInput>[0] = {}, details: Parameters<typeof placementInput>[1] = {}) =>
  postingInput.parse(placementInput({ ...dated, ...overrides }, details));
const ofKind = (kind: PostingInput["kind"], details: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
  postingInput.parse({ ...placementInput({ ...dated }), kind, details, ...overrides });
const found = (v: { rule: string; field?: string }[]) => v.map((x) => [x.rule, x.field]);

describe("which postings the internship rules apply to", () => {
  it("lists the four kinds through which students work at or visit a host", () => {
    expect(studentFacingKinds).toEqual(["placement_internship", "observation_visit", "apprenticeship", "order_class"]);
  });

  it("checks nothing on a kind where no student works, even in a banned industry", () => {
    const need = ofKind("technical_need", { budget: 0, deliverables: "收取押金的系统" }, { industryCode: "9013" });
    expect(checkPosting(need, { ...host, industryCode: "7263" }, today)).toEqual([]);
  });

  it("checks a visit's industry, words and fee field, with the fee on its details field", () => {
    const visit = ofKind("observation_visit", { agenda: "参观", safetyArrangements: "带队", feesToStudents: 50 }, { industryCode: "9013", description: "参观生产线，押金200元" });
    expect(found(checkPosting(visit, host, today))).toEqual([
      ["bannedIndustry", "industryCode"],
      ["feeTerms", "description"],
      ["noFees", "details.feesToStudents"],
    ]);
  });
});

describe("the host's own industry", () => {
  it("is checked when it differs from the posting's", () => {
    expect(found(checkPosting(placement(), { ...host, industryCode: "7263" }, today))).toEqual([["bannedIndustry", "industryCode"]]);
    expect(checkPosting(placement(), { ...host, industryCode: "7263" }, today)[0]!.zh).toContain("行业代码 7263");
  });

  it("is not reported twice when it is the posting's, nor checked when unknown", () => {
    expect(found(checkPosting(placement({ industryCode: "9013" }), { ...host, industryCode: "9013" }, today))).toEqual([["bannedIndustry", "industryCode"]]);
    expect(checkPosting(placement(), { ...host, industryCode: null }, today)).toEqual([]);
  });
});

describe("a placement internship", () => {
  it("reports every broken rule on its details field, in order", () => {
    const p = placement(
      { quantity: 7 },
      {
        monthlyPay: 1000,
        sameWage: 3500,
        payFrequency: "end_of_placement",
        feesToStudents: 10,
        withholdsIdDocuments: true,
        dailyHours: 9,
        weeklyDays: 7,
        nightShifts: true,
        riskKinds: ["height"],
        labourIntensity: "III",
        liabilityInsurance: false,
        postStaffCount: 30,
      },
    );
    expect(found(checkPosting(p, { ...host, staffCount: 60 }, today))).toEqual([
      ["noFees", "details.feesToStudents"],
      ["payFloor", "details.monthlyPay"],
      ["payInMoneyMonthly", "details.payFrequency"],
      ["noIdWithholding", "details.withholdsIdDocuments"],
      ["dailyHours", "details.dailyHours"],
      ["weeklyHours", "details.weeklyDays"],
      ["restDay", "details.weeklyDays"],
      ["restrictedWorkingTime", "details.exceptionFiled"],
      ["highRiskWork", "details.exceptionFiled"],
      ["labourIntensity", "details.labourIntensity"],
      ["liabilityInsurance", "details.liabilityInsurance"],
      ["postInternCap", "quantity"],
      ["hostInternCap", "quantity"],
    ]);
  });

  it("counts the host's other open seats against its 10% when the server's count is not given", () => {
    expect(checkPosting(placement({ quantity: 5 }), { ...host, staffCount: 100, otherInternSeats: 5 }, today)).toEqual([]);
    expect(found(checkPosting(placement({ quantity: 5 }), { ...host, staffCount: 100, otherInternSeats: 6 }, today))).toEqual([["hostInternCap", "quantity"]]);
    expect(checkPosting(placement({ quantity: 50 }, { postStaffCount: undefined }), { ...host, staffCount: null }, today)).toEqual([]);
  });

  it("uses the server's count of both caps when given, instead of the form's", () => {
    const caps = { hostInterns: 30, hostStaff: 200, postInterns: 7, postStaff: 30 };
    expect(found(checkPosting(placement({ quantity: 1 }), { ...host, caps }, today))).toEqual([
      ["postInternCap", "quantity"],
      ["hostInternCap", "quantity"],
    ]);
    expect(checkPosting(placement({ quantity: 50 }), { ...host, caps: { ...caps, hostInterns: 20, postInterns: 6 } }, today)).toEqual([]);
  });

  it("judges the filing's date against the day given", () => {
    const p = placement({}, { overtime: true, exceptionFiled: true, exceptionReference: "备案 12 号", exceptionFiledOn: "2027-01-11" });
    expect(found(checkPosting(p, host, "2027-01-10"))).toEqual([["exceptionFiling", "details.exceptionFiledOn"]]);
    expect(checkPosting(p, host, "2027-01-11")).toEqual([]);
  });

  it("warns (not refuses) past six months, on the end date", () => {
    const v = checkPosting(placement({ endDate: "2027-09-01" }), host, today);
    expect(found(v)).toEqual([["durationAboutSixMonths", "endDate"]]);
    expect(errorsOnly(v)).toEqual([]);
  });
});

describe("errors only", () => {
  it("keeps errors and drops warnings", () => {
    const warning = { rule: "feeTerms", severity: "warning", zh: "", en: "" } as const;
    const error = { rule: "noFees", severity: "error", zh: "", en: "" } as const;
    expect(errorsOnly([warning, error, warning])).toEqual([error]);
  });
});
