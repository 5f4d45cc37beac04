import { describe, expect, it } from "vitest";
import { checkPosting } from "@/server/compliance/posting";
import { checkDailyHours, checkExceptionFiling, checkHighRiskWork, checkRestDay, checkRestrictedTime, checkWeeklyHours, weeklyHoursOf } from "@/server/compliance/working-time";
import { postingInput } from "@/server/schemas/postings";
import { placementInput } from "../../helpers/factories";

const today = "2027-01-10";
const host = { staffCount: 200, industryCode: "6513", otherInternSeats: 0 };
/** The rules a placement internship with these details breaks (errors only), as publishing checks them. */
const errorsOf = (details: Parameters<typeof placementInput>[1]) =>
  checkPosting(postingInput.parse(placementInput({}, details)), host, today)
    .filter((v) => v.severity === "error")
    .map((v) => v.rule);

describe("hours a day (国务院《关于职工工作时间的规定》第三条: 8 at most)", () => {
  it("passes 8 hours and refuses 8.5, naming both numbers", () => {
    expect(checkDailyHours(8)).toBeNull();
    const v = checkDailyHours(8.5)!;
    expect(v.rule).toBe("dailyHours");
    expect(v.zh).toContain("不得超过 8 小时");
    expect(v.zh).toContain("8.5 小时");
    expect(v.en).toContain("8.5");
  });

  it("is checked when a posting is written: 8 h passes, 8.5 h and the issue's 12 h are refused", () => {
    expect(errorsOf({ dailyHours: 8, weeklyDays: 5 })).toEqual([]);
    expect(errorsOf({ dailyHours: 8.5, weeklyDays: 4 })).toEqual(["dailyHours"]);
    expect(errorsOf({ dailyHours: 12, weeklyDays: 6 })).toEqual(["dailyHours", "weeklyHours"]);
  });
});

describe("hours a week (40 at most), from hours a day × days a week", () => {
  it("computes the week and passes 40, refuses 41", () => {
    expect(weeklyHoursOf(8, 5)).toBe(40);
    expect(weeklyHoursOf(8.2, 5)).toBe(41);
    expect(checkWeeklyHours(8, 5)).toBeNull();
    const v = checkWeeklyHours(8.2, 5)!;
    expect(v.rule).toBe("weeklyHours");
    expect(v.zh).toContain("= 41 小时");
    expect(checkWeeklyHours(6.5, 6)).toBeNull(); // 39 h over six days
    expect(checkWeeklyHours(7, 6)?.zh).toContain("42 小时");
  });

  it("refuses six 8-hour days (48 h) and allows five", () => {
    expect(errorsOf({ dailyHours: 8, weeklyDays: 6 })).toEqual(["weeklyHours"]);
    expect(errorsOf({ dailyHours: 6.5, weeklyDays: 6 })).toEqual([]);
  });
});

describe("a rest day every week (劳动法 art. 38)", () => {
  it("passes six working days and refuses seven", () => {
    expect(checkRestDay(6)).toBeNull();
    expect(checkRestDay(7)?.rule).toBe("restDay");
    expect(errorsOf({ dailyHours: 5, weeklyDays: 7 })).toEqual(["restDay"]);
  });
});

describe("night shifts, overtime, holidays and high-risk work need a complete filing", () => {
  const none = { nightShifts: false, overtime: false, holidayWork: false, exceptionFiled: false, exceptionReference: "", exceptionFiledOn: "" };
  const filed = { exceptionFiled: true, exceptionReference: "穗教职成备〔2027〕12号", exceptionFiledOn: "2027-01-05" };

  it("refuses night shifts with no filing, naming what and the article", () => {
    expect(checkRestrictedTime(none, today)).toBeNull();
    const v = checkRestrictedTime({ ...none, nightShifts: true, holidayWork: true }, today)!;
    expect(v.rule).toBe("restrictedWorkingTime");
    expect(v.zh).toContain("上夜班、在法定节假日实习");
    expect(v.zh).toContain("第十七条");
  });

  it("refuses night shifts with “filed” ticked but no reference, and passes with a reference and a date", () => {
    expect(errorsOf({ nightShifts: true, exceptionFiled: true })).toEqual(["exceptionFiling"]);
    expect(checkRestrictedTime({ ...none, nightShifts: true, exceptionFiled: true }, today)?.field).toBe("exceptionReference");
    expect(errorsOf({ nightShifts: true, ...filed })).toEqual([]);
  });

  it("needs a sensible reference: a number in 4–60 characters", () => {
    const check = (exceptionReference: string) => checkExceptionFiling({ ...filed, exceptionReference }, today)?.field ?? null;
    expect(check("已报备")).toBe("exceptionReference");
    expect(check("  ")).toBe("exceptionReference");
    expect(check("x1")).toBe("exceptionReference");
    expect(check("备案 1")).toBeNull();
    expect(check("GZJY-2027-012")).toBeNull();
    expect(check(`备${"1".repeat(60)}`)).toBe("exceptionReference");
  });

  it("needs the filing date, not in the future: today passes, tomorrow fails", () => {
    expect(checkExceptionFiling({ ...filed, exceptionFiledOn: "" }, today)?.field).toBe("exceptionFiledOn");
    expect(checkExceptionFiling({ ...filed, exceptionFiledOn: today }, today)).toBeNull();
    expect(checkExceptionFiling({ ...filed, exceptionFiledOn: "2027-01-11" }, today)?.field).toBe("exceptionFiledOn");
    expect(errorsOf({ overtime: true, ...filed, exceptionFiledOn: "2027-02-01" })).toEqual(["exceptionFiling"]);
  });

  it("refuses each kind of high-risk work without a filing and accepts it with one", () => {
    expect(checkHighRiskWork([], none, today)).toBeNull();
    const v = checkHighRiskWork(["height", "flammableExplosive"], none, today)!;
    expect(v.rule).toBe("highRiskWork");
    expect(v.zh).toContain("高空作业、易燃易爆作业");
    expect(errorsOf({ riskKinds: ["underground"] })).toEqual(["highRiskWork"]);
    expect(errorsOf({ riskKinds: ["underground"], exceptionFiled: true })).toEqual(["exceptionFiling"]);
    expect(errorsOf({ riskKinds: ["underground"], ...filed })).toEqual([]);
  });

  it("stores the derived facts: high risk, and work forbidden to minors implied by the risk kinds", () => {
    const parsed = postingInput.parse(placementInput({}, { riskKinds: ["underground", "height"], ...filed }));
    expect(parsed.details).toMatchObject({ highRisk: true, forbiddenForMinors: true, minorForbiddenWork: ["mining"], exceptionReference: filed.exceptionReference, exceptionFiledOn: "2027-01-05" });
    const plain = postingInput.parse(placementInput({}, { minorForbiddenWork: [] }));
    expect(plain.details).toMatchObject({ highRisk: false, forbiddenForMinors: false });
  });
});

describe("职业危害与防护 is required on a placement internship", () => {
  it("refuses empty or blank hazards and accepts a description", () => {
    for (const hazards of ["", "   "]) {
      const result = postingInput.safeParse(placementInput({}, { hazards }));
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["details.hazards", "errors.required"]);
    }
    expect(postingInput.safeParse(placementInput({}, { hazards: "无特殊职业危害" })).success).toBe(true);
  });
});
