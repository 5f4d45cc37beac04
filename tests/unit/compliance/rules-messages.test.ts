// The exact violation each rule of server/compliance/rules.ts returns: rule id, field, severity and both messages,
// and the boundaries of each comparison. Written to kill the mutants StrykerJS left alive (README "Mutation testing"):
// a message emptied or a boundary moved by one must fail here.
import { describe, expect, it } from "vitest";
import {
  ageOn,
  birthdayAt,
  checkApplyBy,
  checkApprenticeMinimumAge,
  checkHostInternCap,
  checkIndustry,
  checkInsurance,
  checkLabourIntensity,
  checkMinimumAge,
  checkMinorForbiddenWork,
  checkNoFees,
  checkNoIdWithholding,
  checkNotAlreadyApplied,
  checkNotFirstYear,
  checkPayFloor,
  checkPayFrequency,
  checkPostInternCap,
  checkPostingOpen,
  checkSeats,
  checkSpecialtyGroup,
  entertainmentVenueClasses,
  firstPlacementDate,
  intermediaryClasses,
  violation,
} from "@/server/compliance/rules";

describe("where and through whom", () => {
  it("names the venue, its class and the code for an entertainment venue", () => {
    expect(checkIndustry("6233")).toEqual({
      rule: "bannedIndustry",
      field: "industryCode",
      severity: "error",
      zh: "不得安排学生到酒吧等营业性娱乐场所实习（行业代码 6233 酒吧服务）",
      en: "Students may not be placed in commercial entertainment venues such as bars (industry 6233)",
    });
  });

  it.each([
    ["6233", "不得安排学生到酒吧等营业性娱乐场所实习（行业代码 6233 酒吧服务）", "Students may not be placed in commercial entertainment venues such as bars (industry 6233)"],
    ["9011", "不得安排学生到夜总会、歌厅等营业性娱乐场所实习（行业代码 9011 歌舞厅娱乐活动）", "Students may not be placed in commercial entertainment venues such as night clubs and karaoke halls (industry 9011)"],
    ["9012", "不得安排学生到电子游戏厅等营业性娱乐场所实习（行业代码 9012 电子游艺厅娱乐活动）", "Students may not be placed in commercial entertainment venues such as video game arcades (industry 9012)"],
    ["9013", "不得安排学生到网吧等营业性娱乐场所实习（行业代码 9013 网吧活动）", "Students may not be placed in commercial entertainment venues such as internet cafés (industry 9013)"],
    ["9019", "不得安排学生到其他室内娱乐场所等营业性娱乐场所实习（行业代码 9019 其他室内娱乐活动）", "Students may not be placed in commercial entertainment venues such as other indoor entertainment venues (industry 9019)"],
    ["8051", "不得安排学生到洗浴中心等营业性娱乐场所实习（行业代码 8051 洗浴服务）", "Students may not be placed in commercial entertainment venues such as bath houses (industry 8051)"],
    ["8052", "不得安排学生到足浴店等营业性娱乐场所实习（行业代码 8052 足浴服务）", "Students may not be placed in commercial entertainment venues such as foot-bath parlours (industry 8052)"],
    ["7262", "不得通过中介机构或有偿代理组织、安排学生实习（行业代码 7262 职业中介服务）", "Placements may not go through employment agencies or labour dispatch (industry 7262)"],
    ["7263", "不得通过中介机构或有偿代理组织、安排学生实习（行业代码 7263 劳务派遣服务）", "Placements may not go through employment agencies or labour dispatch (industry 7263)"],
  ])("names the place and class of %s in both languages", (code, zh, en) => {
    expect(checkIndustry(code)).toMatchObject({ zh, en });
  });

  it("names the agency and the code for an intermediary, on the field given", () => {
    expect(checkIndustry("7262", "details.industryCode")).toEqual({
      rule: "bannedIndustry",
      field: "details.industryCode",
      severity: "error",
      zh: "不得通过中介机构或有偿代理组织、安排学生实习（行业代码 7262 职业中介服务）",
      en: "Placements may not go through employment agencies or labour dispatch (industry 7262)",
    });
  });

  it("names the first banned class a broader code hides", () => {
    expect(checkIndustry("62")).toEqual({
      rule: "bannedIndustry",
      field: "industryCode",
      severity: "error",
      zh: "行业代码 62 包含禁止安排学生实习的行业（如 6233），请选择到具体小类",
      en: "Industry 62 includes classes where placements are banned (e.g. 6233); choose the exact class",
    });
    expect(checkIndustry("72")?.en).toBe("Industry 72 includes classes where placements are banned (e.g. 7262); choose the exact class");
    expect(checkIndustry("6234")).toBeNull();
    expect(checkIndustry("65")).toBeNull();
    expect(checkIndustry("9")?.zh).toContain("（如 9011）");
  });

  it("splits the banned classes into venues and intermediaries", () => {
    expect(entertainmentVenueClasses).toEqual(["6233", "9011", "9012", "9013", "9019", "8051", "8052"]);
    expect(intermediaryClasses).toEqual(["7262", "7263"]);
  });
});

describe("pay, fees and documents", () => {
  it("refuses pay at the end of the placement with the exact message", () => {
    expect(checkPayFrequency("end_of_placement")).toEqual({
      rule: "payInMoneyMonthly",
      field: "payFrequency",
      severity: "error",
      zh: "实习报酬应以货币形式按月足额发放，不得在实习结束时一次性发放",
      en: "Pay must be paid in money at least monthly, not once at the end",
    });
    expect(checkPayFrequency("semimonthly")).toBeNull();
  });

  it("names the fee entered, with at most two decimals", () => {
    expect(checkNoFees(800.456)).toEqual({
      rule: "noFees",
      field: "feesToStudents",
      severity: "error",
      zh: "不得以任何名义向学生收取费用（押金、培训费、管理费、服装费、中介费或扣减报酬等），当前填写 800.46 元",
      en: "No fees of any kind may be charged to students (deposits, training, management, uniforms, placement fees, cuts of pay); CNY 800.46 entered",
    });
    expect(checkNoFees(0.01)?.rule).toBe("noFees");
    expect(checkNoFees(0)).toBeNull();
  });

  it("refuses withheld documents with the exact message, and passes when none are", () => {
    expect(checkNoIdWithholding(true)).toEqual({
      rule: "noIdWithholding",
      field: "withholdsIdDocuments",
      severity: "error",
      zh: "不得扣押学生居民身份证等证件",
      en: "Students' ID cards and documents may not be withheld",
    });
    expect(checkNoIdWithholding(false)).toBeNull();
  });

  it("states the pay floor to two decimals", () => {
    expect(checkPayFloor(1000, 1333.33)?.en).toBe("Pay of CNY 1,000 is below 80% of the same post's wage of CNY 1,333.33 (CNY 1,066.66)");
    expect(checkPayFloor(1000, 1333.33)?.zh).toBe("实习报酬 1,000 元低于同岗位工资 1,333.33 元的 80%（1,066.66 元）");
    expect(checkPayFloor(2800, 3500.01)?.rule).toBe("payFloor");
  });
});

describe("intensity and insurance", () => {
  it("names the level refused", () => {
    expect(checkLabourIntensity("III")).toEqual({
      rule: "labourIntensity",
      field: "labourIntensity",
      severity: "error",
      zh: "不得安排学生从事 III 级及以上体力劳动强度的工作（上限为 II 级）",
      en: "Physical labour of intensity level III is not allowed (level II at most)",
    });
    expect(checkLabourIntensity("I")).toBeNull();
    expect(checkLabourIntensity("IV")?.en).toBe("Physical labour of intensity level IV is not allowed (level II at most)");
  });

  it("requires the insurance and refuses the student paying for it, each with its message", () => {
    expect(checkInsurance(false, "host")).toEqual({
      rule: "liabilityInsurance",
      field: "liabilityInsurance",
      severity: "error",
      zh: "岗位实习须投保实习责任保险，覆盖实习全过程",
      en: "Liability insurance covering the whole placement is required",
    });
    expect(checkInsurance(false, "student")?.field).toBe("liabilityInsurance");
    expect(checkInsurance(true, "student")).toEqual({
      rule: "liabilityInsurance",
      field: "insurancePaidBy",
      severity: "error",
      zh: "实习责任保险费用不得由学生承担",
      en: "The student may never pay for the liability insurance",
    });
  });
});

describe("the 10% and 20% caps", () => {
  it("states the host cap with grouped numbers, on the field given (none for null)", () => {
    expect(checkHostInternCap(1234, 10000, null)).toEqual({
      rule: "hostInternCap",
      field: undefined,
      severity: "error",
      zh: "实习学生 1,234 人超过单位职工总数 10,000 人的 10%（最多 1,000 人）",
      en: "1,234 interns exceed 10% of the host's 10,000 staff (at most 1,000)",
    });
    expect(checkHostInternCap(11, 100)?.field).toBe("quantity");
    expect(checkHostInternCap(2, 19)?.en).toBe("2 interns exceed 10% of the host's 19 staff (at most 1)");
  });

  it("states the post cap with grouped numbers, on the field given", () => {
    expect(checkPostInternCap(3, 10)).toEqual({
      rule: "postInternCap",
      field: "quantity",
      severity: "error",
      zh: "同一岗位实习学生 3 人超过该岗位职工 10 人的 20%（最多 2 人）",
      en: "3 interns on one post exceed 20% of its 10 staff (at most 2)",
    });
    expect(checkPostInternCap(2001, 10000, null)?.en).toBe("2,001 interns on one post exceed 20% of its 10,000 staff (at most 2,000)");
    expect(checkPostInternCap(2001, 10000, null)?.field).toBeUndefined();
    expect(checkPostInternCap(2, 14)).toBeNull();
    expect(checkPostInternCap(3, 14)?.zh).toBe("同一岗位实习学生 3 人超过该岗位职工 14 人的 20%（最多 2 人）");
  });
});

describe("who may take a placement", () => {
  it("counts a birthday later in the year as not yet reached, and the day itself as reached", () => {
    expect(ageOn("2010-12-31", "2026-12-30")).toBe(15);
    expect(ageOn("2010-12-31", "2026-12-31")).toBe(16);
    expect(ageOn("2010-01-01", "2026-12-31")).toBe(16);
  });

  it("puts the first placement on 1 September after enrolment", () => {
    expect(firstPlacementDate(2025)).toBe("2026-09-01");
  });

  it("names the class and the date year one ends", () => {
    expect(checkNotFirstYear(2025, "2026-08-31")).toEqual({
      rule: "firstYearStudent",
      field: undefined,
      severity: "error",
      zh: "不得安排一年级在校学生进行岗位实习（2025 级学生在 2026 年 9 月 1 日前仍为一年级）",
      en: "First-year students may not take placement internships (the class of 2025 is in year one until 1 September 2026)",
    });
  });

  it("names the age at the start for under-16s", () => {
    expect(checkMinimumAge("2011-03-15", "2026-03-14")).toEqual({
      rule: "minimumAge",
      field: undefined,
      severity: "error",
      zh: "不得安排未满 16 周岁的学生进行岗位实习（实习开始时 14 周岁）",
      en: "Students under 16 may not take placement internships (14 at the start)",
    });
    expect(checkApprenticeMinimumAge("2011-03-15", "2026-03-14")).toEqual({
      rule: "apprenticeMinimumAge",
      field: undefined,
      severity: "error",
      zh: "不得安排未满 16 周岁的学生从事学徒岗位或其他有报酬的工作（《劳动法》第十五条、《禁止使用童工规定》；开始时 14 周岁）",
      en: "No apprentice post or other paid work for anyone under 16 (Labour Law art. 15, Provisions on the Prohibition of Child Labour; 14 at the start)",
    });
    expect(checkApprenticeMinimumAge("2010-03-14", "2026-03-14")).toBeNull();
  });

  it("names the age at the start for work forbidden to minors; 18 that day passes", () => {
    expect(checkMinorForbiddenWork("2009-01-01", "2026-12-31", true)).toEqual({
      rule: "minorForbiddenWork",
      field: undefined,
      severity: "error",
      zh: "不得安排未满 18 周岁的学生从事《未成年工特殊保护规定》第三条规定的禁忌劳动（该岗位涉及此类劳动；开始时 17 周岁）",
      en: "Students under 18 may not do the work forbidden to minors (Provisions on Special Protection of Juvenile Workers, art. 3); this post involves it and the student is 17 at the start",
    });
    expect(checkMinorForbiddenWork("2008-12-31", "2026-12-31", true)).toBeNull();
    expect(checkMinorForbiddenWork("2009-01-01", "2026-12-31", false)).toBeNull();
  });

  it("refuses another specialty group with the exact message; no groups on the posting means any", () => {
    expect(checkSpecialtyGroup("11", ["12"])).toEqual({
      rule: "specialtyGroup",
      field: undefined,
      severity: "error",
      zh: "实习岗位应与学生所学专业对口，原则上不得跨专业大类安排",
      en: "A placement must match the student's specialty, in principle within its specialty group",
    });
    expect(checkSpecialtyGroup("11", [])).toBeNull();
  });

  it("moves a 29 February birthday to 1 March in common years only", () => {
    expect(birthdayAt("2008-02-29", 18)).toBe("2026-03-01");
    expect(birthdayAt("2008-02-29", 16)).toBe("2024-02-29");
    expect(birthdayAt("1984-02-29", 16)).toBe("2000-02-29"); // divisible by 400: a leap year
    expect(birthdayAt("1984-02-29", 116)).toBe("2100-03-01"); // divisible by 100, not 400: not a leap year
    expect(birthdayAt("2008-02-28", 18)).toBe("2026-02-28");
    expect(birthdayAt("2010-03-15", 16)).toBe("2026-03-15");
  });
});

describe("whether an application can be taken at all", () => {
  it("refuses a posting not published", () => {
    expect(checkPostingOpen("closed")).toEqual({ rule: "postingNotOpen", field: undefined, severity: "error", zh: "该信息未在发布中，不能申请", en: "This posting is not open for applications" });
    expect(checkPostingOpen("published")).toBeNull();
  });

  it("keeps the apply-by day open and refuses the day after, naming it", () => {
    expect(checkApplyBy("2027-01-31", "2027-01-31")).toBeNull();
    expect(checkApplyBy("2027-01-31", "2027-02-01")).toEqual({ rule: "applyByPassed", field: undefined, severity: "error", zh: "报名已于 2027-01-31 截止", en: "Applications closed on 2027-01-31" });
  });

  it("has a seat while fewer are taken than posted", () => {
    expect(checkSeats(1199, 1200)).toBeNull();
    expect(checkSeats(1200, 1200)).toEqual({ rule: "noSeats", field: undefined, severity: "error", zh: "名额已满（共 1,200 个名额）", en: "No seats left (1,200 in all)" });
  });

  it("refuses a second application with the exact message", () => {
    expect(checkNotAlreadyApplied(true)).toEqual({ rule: "alreadyApplied", field: undefined, severity: "error", zh: "你已申请过该岗位，可在“我的申请”中查看进度", en: "You have already applied; follow it under My applications" });
    expect(checkNotAlreadyApplied(false)).toBeNull();
  });

  it("makes errors by default and warnings when asked", () => {
    expect(violation("noSeats", undefined, "z", "e").severity).toBe("error");
    expect(violation("noSeats", "f", "z", "e", "warning")).toEqual({ rule: "noSeats", field: "f", severity: "warning", zh: "z", en: "e" });
  });
});
