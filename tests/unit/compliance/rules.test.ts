import { describe, expect, it } from "vitest";
import {
  ageOn,
  checkHostInternCap,
  checkIndustry,
  checkInsurance,
  checkLabourIntensity,
  checkMinimumAge,
  checkMinorForbiddenWork,
  checkNoFees,
  checkNotFirstYear,
  checkPayFloor,
  checkPayFrequency,
  checkPostInternCap,
  checkSpecialtyGroup,
  isFirstYear,
} from "@/server/compliance/rules";

describe("pay at least 80% of the same post's wage", () => {
  it("passes at exactly 80% and fails one yuan under", () => {
    expect(checkPayFloor(2800, 3500)).toBeNull();
    expect(checkPayFloor(2799, 3500)?.rule).toBe("payFloor");
    expect(checkPayFloor(3500, 3500)).toBeNull();
  });

  it("names the numbers in Chinese and English", () => {
    const v = checkPayFloor(2400, 3500)!;
    expect(v.zh).toBe("实习报酬 2,400 元低于同岗位工资 3,500 元的 80%（2,800 元）");
    expect(v.en).toBe("Pay of CNY 2,400 is below 80% of the same post's wage of CNY 3,500 (CNY 2,800)");
    expect(v.field).toBe("monthlyPay");
  });

  it("handles wages whose 80% is not a whole number", () => {
    expect(checkPayFloor(2000, 2501)?.zh).toContain("2,000.8 元");
    expect(checkPayFloor(2001, 2501)).toBeNull();
  });

  it("requires money at least monthly", () => {
    expect(checkPayFrequency("monthly")).toBeNull();
    expect(checkPayFrequency("weekly")).toBeNull();
    expect(checkPayFrequency("end_of_placement")?.rule).toBe("payInMoneyMonthly");
  });
});

describe("interns per host (10%) and per post (20%)", () => {
  it("passes at exactly 10% of the host's staff and fails one over", () => {
    expect(checkHostInternCap(10, 100)).toBeNull();
    expect(checkHostInternCap(11, 100)?.rule).toBe("hostInternCap");
    expect(checkHostInternCap(9, 95)).toBeNull();
    expect(checkHostInternCap(10, 95)?.zh).toBe("实习学生 10 人超过单位职工总数 95 人的 10%（最多 9 人）");
  });

  it("passes at exactly 20% of the post's staff and fails one over", () => {
    expect(checkPostInternCap(4, 20)).toBeNull();
    expect(checkPostInternCap(5, 20)?.rule).toBe("postInternCap");
    expect(checkPostInternCap(1, 4)?.zh).toBe("同一岗位实习学生 1 人超过该岗位职工 4 人的 20%（最多 0 人）");
    expect(checkPostInternCap(1, 5)).toBeNull();
  });
});

describe("banned industries", () => {
  it.each(["9011", "9012", "9013", "9019", "8051", "8052"])("refuses entertainment venue class %s", (code) => {
    expect(checkIndustry(code)?.zh).toContain("娱乐场所");
  });
  it.each(["7262", "7263"])("refuses intermediary class %s", (code) => {
    expect(checkIndustry(code)?.zh).toContain("中介");
  });
  it("refuses a broader code that contains a banned class, and allows its harmless siblings", () => {
    expect(checkIndustry("901")?.rule).toBe("bannedIndustry");
    expect(checkIndustry("90")?.rule).toBe("bannedIndustry");
    expect(checkIndustry("726")?.rule).toBe("bannedIndustry");
    expect(checkIndustry("8053")).toBeNull(); // 保健服务 is not a bath house
    expect(checkIndustry("7261")).toBeNull(); // 公共就业服务
    expect(checkIndustry("6513")).toBeNull();
  });
});

describe("fees, intensity and insurance (working time: working-time.test.ts; duration: dates.test.ts)", () => {
  it("allows no fee at all: 0 passes, 1 yuan fails", () => {
    expect(checkNoFees(0)).toBeNull();
    expect(checkNoFees(1)?.rule).toBe("noFees");
  });

  it("allows physical labour up to level II", () => {
    expect(checkLabourIntensity("II")).toBeNull();
    expect(checkLabourIntensity("III")?.rule).toBe("labourIntensity");
    expect(checkLabourIntensity("IV")?.rule).toBe("labourIntensity");
  });

  it("requires liability insurance never paid by the student", () => {
    expect(checkInsurance(true, "host")).toBeNull();
    expect(checkInsurance(true, "school")).toBeNull();
    expect(checkInsurance(false, "host")?.field).toBe("liabilityInsurance");
    expect(checkInsurance(true, "student")?.field).toBe("insurancePaidBy");
  });
});

describe("who may take a placement", () => {
  it("counts age in full years", () => {
    expect(ageOn("2010-03-15", "2026-03-15")).toBe(16);
    expect(ageOn("2010-03-15", "2026-03-14")).toBe(15);
  });

  it("refuses students under 16 on the start date: 16 that day passes, one day short fails", () => {
    expect(checkMinimumAge("2010-03-15", "2026-03-15")).toBeNull();
    expect(checkMinimumAge("2010-03-15", "2026-03-14")?.zh).toBe("不得安排未满 16 周岁的学生进行岗位实习（实习开始时 15 周岁）");
  });

  it("treats students as first-year until the 1 September after enrolment", () => {
    expect(isFirstYear(2025, "2026-08-31")).toBe(true);
    expect(isFirstYear(2025, "2026-09-01")).toBe(false);
    expect(checkNotFirstYear(2025, "2026-08-31")?.rule).toBe("firstYearStudent");
    expect(checkNotFirstYear(2025, "2026-09-01")).toBeNull();
  });

  it("keeps minors out of work forbidden to minors", () => {
    expect(checkMinorForbiddenWork("2009-01-01", "2026-12-31", true)?.rule).toBe("minorForbiddenWork");
    expect(checkMinorForbiddenWork("2008-01-01", "2026-01-01", true)).toBeNull();
    expect(checkMinorForbiddenWork("2009-01-01", "2026-12-31", false)).toBeNull();
  });

  it("keeps placements within the student's specialty group", () => {
    expect(checkSpecialtyGroup("11", ["11", "09"])).toBeNull();
    expect(checkSpecialtyGroup("11", ["12"])?.rule).toBe("specialtyGroup");
  });
});
