import { describe, expect, it, vi } from "vitest";
import { enrolmentYear, yearInChina } from "@/server/schemas/accounts";

describe("the year in China", () => {
  it("turns at 16:00 UTC on 31 December", () => {
    expect(yearInChina(new Date("2026-12-31T15:59:59Z"))).toBe(2026);
    expect(yearInChina(new Date("2026-12-31T16:00:00Z"))).toBe(2027);
  });

  it("lets next year's intake enrol from China's new year, not UTC's", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-31T16:30:00Z") });
    try {
      expect(enrolmentYear.safeParse(2028).success).toBe(true);
      expect(enrolmentYear.safeParse(2029).success).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
