// The matching score, server/matching/score.ts: each tier's points and reason, and each boundary
// (README "Mutation testing").
import { describe, expect, it } from "vitest";
import { stageOf } from "@/server/matching/profile";
import { barredKeyOffset, kindPoints, neighbouringProvinces, rankKey, regionReason, scoreMatch, scoreTenthsOfKey, weights, type MatchCandidate, type MatchProfile, type SpecialtyRef } from "@/server/matching/score";

const day = 86_400_000;
const now = Date.UTC(2027, 2, 1);
const spec = (code: string, classDomain: string, groupDomain: string): SpecialtyRef => ({ code, classDomain, groupDomain });
const region = { county: "440106", city: "4401", province: "44" };
const profile = (overrides: Partial<MatchProfile> = {}): MatchProfile => ({
  specialties: [],
  region: null,
  preferredRegions: [],
  primaryDivisions: new Set(),
  relatedDivisions: new Set(),
  ...overrides,
});
const candidate = (overrides: Partial<MatchCandidate> = {}): MatchCandidate => ({
  specialties: [],
  region: { county: "110101", city: "1101", province: "11" },
  industryDivision: null,
  publishedAt: null,
  openSeats: null,
  ...overrides,
});

describe("the weights", () => {
  it("are those the comment documents", () => {
    expect(weights).toEqual({
      specialty: { same: 40, sameClass: 37, sameGroup: 8 },
      region: { preferred: 25, county: 20, city: 16, province: 10, neighbourProvince: 5 },
      cooperationRegion: { preferred: 50, county: 50, city: 45, province: 25, neighbourProvince: 15 },
      industry: { primary: 12, related: 6 },
      kind: {
        first: { observation_visit: 10, order_class: 5, apprenticeship: 2, placement_internship: 0 },
        middle: { observation_visit: 5, order_class: 8, apprenticeship: 8, placement_internship: 8 },
        final: { observation_visit: 2, order_class: 10, apprenticeship: 10, placement_internship: 10 },
      },
      freshness: { max: 10, days: 90 },
      seats: { max: 5, full: 10 },
    });
  });
});

describe("place between organisations (weights.cooperationRegion)", () => {
  // An enterprise in 广州 that asks for 510201 and is in division 65; schools are the candidates.
  const enterprise = profile({ specialties: [spec("510201", "1102", "11")], region, primaryDivisions: new Set(["65"]), regionWeights: weights.cooperationRegion });
  const school = (overrides: Partial<MatchCandidate>) => candidate({ industryDivision: "65", ...overrides });
  it("puts a school in the city whose classes feed the industry above a far school of the exact specialty", () => {
    const nearFeeding = scoreMatch(enterprise, school({ specialties: [spec("510301", "1103", "11")], region: { county: "440111", city: "4401", province: "44" } }), now);
    const farSame = scoreMatch(enterprise, school({ specialties: [spec("510201", "1102", "11")] }), now);
    expect(nearFeeding.score).toBeGreaterThan(farSame.score);
    expect(nearFeeding.reasons).toContainEqual({ criterion: "region", tier: "city", code: "4401", points: 45 });
    // With a student's steps the far exact specialty wins: the larger steps are what turns the order.
    const { regionWeights: _steps, ...asStudent } = enterprise;
    expect(scoreMatch(asStudent, school({ specialties: [spec("510301", "1103", "11")], region: { county: "440111", city: "4401", province: "44" } }), now).score).toBeLessThan(scoreMatch(asStudent, school({ specialties: [spec("510201", "1102", "11")] }), now).score);
  });
  it("keeps the specialty deciding at the same place, and the province above far away", () => {
    const inProvince = scoreMatch(enterprise, school({ specialties: [spec("510201", "1102", "11")], region: { county: "440303", city: "4403", province: "44" } }), now);
    const farSame = scoreMatch(enterprise, school({ specialties: [spec("510201", "1102", "11")] }), now);
    const inProvinceGroup = scoreMatch(enterprise, school({ specialties: [spec("510301", "1103", "11")], region: { county: "440303", city: "4403", province: "44" } }), now);
    expect(inProvince.score).toBeGreaterThan(farSame.score);
    expect(inProvince.score).toBeGreaterThan(inProvinceGroup.score);
    expect(inProvince.reasons).toContainEqual({ criterion: "region", tier: "province", code: "44", points: 25 });
  });
});

describe("specialty", () => {
  const mine = spec("510201", "1102", "11");
  it("gives each tier its points and code", () => {
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("510201", "1102", "11")] }), now)).toEqual({ score: 40, reasons: [{ criterion: "specialty", tier: "same", code: "510201", points: 40 }] });
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("710201", "1102", "11")] }), now).reasons).toEqual([{ criterion: "specialty", tier: "sameClass", code: "1102", points: 37 }]);
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("510301", "1103", "11")] }), now).reasons).toEqual([{ criterion: "specialty", tier: "sameGroup", code: "11", points: 8 }]);
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("520101", "1201", "12")] }), now)).toEqual({ score: 0, reasons: [] });
  });

  it("keeps the best tier over every pair, whichever order they come in", () => {
    const theirs = [spec("510301", "1103", "11"), spec("510201", "1102", "11"), spec("710201", "1102", "11")];
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: theirs }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "same", code: "510201", points: 40 });
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [...theirs].reverse() }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "same", code: "510201", points: 40 });
    // Equal points: the first one found stays.
    expect(scoreMatch(profile({ specialties: [spec("510201", "1102", "11"), spec("520101", "1201", "12")] }), candidate({ specialties: [spec("510901", "1109", "11"), spec("520901", "1209", "12")] }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "sameGroup", code: "11", points: 8 });
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("710201", "1102", "11"), spec("310201", "1102", "11")] }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "sameClass", code: "1102", points: 37 });
  });

  it("counts the posting's industry once, as its own criterion, primary before related (issue 18: it counted twice)", () => {
    const mapped = profile({ specialties: [mine], primaryDivisions: new Set(["65"]), relatedDivisions: new Set(["64", "65"]) });
    expect(scoreMatch(mapped, candidate({ industryDivision: "65" }), now)).toEqual({ score: 12, reasons: [{ criterion: "industry", tier: "primary", code: "65", points: 12 }] });
    expect(scoreMatch(mapped, candidate({ industryDivision: "64" }), now).reasons).toEqual([{ criterion: "industry", tier: "related", code: "64", points: 6 }]);
    expect(scoreMatch(mapped, candidate({ industryDivision: "65", specialties: [spec("710201", "1102", "11")] }), now).reasons).toEqual([
      { criterion: "specialty", tier: "sameClass", code: "1102", points: 37 },
      { criterion: "industry", tier: "primary", code: "65", points: 12 },
    ]);
    expect(scoreMatch(mapped, candidate({ industryDivision: "99" }), now)).toEqual({ score: 0, reasons: [] });
  });

  it("lets place decide between 同专业 and 同专业类: the exact specialty only leads at the same place", () => {
    const gz = { county: "440106", city: "440100", province: "440000" };
    const student = profile({ specialties: [mine], region: gz });
    const at = (code: string, classDomain: string, where: typeof gz) => scoreMatch(student, candidate({ specialties: [spec(code, classDomain, "11")], region: where }), now).score;
    const otherCounty = { ...gz, county: "440105" };
    const shenzhen = { county: "440305", city: "440300", province: "440000" };
    const guangxi = { county: "450102", city: "450100", province: "450000" };
    const zhejiang = { county: "330212", city: "330200", province: "330000" };
    // Every step of place outweighs the step from the same specialty to the same class …
    expect(at("710201", "1102", gz)).toBeGreaterThan(at("510201", "1102", otherCounty));
    expect(at("710201", "1102", otherCounty)).toBeGreaterThan(at("510201", "1102", shenzhen));
    expect(at("710201", "1102", shenzhen)).toBeGreaterThan(at("510201", "1102", guangxi));
    expect(at("710201", "1102", guangxi)).toBeGreaterThan(at("510201", "1102", zhejiang));
    // … and at one place the exact specialty leads.
    expect(at("510201", "1102", shenzhen)).toBeGreaterThan(at("710201", "1102", shenzhen));
  });

  it("ranks a same-class placement above an industry-only visit for a final-year student (issue 18's robot student)", () => {
    const robot = profile({ specialties: [spec("460305", "0603", "06")], region, primaryDivisions: new Set(["65", "34"]), relatedDivisions: new Set(["37"]), stage: "final" });
    const softwareVisit = candidate({ kind: "observation_visit", industryDivision: "65", region, publishedAt: now, openSeats: 10 });
    const railPlacement = candidate({ kind: "placement_internship", specialties: [spec("560301", "0603", "06")], industryDivision: "37", region, publishedAt: now - 30 * day, openSeats: 5 });
    expect(scoreMatch(robot, railPlacement, now).score).toBeGreaterThan(scoreMatch(robot, softwareVisit, now).score);
    // One industry chip each, never two.
    expect(scoreMatch(robot, softwareVisit, now).reasons.filter((r) => r.criterion === "industry" || r.criterion === "specialty")).toEqual([{ criterion: "industry", tier: "primary", code: "65", points: 12 }]);
  });
});

describe("kind for the student's stage", () => {
  it("puts visits first in year one and placements, apprenticeships and order classes first in the final year", () => {
    const of = (stage: "first" | "middle" | "final", kind: string) => scoreMatch(profile({ stage }), candidate({ kind }), now).reasons;
    expect(of("first", "observation_visit")).toEqual([{ criterion: "kind", stage: "first", kind: "observation_visit", points: 10 }]);
    expect(of("first", "placement_internship")).toEqual([]);
    expect(of("final", "placement_internship")).toEqual([{ criterion: "kind", stage: "final", kind: "placement_internship", points: 10 }]);
    expect(of("final", "order_class")).toEqual([{ criterion: "kind", stage: "final", kind: "order_class", points: 10 }]);
    expect(of("final", "observation_visit")).toEqual([{ criterion: "kind", stage: "final", kind: "observation_visit", points: 2 }]);
    expect(of("middle", "apprenticeship")).toEqual([{ criterion: "kind", stage: "middle", kind: "apprenticeship", points: 8 }]);
    // No stage (a school, an enterprise, a posting) or a kind the term does not rank: no kind points.
    expect(scoreMatch(profile(), candidate({ kind: "placement_internship" }), now).reasons).toEqual([]);
    expect(of("final", "technical_need")).toEqual([]);
    expect(kindPoints("middle", "mentor_offer")).toBe(0);
  });
});

describe("region", () => {
  const gz = { county: "440106", city: "440100", province: "440000" };
  it("gives the first of the school's levels at which the codes agree, then a bordering province", () => {
    const p = profile({ region: gz });
    expect(regionReason(p, gz)).toEqual({ criterion: "region", tier: "county", code: "440106", points: 20 });
    expect(regionReason(p, { ...gz, county: "440105" })).toEqual({ criterion: "region", tier: "city", code: "440100", points: 16 });
    expect(regionReason(p, { county: "440305", city: "440300", province: "440000" })).toEqual({ criterion: "region", tier: "province", code: "440000", points: 10 });
    // Guangxi borders Guangdong; Zhejiang does not.
    expect(regionReason(p, { county: "450102", city: "450100", province: "450000" })).toEqual({ criterion: "region", tier: "neighbourProvince", code: "450000", points: 5 });
    expect(regionReason(p, { county: "330212", city: "330200", province: "330000" })).toBeNull();
  });

  it("ranks the student's own preferred regions (any level) above every tier of the school's (issue 18: 宁波 below 广州)", () => {
    const p = profile({ region: gz, preferredRegions: ["330200", "110000"] });
    const ningbo = { county: "330212", city: "330200", province: "330000" };
    expect(regionReason(p, ningbo)).toEqual({ criterion: "region", tier: "preferred", code: "330200", points: 25 });
    expect(regionReason(p, { county: "110101", city: "110100", province: "110000" })).toEqual({ criterion: "region", tier: "preferred", code: "110000", points: 25 });
    expect(regionReason(profile({ preferredRegions: ["320102"] }), { county: "320102", city: "320100", province: "320000" })).toEqual({ criterion: "region", tier: "preferred", code: "320102", points: 25 });
    expect(scoreMatch(p, candidate({ region: ningbo }), now).score).toBeGreaterThan(scoreMatch(p, candidate({ region: gz }), now).score);
    expect(regionReason(p, { county: "510104", city: "510100", province: "510000" })).toBeNull();
    expect(regionReason(profile(), gz)).toBeNull();
  });

  it("knows every province's neighbours both ways (db/reference/province-adjacency.json)", () => {
    const provinces = ["110000", "440000", "650000", "460000", "500000"];
    for (const a of provinces) for (const b of neighbouringProvinces(a)) expect(neighbouringProvinces(b)).toContain(a);
    expect(neighbouringProvinces("440000")).toEqual(expect.arrayContaining(["350000", "360000", "430000", "450000", "460000"]));
    expect(neighbouringProvinces("110000")).toEqual(["120000", "130000"]);
  });
});

describe("the order among equal scores", () => {
  it("goes by score, then nearer, then pay, then seats, then newer", () => {
    const base = rankKey(500, 10, 4000, 5, now);
    expect(rankKey(501, 0, 0, 0, null)).toBeGreaterThan(rankKey(500, 25, 16_383, 255, now));
    expect(rankKey(500, 16, 0, 0, null)).toBeGreaterThan(base);
    expect(rankKey(500, 10, 4001, 0, null)).toBeGreaterThan(base);
    expect(rankKey(500, 10, 4000, 6, null)).toBeGreaterThan(base);
    expect(rankKey(500, 10, 4000, 5, now + day)).toBeGreaterThan(base);
    expect(rankKey(500, 10, 4000, 5, now + day - 1)).toBe(rankKey(500, 10, 4000, 5, now + 1));
    // Caps keep the parts in their bits; the score is read back exactly, and barred keys stay exact doubles.
    expect(rankKey(500, 10, 99_999, 9_999, now)).toBe(rankKey(500, 10, 16_383, 255, now));
    expect(scoreTenthsOfKey(rankKey(1234, 25, 16_383, 255, Date.UTC(2100, 0, 1)))).toBe(1234);
    expect(Number.isSafeInteger(rankKey(1234, 25, 16_383, 255, Date.UTC(2100, 0, 1)) - barredKeyOffset)).toBe(true);
  });
});

describe("freshness and seats", () => {
  it("falls from 10 to 0 over 90 days, by whole days, never more than 10", () => {
    const fresh = (ms: number) => scoreMatch(profile(), candidate({ publishedAt: now - ms }), now).reasons;
    expect(fresh(0)).toEqual([{ criterion: "freshness", days: 0, points: 10 }]);
    expect(fresh(-5 * day)).toEqual([{ criterion: "freshness", days: 0, points: 10 }]);
    expect(fresh(day - 1)).toEqual([{ criterion: "freshness", days: 0, points: 10 }]);
    expect(fresh(45 * day)).toEqual([{ criterion: "freshness", days: 45, points: 5 }]);
    expect(fresh(10 * day)).toEqual([{ criterion: "freshness", days: 10, points: 8.9 }]);
    expect(fresh(89 * day)).toEqual([{ criterion: "freshness", days: 89, points: 0.1 }]);
    expect(fresh(90 * day)).toEqual([]);
    expect(fresh(200 * day)).toEqual([]);
  });

  it("gives up to 5 for open seats, reached at 10", () => {
    const seats = (openSeats: number | null) => scoreMatch(profile(), candidate({ openSeats }), now).reasons;
    expect(seats(1)).toEqual([{ criterion: "seats", seats: 1, points: 0.5 }]);
    expect(seats(3)).toEqual([{ criterion: "seats", seats: 3, points: 1.5 }]);
    expect(seats(10)).toEqual([{ criterion: "seats", seats: 10, points: 5 }]);
    expect(seats(40)).toEqual([{ criterion: "seats", seats: 40, points: 5 }]);
    expect(seats(0)).toEqual([]);
    expect(seats(null)).toEqual([]);
  });
});

describe("the score", () => {
  it("adds every reason, in order, to one decimal", () => {
    const p = profile({ specialties: [spec("510201", "1102", "11")], region, primaryDivisions: new Set(["65"]), stage: "final" });
    const c = candidate({ specialties: [spec("510201", "1102", "11")], region, industryDivision: "65", kind: "apprenticeship", publishedAt: now - 10 * day, openSeats: 3 });
    const s = scoreMatch(p, c, now);
    expect(s.reasons.map((r) => r.criterion)).toEqual(["specialty", "region", "industry", "kind", "freshness", "seats"]);
    expect(s.score).toBe(40 + 20 + 12 + 10 + 8.9 + 1.5);
    // The chips add up to the score.
    expect(Math.round(s.reasons.reduce((a, r) => a + r.points, 0) * 10) / 10).toBe(s.score);
  });

  it("rounds the sum to one decimal", () => {
    const c = candidate({ publishedAt: now - 10 * day, openSeats: 1 });
    expect(scoreMatch(profile(), c, now).score).toBe(9.4);
  });
});

describe("a student's stage", () => {
  it("is year one until the 1 September after enrolment, final from the programme's last year (3 years, 职业本科 4)", () => {
    expect(stageOf(2025, "higher_vocational", "2026-08-31")).toBe("first");
    expect(stageOf(2025, "higher_vocational", "2026-09-01")).toBe("middle");
    expect(stageOf(2025, "higher_vocational", "2027-08-31")).toBe("middle");
    expect(stageOf(2025, "secondary", "2027-09-01")).toBe("final");
    expect(stageOf(2025, "vocational_bachelor", "2027-09-01")).toBe("middle");
    expect(stageOf(2025, "vocational_bachelor", "2028-09-01")).toBe("final");
  });
});
