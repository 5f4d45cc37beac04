/**
 * Matching scores: how well a counterpart fits a profile, by specialty, region and industry, plus
 * freshness and open seats. Pure and synchronous: the search index calls it for every candidate.
 * Every score carries its explanation as data, shown in the UI as chips.
 */

/**
 * The weights, in one place. A perfect specialty match outweighs a perfect region match because a
 * placement outside the student's specialty is against the rules, while distance is a preference.
 *   specialty: same 专业 40 > same 专业类 (across levels) 30 > class mapped to the posting's industry in the
 *              specialty→industry map, primary 22 / related 14 > same 专业大类 8
 *   region:    same county 25 > same city 20 > same province 12 > a declared preferred region 10
 *   industry:  the posting's 大类 among the profile's mapped industries, primary 10 / related 5
 *   freshness: up to 10, falling linearly to 0 over 90 days since publication
 *   seats:     up to 5, reached at 10 open seats
 */
export const weights = {
  specialty: { same: 40, sameClass: 30, mappedPrimary: 22, mappedRelated: 14, sameGroup: 8 },
  region: { county: 25, city: 20, province: 12, preferred: 10 },
  industry: { primary: 10, related: 5 },
  freshness: { max: 10, days: 90 },
  seats: { max: 5, full: 10 },
} as const;

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
}

/** What is being ranked: a posting, or an organisation summarised as one. */
export interface MatchCandidate {
  specialties: SpecialtyRef[];
  region: RegionRef;
  industryDivision: string | null;
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
  if (candidate.industryDivision) {
    if (profile.primaryDivisions.has(candidate.industryDivision)) consider("mappedPrimary", candidate.industryDivision);
    else if (profile.relatedDivisions.has(candidate.industryDivision)) consider("mappedRelated", candidate.industryDivision);
  }
  return best;
}

/** The region tiers by level, best first: a candidate gets the first level at which its code equals the profile's. */
const regionLevels = ["county", "city", "province"] as const satisfies (keyof RegionRef & RegionTier)[];

export function regionReason(profile: MatchProfile, region: RegionRef): Reason | null {
  const mine = profile.region;
  if (mine) {
    for (const level of regionLevels) if (mine[level] === region[level]) return { criterion: "region", tier: level, code: region[level], points: weights.region[level] };
  }
  const preferred = profile.preferredRegions.find((c) => c === region.county || c === region.city || c === region.province);
  return preferred ? { criterion: "region", tier: "preferred", code: preferred, points: weights.region.preferred } : null;
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
