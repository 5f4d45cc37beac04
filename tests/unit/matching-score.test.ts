// The matching score, server/matching/score.ts: each tier's points and reason, and each boundary
// (README "Mutation testing").
import { describe, expect, it } from "vitest";
import { regionReason, scoreMatch, weights, type MatchCandidate, type MatchProfile, type SpecialtyRef } from "@/server/matching/score";

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
      specialty: { same: 40, sameClass: 30, mappedPrimary: 22, mappedRelated: 14, sameGroup: 8 },
      region: { county: 25, city: 20, province: 12, preferred: 10 },
      industry: { primary: 10, related: 5 },
      freshness: { max: 10, days: 90 },
      seats: { max: 5, full: 10 },
    });
  });
});

describe("specialty", () => {
  const mine = spec("510201", "1102", "11");
  it("gives each tier its points and code", () => {
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("510201", "1102", "11")] }), now)).toEqual({ score: 40, reasons: [{ criterion: "specialty", tier: "same", code: "510201", points: 40 }] });
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("710201", "1102", "11")] }), now).reasons).toEqual([{ criterion: "specialty", tier: "sameClass", code: "1102", points: 30 }]);
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("510301", "1103", "11")] }), now).reasons).toEqual([{ criterion: "specialty", tier: "sameGroup", code: "11", points: 8 }]);
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("520101", "1201", "12")] }), now)).toEqual({ score: 0, reasons: [] });
  });

  it("keeps the best tier over every pair, whichever order they come in", () => {
    const theirs = [spec("510301", "1103", "11"), spec("510201", "1102", "11"), spec("710201", "1102", "11")];
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: theirs }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "same", code: "510201", points: 40 });
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [...theirs].reverse() }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "same", code: "510201", points: 40 });
    // Equal points: the first one found stays.
    expect(scoreMatch(profile({ specialties: [spec("510201", "1102", "11"), spec("520101", "1201", "12")] }), candidate({ specialties: [spec("510901", "1109", "11"), spec("520901", "1209", "12")] }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "sameGroup", code: "11", points: 8 });
    expect(scoreMatch(profile({ specialties: [mine] }), candidate({ specialties: [spec("710201", "1102", "11"), spec("310201", "1102", "11")] }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "sameClass", code: "1102", points: 30 });
  });

  it("counts the posting's industry in the profile's mapped divisions, primary before related, and below a same class", () => {
    const mapped = profile({ specialties: [mine], primaryDivisions: new Set(["65"]), relatedDivisions: new Set(["64", "65"]) });
    expect(scoreMatch(mapped, candidate({ industryDivision: "65" }), now).reasons).toEqual([
      { criterion: "specialty", tier: "mappedPrimary", code: "65", points: 22 },
      { criterion: "industry", tier: "primary", code: "65", points: 10 },
    ]);
    expect(scoreMatch(mapped, candidate({ industryDivision: "64" }), now).reasons).toEqual([
      { criterion: "specialty", tier: "mappedRelated", code: "64", points: 14 },
      { criterion: "industry", tier: "related", code: "64", points: 5 },
    ]);
    expect(scoreMatch(mapped, candidate({ industryDivision: "64", specialties: [spec("510301", "1103", "11")] }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "mappedRelated", code: "64", points: 14 });
    expect(scoreMatch(mapped, candidate({ industryDivision: "65", specialties: [spec("710201", "1102", "11")] }), now).reasons[0]).toEqual({ criterion: "specialty", tier: "sameClass", code: "1102", points: 30 });
    expect(scoreMatch(mapped, candidate({ industryDivision: "99" }), now)).toEqual({ score: 0, reasons: [] });
  });
});

describe("region", () => {
  it("gives the first level at which the codes agree", () => {
    const p = profile({ region });
    expect(regionReason(p, region)).toEqual({ criterion: "region", tier: "county", code: "440106", points: 25 });
    expect(regionReason(p, { ...region, county: "440105" })).toEqual({ criterion: "region", tier: "city", code: "4401", points: 20 });
    expect(regionReason(p, { county: "440305", city: "4403", province: "44" })).toEqual({ criterion: "region", tier: "province", code: "44", points: 12 });
  });

  it("falls back to a preferred region at any level, and to nothing", () => {
    const p = profile({ region, preferredRegions: ["3301", "11"] });
    expect(regionReason(p, { county: "330106", city: "3301", province: "33" })).toEqual({ criterion: "region", tier: "preferred", code: "3301", points: 10 });
    expect(regionReason(p, { county: "110101", city: "1101", province: "11" })).toEqual({ criterion: "region", tier: "preferred", code: "11", points: 10 });
    expect(regionReason(profile({ preferredRegions: ["320102"] }), { county: "320102", city: "3201", province: "32" })).toEqual({ criterion: "region", tier: "preferred", code: "320102", points: 10 });
    expect(regionReason(p, { county: "510104", city: "5101", province: "51" })).toBeNull();
    expect(regionReason(profile(), region)).toBeNull();
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
    const p = profile({ specialties: [spec("510201", "1102", "11")], region, primaryDivisions: new Set(["65"]) });
    const c = candidate({ specialties: [spec("510201", "1102", "11")], region, industryDivision: "65", publishedAt: now - 10 * day, openSeats: 3 });
    const s = scoreMatch(p, c, now);
    expect(s.reasons.map((r) => r.criterion)).toEqual(["specialty", "region", "industry", "freshness", "seats"]);
    expect(s.score).toBe(40 + 25 + 10 + 8.9 + 1.5);
  });

  it("rounds the sum to one decimal", () => {
    const c = candidate({ publishedAt: now - 10 * day, openSeats: 1 });
    expect(scoreMatch(profile(), c, now).score).toBe(9.4);
  });
});
