import { describe, expect, it } from "vitest";
import { addMonths, checkAmendedEndDate, checkDuration, checkLogWeek, checkLongPlacementReason, checkPlacementStart, exceedsSixMonths, placementSpan } from "@/server/compliance/dates";
import { checkPosting } from "@/server/compliance/posting";
import { postingInput } from "@/server/schemas/postings";
import { placementInput } from "../../helpers/factories";

describe("the duration, from the dates", () => {
  it("adds months, keeping to the month's last day", () => {
    expect(addMonths("2027-03-01", 6)).toBe("2027-09-01");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2027-08-31", 18)).toBe("2029-02-28");
    expect(addMonths("2027-11-15", 3)).toBe("2028-02-15");
  });

  it("counts whole months from the first to the last day inclusive", () => {
    expect(placementSpan("2027-03-01", "2027-08-31")).toEqual({ months: 6, days: 0 });
    expect(placementSpan("2027-03-01", "2027-09-01")).toEqual({ months: 6, days: 1 });
    expect(placementSpan("2027-03-15", "2027-09-14")).toEqual({ months: 6, days: 0 });
    expect(placementSpan("2027-03-01", "2028-02-29")).toEqual({ months: 12, days: 0 });
    expect(placementSpan("2027-03-01", "2027-03-01")).toEqual({ months: 0, days: 1 });
  });

  it("is over six months from the day six months after the first: 08-31 is not, 09-01 is", () => {
    expect(exceedsSixMonths("2027-03-01", "2027-08-31")).toBe(false);
    expect(exceedsSixMonths("2027-03-01", "2027-09-01")).toBe(true);
    expect(checkDuration("2027-03-01", "2027-08-31")).toBeNull();
    const v = checkDuration("2027-03-01", "2028-02-29")!;
    expect([v.rule, v.severity, v.field]).toEqual(["durationAboutSixMonths", "warning", "endDate"]);
    expect(v.zh).toContain("2027-03-01 至 2028-02-29 为 12 个月");
  });

  it("reads the dates, not a typed number: a year apart with “6” typed is flagged", () => {
    const input = placementInput({ startDate: "2027-03-01", endDate: "2028-02-29", applyBy: "2027-02-15" });
    (input.details as Record<string, unknown>).durationMonths = 6;
    const parsed = postingInput.parse(input);
    expect("durationMonths" in parsed.details).toBe(false);
    const found = checkPosting(parsed, { staffCount: 200, industryCode: "6513", otherInternSeats: 0 }, "2027-01-10");
    expect(found.map((x) => x.rule)).toEqual(["durationAboutSixMonths"]);
  });

  it("needs the school's reason for more than six months, and none for six", () => {
    expect(checkLongPlacementReason("2027-03-01", "2027-08-31", null)).toBeNull();
    expect(checkLongPlacementReason("2027-03-01", "2027-09-01", null)?.rule).toBe("longPlacementReason");
    expect(checkLongPlacementReason("2027-03-01", "2027-09-01", "  ")?.rule).toBe("longPlacementReason");
    expect(checkLongPlacementReason("2027-03-01", "2027-09-01", "企业项目周期需要")).toBeNull();
  });
});

describe("a placement starts no earlier than its agreed date", () => {
  it("refuses the day before and allows the day itself, naming the date", () => {
    const v = checkPlacementStart("2027-03-01", "2027-02-28")!;
    expect(v.rule).toBe("placementStartDate");
    expect(v.zh).toContain("2027-03-01");
    expect(checkPlacementStart("2027-03-01", "2027-03-01")).toBeNull();
  });
});

describe("weekly logs only for weeks inside the placement", () => {
  // Starts Wednesday 2027-03-03, ends Friday 2027-04-30.
  const p = { startDate: "2027-03-03", endDate: "2027-04-30" };
  it("refuses the week before the start and allows the first week (which holds the start)", () => {
    expect(checkLogWeek("2027-02-22", p, "2027-06-01")?.zh).toContain("之前");
    expect(checkLogWeek("2027-03-01", p, "2027-06-01")).toBeNull();
  });
  it("allows the last week and refuses the week after the end", () => {
    expect(checkLogWeek("2027-04-26", p, "2027-06-01")).toBeNull();
    expect(checkLogWeek("2027-05-03", p, "2027-06-01")?.zh).toContain("之后");
  });
  it("allows this week and refuses next week", () => {
    expect(checkLogWeek("2027-03-08", p, "2027-03-10")).toBeNull();
    expect(checkLogWeek("2027-03-15", p, "2027-03-10")?.zh).toContain("尚未开始");
  });
});

describe("a new end date by amendment", () => {
  const p = { startDate: "2027-03-01", endDate: "2027-08-31" };
  it("must differ, and not be before the start or today", () => {
    expect(checkAmendedEndDate("2027-08-31", p, "2027-01-10")?.rule).toBe("amendedEndDate");
    expect(checkAmendedEndDate("2027-02-28", p, "2027-01-10")?.rule).toBe("amendedEndDate");
    expect(checkAmendedEndDate("2027-03-01", p, "2027-01-10")).toBeNull();
    expect(checkAmendedEndDate("2027-04-09", p, "2027-04-10")?.rule).toBe("amendedEndDate");
    expect(checkAmendedEndDate("2027-04-10", p, "2027-04-10")).toBeNull();
    expect(checkAmendedEndDate("2027-12-31", p, "2027-04-10")).toBeNull();
  });
});
