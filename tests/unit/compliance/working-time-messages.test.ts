// The exact violations of server/compliance/working-time.ts and their boundaries (README "Mutation testing").
import { describe, expect, it } from "vitest";
import {
  checkDailyHours,
  checkExceptionFiling,
  checkHighRiskWork,
  checkRestDay,
  checkRestrictedTime,
  checkWeeklyHours,
  filingReferencePattern,
  highRiskKinds,
  minorForbiddenWorkOf,
  weeklyHoursOf,
} from "@/server/compliance/working-time";

const today = "2027-01-10";
const none = { nightShifts: false, overtime: false, holidayWork: false, exceptionFiled: false, exceptionReference: "", exceptionFiledOn: "" };
const filed = { exceptionFiled: true, exceptionReference: "穗教职成备〔2027〕12号", exceptionFiledOn: "2027-01-05" };

describe("hours and rest days", () => {
  it("states the hours a day to two decimals", () => {
    expect(checkDailyHours(8.333)).toEqual({
      rule: "dailyHours",
      field: "dailyHours",
      severity: "error",
      zh: "每日实习时间不得超过 8 小时（国务院《关于职工工作时间的规定》第三条），当前为 8.33 小时",
      en: "At most 8 hours a day (State Council Provisions on Working Hours, art. 3); 8.33 entered",
    });
    expect(checkDailyHours(8.01)?.rule).toBe("dailyHours");
  });

  it("states the week as hours × days", () => {
    expect(checkWeeklyHours(8, 5.5)).toEqual({
      rule: "weeklyHours",
      field: "weeklyDays",
      severity: "error",
      zh: "每周实习时间不得超过 40 小时（国务院《关于职工工作时间的规定》第三条），当前为每日 8 小时 × 5.5 天 = 44 小时",
      en: "At most 40 hours a week (State Council Provisions on Working Hours, art. 3); 8 h × 5.5 days = 44 h",
    });
    expect(checkWeeklyHours(6.67, 6)?.en).toBe("At most 40 hours a week (State Council Provisions on Working Hours, art. 3); 6.67 h × 6 days = 40.02 h");
  });

  it("rounds the week to two decimals", () => {
    expect(weeklyHoursOf(6.666, 6)).toBe(40);
    expect(weeklyHoursOf(1.125, 3)).toBe(3.38);
    expect(checkWeeklyHours(6.666, 6)).toBeNull();
  });

  it("names the working days when there is no rest day", () => {
    expect(checkRestDay(7)).toEqual({
      rule: "restDay",
      field: "weeklyDays",
      severity: "error",
      zh: "应保证学生每周至少休息一日（《劳动法》第三十八条），当前每周工作 7 天",
      en: "Students must rest at least one day a week (Labour Law art. 38); 7 working days entered",
    });
    expect(checkRestDay(6.5)?.rule).toBe("restDay");
  });
});

describe("night shifts, overtime, holidays and high risk without a filing", () => {
  it("lists each restricted time in both languages", () => {
    expect(checkRestrictedTime({ ...none, nightShifts: true, overtime: true, holidayWork: true }, today)).toEqual({
      rule: "restrictedWorkingTime",
      field: "exceptionFiled",
      severity: "error",
      zh: "不得安排学生上夜班、加班、在法定节假日实习（《职业学校学生实习管理规定》第十七条），确因专业和岗位特殊要求的，须先报教育行政部门备案并填写备案文号和日期",
      en: "night shifts, overtime, work on statutory holidays: not allowed for interns (Internship Provisions art. 17) unless filed with the education authority; give the filing's reference and date",
    });
    expect(checkRestrictedTime({ ...none, overtime: true }, today)?.en).toBe(
      "overtime: not allowed for interns (Internship Provisions art. 17) unless filed with the education authority; give the filing's reference and date",
    );
    expect(checkRestrictedTime({ ...none, holidayWork: true }, today)?.zh).toContain("不得安排学生在法定节假日实习（");
  });

  it("lists each high-risk kind in both languages", () => {
    expect(checkHighRiskWork([...highRiskKinds], none, today)).toEqual({
      rule: "highRiskWork",
      field: "exceptionFiled",
      severity: "error",
      zh: "不得安排学生高空作业、井下作业、放射性作业、有毒作业、易燃易爆作业、其他具有较高安全风险的作业（《职业学校学生实习管理规定》第十七条），确因专业和岗位特殊要求的，须先报教育行政部门备案并填写备案文号和日期",
      en: "work at height, underground work, work with radioactive materials, toxic work, work with flammable or explosive materials, other high-risk work: not allowed for interns (Internship Provisions art. 17) unless filed with the education authority; give the filing's reference and date",
    });
  });

  it("passes restricted times and high risk with a complete filing", () => {
    expect(checkRestrictedTime({ ...none, ...filed, overtime: true }, today)).toBeNull();
    expect(checkHighRiskWork(["toxic"], filed, today)).toBeNull();
    expect(checkHighRiskWork(["toxic"], { ...filed, exceptionFiledOn: "2027-01-11" }, today)?.field).toBe("exceptionFiledOn");
  });
});

describe("the filing", () => {
  it("says what a reference needs", () => {
    expect(checkExceptionFiling({ ...filed, exceptionReference: "abc" }, today)).toEqual({
      rule: "exceptionFiling",
      field: "exceptionReference",
      severity: "error",
      zh: "已报备特殊情况的，须填写教育行政部门的备案文号（4–60 个字符，含编号数字，如“穗教职成备〔2027〕12号”）",
      en: "An exception filed with the education authority needs its reference (4–60 characters including a number, e.g. “穗教职成备〔2027〕12号”)",
    });
  });

  it("says the date may not be later than today", () => {
    expect(checkExceptionFiling({ ...filed, exceptionFiledOn: "2027-01-11" }, today)).toEqual({
      rule: "exceptionFiling",
      field: "exceptionFiledOn",
      severity: "error",
      zh: "已报备特殊情况的，须填写备案日期，且不得晚于今天（2027-01-10）",
      en: "An exception filed needs the date it was filed, not later than today (2027-01-10)",
    });
  });

  it("takes only a whole YYYY-MM-DD date", () => {
    for (const exceptionFiledOn of ["2027-1-05", " 2027-01-05", "02027-01-05", "2027-01-05x", "20270105", "2027/01/05"]) {
      expect(checkExceptionFiling({ ...filed, exceptionFiledOn }, today)?.field).toBe("exceptionFiledOn");
    }
  });

  it("takes references of 4 to 60 characters with a digit, and trims them", () => {
    expect(filingReferencePattern.test("备案1号")).toBe(true);
    expect(filingReferencePattern.test("备1号")).toBe(false);
    expect(filingReferencePattern.test(`1${"备".repeat(59)}`)).toBe(true);
    expect(filingReferencePattern.test(`1${"备".repeat(60)}`)).toBe(false);
    expect(filingReferencePattern.test("备案编号")).toBe(false);
    expect(filingReferencePattern.test("备案<1>号")).toBe(false);
    expect(checkExceptionFiling({ ...filed, exceptionReference: "  备案 1  " }, today)).toBeNull();
    expect(checkExceptionFiling({ ...filed, exceptionReference: " 备1 " }, today)?.field).toBe("exceptionReference");
  });
});

describe("work forbidden to minors", () => {
  it("keeps art. 3's order and adds nothing for kinds that do not imply it", () => {
    expect(minorForbiddenWorkOf(["boiler", "dust"], ["height", "otherHighRisk"])).toEqual(["dust", "boiler"]);
    expect(minorForbiddenWorkOf([], [])).toEqual([]);
    expect(minorForbiddenWorkOf(["toxic"], ["toxic"])).toEqual(["toxic"]);
  });
});
