import provinceAdjacency from "../../db/reference/province-adjacency.json";

/**
 * Matching scores: how well a counterpart fits a profile, by specialty, region, industry and (for a
 * student) the posting's kind for their stage, plus freshness and open seats. Pure and synchronous: the search index calls it for every candidate.
 * Every score carries its explanation as data, shown in the UI as chips.
 */

/**
 * The weights, in one place. A perfect specialty match outweighs a perfect region match because a
 * placement outside the student's specialty is against the rules, while distance is a preference.
 *   specialty: same 专业 40 > same 专业类 (across levels) 37 > same 专业大类 8. The rules ask for a post 对口或相近
 *              to the specialty, and a class is one training (often the same 专业 at another level), so the step
 *              from 专业 to 专业类 is kept below every step of place (the smallest, county to city, is 4): a
 *              reachable post of the class ranks above the exact specialty further away, and the exact specialty
 *              leads at the same place. The group is another matter (a related trade, 8).
 *   region:    one of the student's own preferred regions (up to three, any level) 25 > the school's county 20 >
 *              its city 16 > its province 10 > a neighbouring province 5 (db/reference/province-adjacency.json;
 *              the reference data has no city adjacency, so there is no neighbouring-city step)
 *   industry:  the posting's 大类 among those the profile's specialty classes map to, primary 12 / related 6
 *              (counted once: the specialty criterion no longer also counts the industry map)
 *   kind:      a posting's kind for the student's stage, up to 10 (first year: visits first; final year:
 *              placements, apprenticeships and order classes)
 *   freshness: up to 10, falling linearly to 0 over 90 days since publication
 *   seats:     up to 5, reached at 10 open seats
 */
export const weights = {
  specialty: { same: 40, sameClass: 37, sameGroup: 8 },
  region: { preferred: 25, county: 20, city: 16, province: 10, neighbourProvince: 5 },
  /**
   * Place between two organisations (an enterprise looking for schools): cooperation is local (order classes,
   * a training base the school's teachers visit, students housed near the post), so a school in the city whose
   * classes feed the enterprise's industry comes before a school of the exact specialty far away, and one of the
   * specialty within the province before it too. The same steps, larger: city 45 > specialty 40. A student's
   * own search keeps the smaller steps, because a post outside the specialty is against the rules for them.
   */
  cooperationRegion: { preferred: 50, county: 50, city: 45, province: 25, neighbourProvince: 15 },
  industry: { primary: 12, related: 6 },
  kind: {
    first: { observation_visit: 10, order_class: 5, apprenticeship: 2, placement_internship: 0 },
    middle: { observation_visit: 5, order_class: 8, apprenticeship: 8, placement_internship: 8 },
    final: { observation_visit: 2, order_class: 10, apprenticeship: 10, placement_internship: 10 },
  },
  freshness: { max: 10, days: 90 },
  seats: { max: 5, full: 10 },
} as const;

/** A student's stage in their programme: year one, a middle year, or the final year. */
export type Stage = keyof typeof weights.kind;
export const stages = Object.keys(weights.kind) as Stage[];
/** Kinds the stage term knows; other kinds get no kind points. */
export type StagedKind = keyof (typeof weights.kind)["first"];

/** The kind points of a posting kind for a stage (0 for kinds the stage term does not rank). */
export function kindPoints(stage: Stage, kind: string): number {
  return (weights.kind[stage] as Record<string, number>)[kind] ?? 0;
}

/** The most kind points any posting can get (a bound for ranking by stages). */
export const mostKindPoints = Math.max(...stages.flatMap((s) => Object.values(weights.kind[s])));

const provinceNeighbours = new Map(Object.entries(provinceAdjacency.neighbours));

/** The provinces that border a province (6-digit GB/T 2260 codes). */
export function neighbouringProvinces(province: string): readonly string[] {
  return provinceNeighbours.get(province) ?? [];
}

export interface SpecialtyRef {
  code: string;
  /** Level-independent 4-digit class key (e.g. 1102 for 5102/7102/3102 计算机类). */
  classDomain: string;
  groupDomain: string;
}

export interface RegionRef {
  county: string;
  city: string;
  province: string;
}

/** Who is looking: a student, a school (its programmes) or an enterprise (what it asks for). */
export interface MatchProfile {
  specialties: SpecialtyRef[];
  region: RegionRef | null;
  /** Preferred regions at any level (province, city or county codes). */
  preferredRegions: string[];
  /** Industry divisions that the profile's specialty classes map to. */
  primaryDivisions: ReadonlySet<string>;
  relatedDivisions: ReadonlySet<string>;
  /** A student's stage (the kind term); null for schools, enterprises and postings. */
  stage?: Stage | null;
  /** The region steps (weights.region unless stated; weights.cooperationRegion between organisations). */
  regionWeights?: RegionWeights;
}

export type RegionWeights = { readonly [tier in keyof typeof weights.region]: number };

/** What is being ranked: a posting, or an organisation summarised as one. */
export interface MatchCandidate {
  specialties: SpecialtyRef[];
  region: RegionRef;
  industryDivision: string | null;
  /** The posting's kind; null for organisations and students. */
  kind?: string | null;
  /** ms since epoch; null for organisations. */
  publishedAt: number | null;
  openSeats: number | null;
}

export type SpecialtyTier = keyof typeof weights.specialty;
export type RegionTier = keyof typeof weights.region;

export type Reason =
  | { criterion: "specialty"; tier: SpecialtyTier; code: string; points: number }
  | { criterion: "region"; tier: RegionTier; code: string; points: number }
  | { criterion: "industry"; tier: "primary" | "related"; code: string; points: number }
  | { criterion: "kind"; stage: Stage; kind: string; points: number }
  | { criterion: "freshness"; days: number; points: number }
  | { criterion: "seats"; seats: number; points: number };

export interface MatchScore {
  score: number;
  reasons: Reason[];
}

/** The best specialty tier between any of the profile's specialties and the candidate's. */
function specialtyReason(profile: MatchProfile, candidate: MatchCandidate): Reason | null {
  let best: Reason | null = null;
  const consider = (tier: SpecialtyTier, code: string) => {
    const points = weights.specialty[tier];
    if (!best || points > best.points) best = { criterion: "specialty", tier, code, points };
  };
  for (const mine of profile.specialties) {
    for (const theirs of candidate.specialties) {
      if (mine.code === theirs.code) consider("same", theirs.code);
      else if (mine.classDomain === theirs.classDomain) consider("sameClass", theirs.classDomain);
      else if (mine.groupDomain === theirs.groupDomain) consider("sameGroup", theirs.groupDomain);
    }
  }
  return best;
}

/** The school's region tiers by level, best first: a candidate gets the first level at which its code equals the profile's. */
const regionLevels = ["county", "city", "province"] as const satisfies (keyof RegionRef & RegionTier)[];

/**
 * The region tier: one of the profile's preferred regions (at any level) first, then the school's county, city
 * and province, then a province bordering the school's.
 */
export function regionReason(profile: MatchProfile, region: RegionRef): Reason | null {
  const steps = profile.regionWeights ?? weights.region;
  const preferred = profile.preferredRegions.find((c) => c === region.county || c === region.city || c === region.province);
  if (preferred) return { criterion: "region", tier: "preferred", code: preferred, points: steps.preferred };
  const mine = profile.region;
  if (!mine) return null;
  for (const level of regionLevels) if (mine[level] === region[level]) return { criterion: "region", tier: level, code: region[level], points: steps[level] };
  if (neighbouringProvinces(mine.province).includes(region.province)) return { criterion: "region", tier: "neighbourProvince", code: region.province, points: steps.neighbourProvince };
  return null;
}

export function scoreMatch(profile: MatchProfile, candidate: MatchCandidate, now: number): MatchScore {
  const reasons: Reason[] = [];
  const specialty = specialtyReason(profile, candidate);
  if (specialty) reasons.push(specialty);
  const region = regionReason(profile, candidate.region);
  if (region) reasons.push(region);
  const division = candidate.industryDivision;
  if (division && profile.primaryDivisions.has(division)) reasons.push({ criterion: "industry", tier: "primary", code: division, points: weights.industry.primary });
  else if (division && profile.relatedDivisions.has(division)) reasons.push({ criterion: "industry", tier: "related", code: division, points: weights.industry.related });
  if (profile.stage && candidate.kind) {
    const points = kindPoints(profile.stage, candidate.kind);
    if (points > 0) reasons.push({ criterion: "kind", stage: profile.stage, kind: candidate.kind, points });
  }
  if (candidate.publishedAt !== null) {
    const days = Math.max(0, Math.floor((now - candidate.publishedAt) / 86_400_000));
    const points = Math.round(weights.freshness.max * Math.max(0, 1 - days / weights.freshness.days) * 10) / 10;
    if (points > 0) reasons.push({ criterion: "freshness", days, points });
  }
  if (candidate.openSeats !== null && candidate.openSeats > 0) {
    const points = Math.round(weights.seats.max * Math.min(1, candidate.openSeats / weights.seats.full) * 10) / 10;
    reasons.push({ criterion: "seats", seats: candidate.openSeats, points });
  }
  return { score: Math.round(reasons.reduce((a, r) => a + r.points, 0) * 10) / 10, reasons };
}

/**
 * The order among equal scores, explained and stable: nearer first (the region points), then higher pay, then
 * more seats, then newer; the posting's rowid last. Packed with the score into one integer key (the index's
 * and SQL's sort key and cursor): score in tenths, then region points (5 bits), pay in yuan up to 16,383
 * (14 bits), seats up to 255 (8 bits) and the publication day since 2020 (15 bits). All below 2^52, so a
 * key less `barredKeyOffset` stays an exact double.
 */
export const tieBreak = { payCap: 16_383, seatsCap: 255, dayCap: 32_767, epochDay: 18_262 } as const;
const tieBits = 2 ** 42;
export const barredKeyOffset = 2 ** 52;

/** The sort key of a score (in tenths) and its tie-breakers. */
export function rankKey(scoreTenths: number, regionPoints: number, pay: number | null, seats: number | null, publishedAt: number | null): number {
  const p = Math.min(tieBreak.payCap, Math.max(0, pay ?? 0));
  const q = Math.min(tieBreak.seatsCap, Math.max(0, seats ?? 0));
  const d = publishedAt === null ? 0 : Math.min(tieBreak.dayCap, Math.max(0, Math.floor(publishedAt / 86_400_000) - tieBreak.epochDay));
  return scoreTenths * tieBits + ((regionPoints * 16_384 + p) * 256 + q) * 32_768 + d;
}

/** The score (in tenths) a rank key was made from. */
export function scoreTenthsOfKey(key: number): number {
  return Math.floor(key / tieBits);
}
