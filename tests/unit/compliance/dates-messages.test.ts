// The exact violations of server/compliance/dates.ts and their boundaries (README "Mutation testing").
import { describe, expect, it } from "vitest";
import { addDays, addMonths, checkAmendedEndDate, checkDuration, checkLogWeek, checkLongPlacementReason, checkPlacementStart, exceedsSixMonths, placementSpan } from "@/server/compliance/dates";

describe("date arithmetic", () => {
  it("adds days across months and years", () => {
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });

  it("adds months across the year's end, both ways, and keeps the day when the month has it", () => {
    expect(addMonths("2027-12-15", 1)).toBe("2028-01-15");
    expect(addMonths("2027-11-30", 2)).toBe("2028-01-30");
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2027-03-31", -1)).toBe("2027-02-28");
    expect(addMonths("2027-10-05", 0)).toBe("2027-10-05");
  });

  it("counts a placement of some days within its first month", () => {
    expect(placementSpan("2027-03-01", "2027-03-30")).toEqual({ months: 0, days: 30 });
    expect(placementSpan("2027-03-01", "2027-03-31")).toEqual({ months: 1, days: 0 });
    expect(placementSpan("2027-01-31", "2027-03-01")).toEqual({ months: 1, days: 2 });
  });

  it("is over six months exactly from the day six months after the first", () => {
    expect(exceedsSixMonths("2027-08-31", "2028-02-28")).toBe(false);
    expect(exceedsSixMonths("2027-08-31", "2028-02-29")).toBe(true);
  });
});

describe("duration warnings and the school's reason", () => {
  it("warns with the span in months and days, both languages", () => {
    expect(checkDuration("2027-03-01", "2027-09-02")).toEqual({
      rule: "durationAboutSixMonths",
      field: "endDate",
      severity: "warning",
      zh: "岗位实习时间一般为 6 个月，2027-03-01 至 2027-09-02 为 6 个月 2 天；超过 6 个月的须由学校在审批时说明理由",
      en: "A placement normally lasts about 6 months; 2027-03-01 to 2027-09-02 is 6 months 2 days; the school records the reason when it approves",
    });
    expect(checkDuration("2027-03-01", "2028-03-01")?.en).toBe("A placement normally lasts about 6 months; 2027-03-01 to 2028-03-01 is 12 months 1 day; the school records the reason when it approves");
    expect(checkDuration("2027-03-01", "2028-02-29")?.zh).toBe("岗位实习时间一般为 6 个月，2027-03-01 至 2028-02-29 为 12 个月；超过 6 个月的须由学校在审批时说明理由");
    expect(checkDuration("2027-03-01", "2028-02-29")?.en).toBe("A placement normally lasts about 6 months; 2027-03-01 to 2028-02-29 is 12 months; the school records the reason when it approves");
  });

  it("needs a reason of at least two characters, blanks trimmed", () => {
    expect(checkLongPlacementReason("2027-03-01", "2027-09-01", "a")).toEqual({
      rule: "longPlacementReason",
      field: "longPlacementReason",
      severity: "error",
      zh: "该岗位实习 2027-03-01 至 2027-09-01 为 6 个月 1 天，超过一般的 6 个月，学校审批时须填写理由",
      en: "This placement runs 2027-03-01 to 2027-09-01 (6 months 1 day), longer than the usual 6 months: the school must give its reason when approving",
    });
    expect(checkLongPlacementReason("2027-03-01", "2027-09-01", " a ")?.rule).toBe("longPlacementReason");
    expect(checkLongPlacementReason("2027-03-01", "2027-09-01", undefined)?.rule).toBe("longPlacementReason");
    expect(checkLongPlacementReason("2027-03-01", "2027-09-01", " 项目 ")).toBeNull();
    expect(checkLongPlacementReason("2027-03-01", "2027-08-31", "")).toBeNull();
  });

  it("names both dates when a placement would start early", () => {
    expect(checkPlacementStart("2027-03-01", "2027-02-28")).toEqual({
      rule: "placementStartDate",
      field: undefined,
      severity: "error",
      zh: "实习约定于 2027-03-01 开始，不能提前开始（今天是 2027-02-28）",
      en: "The placement is agreed to start on 2027-03-01; it cannot start earlier (today is 2027-02-28)",
    });
    expect(checkPlacementStart("2027-03-01", "2027-03-02")).toBeNull();
  });
});

describe("weekly logs", () => {
  const p = { startDate: "2027-03-03", endDate: "2027-04-30" };
  it("says why a week is refused, each case with its own message", () => {
    expect(checkLogWeek("2027-02-22", p, "2027-06-01")).toEqual({
      rule: "logWeekOutsidePlacement",
      field: "weekStart",
      severity: "error",
      zh: "2027-02-22 这一周在实习开始（2027-03-03）之前，不能填写周志",
      en: "The week of 2027-02-22 is before the placement starts (2027-03-03)",
    });
    expect(checkLogWeek("2027-05-03", p, "2027-06-01")).toEqual({
      rule: "logWeekOutsidePlacement",
      field: "weekStart",
      severity: "error",
      zh: "2027-05-03 这一周在实习结束（2027-04-30）之后，不能填写周志",
      en: "The week of 2027-05-03 is after the placement ends (2027-04-30)",
    });
    expect(checkLogWeek("2027-03-15", p, "2027-03-10")).toEqual({
      rule: "logWeekOutsidePlacement",
      field: "weekStart",
      severity: "error",
      zh: "2027-03-15 这一周尚未开始，不能提前填写周志",
      en: "The week of 2027-03-15 has not begun yet",
    });
  });

  it("takes a week whose last day is the first day, a week starting on the last day, and a week starting today", () => {
    // A week of Wednesday to Tuesday, for the boundaries of each comparison.
    const q = { startDate: "2027-03-09", endDate: "2027-04-30" };
    expect(checkLogWeek("2027-03-03", q, "2027-06-01")).toBeNull();
    expect(checkLogWeek("2027-03-02", q, "2027-06-01")?.en).toBe("The week of 2027-03-02 is before the placement starts (2027-03-09)");
    expect(checkLogWeek("2027-04-30", q, "2027-06-01")).toBeNull();
    expect(checkLogWeek("2027-05-01", q, "2027-06-01")?.en).toBe("The week of 2027-05-01 is after the placement ends (2027-04-30)");
    expect(checkLogWeek("2027-03-15", q, "2027-03-15")).toBeNull();
    expect(checkLogWeek("2027-03-16", q, "2027-03-15")?.en).toBe("The week of 2027-03-16 has not begun yet");
  });
});

describe("amended end dates", () => {
  const p = { startDate: "2027-03-01", endDate: "2027-08-31" };
  it("names the date agreed now when unchanged", () => {
    expect(checkAmendedEndDate("2027-08-31", p, "2027-01-10")).toEqual({
      rule: "amendedEndDate",
      field: "newEndDate",
      severity: "error",
      zh: "新的结束日期与现约定的结束日期（2027-08-31）相同",
      en: "The new end date is the end date agreed now (2027-08-31)",
    });
  });

  it("names the earliest allowed day: the start before it has begun, today after", () => {
    expect(checkAmendedEndDate("2027-02-28", p, "2027-01-10")).toEqual({
      rule: "amendedEndDate",
      field: "newEndDate",
      severity: "error",
      zh: "新的结束日期不得早于 2027-03-01（实习开始日期 2027-03-01，今天 2027-01-10）",
      en: "The new end date cannot be before 2027-03-01 (the placement starts 2027-03-01; today is 2027-01-10)",
    });
    expect(checkAmendedEndDate("2027-04-09", p, "2027-04-10")?.en).toBe("The new end date cannot be before 2027-04-10 (the placement starts 2027-03-01; today is 2027-04-10)");
    // On the first day itself, both give the same earliest day.
    expect(checkAmendedEndDate("2027-02-28", p, "2027-03-01")?.en).toBe("The new end date cannot be before 2027-03-01 (the placement starts 2027-03-01; today is 2027-03-01)");
  });
});
