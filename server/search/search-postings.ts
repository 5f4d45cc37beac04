import type { z } from "zod";
import type { Db } from "../../db/create";
import { sqlSearch, type SqlScore, type SqlSearchResult } from "../../db/queries/naive-search";
import { explanationNames, postingCards } from "../../db/queries/search";
import type { PostingKind } from "../../db/schema-enums";
import { neighbouringProvinces, scoreMatch, tieBreak, weights, type MatchProfile, type Reason } from "../matching/score";
import { chinaDateOf } from "../schemas/accounts";
import type { searchPostingsInput } from "../schemas/search";
import { indexStateFor, loadedPostingIndexFor, postingIndexFor, type Cursor, type Eligibility, type PostingIndex, type SearchFilters, type SortOrder } from "./posting-index";
import { ftsQuery } from "./text";

export type Explanation = Reason & { name: string };

/**
 * Searches or matches postings: the index finds and orders the page (or, while it is still loading at
 * server start, SQL does: the same answer, slower); the page's cards are read from the database and, with
 * a profile, explained (which criteria matched, each with its points and the name of what matched).
 */
export async function findPostings(
  db: Db,
  args: { filters: SearchFilters; sort: SortOrder; profile: MatchProfile | null; eligibility?: Eligibility | null; cursor?: Cursor | null; limit: number; now?: number; counts?: boolean; distinctOrganisations?: boolean },
) {
  const now = args.now ?? Date.now();
  const index = await indexOrWarmingUp(db);
  const result = index ? await index.search(db, { ...args, now }) : await searchBySql(db, { ...args, now });
  const rowids = result.hits.map((h) => h.rowid);
  const cards = await postingCards(db, rowids, index?.specialtiesOfRowids(rowids));
  const scored = cards.map((card) => {
    const match = args.profile
      ? scoreMatch(
          args.profile,
          {
            specialties: card.specialties,
            region: { county: card.regionCode, city: card.cityCode, province: card.provinceCode },
            industryDivision: card.industryDivision,
            kind: card.kind,
            publishedAt: card.publishedAt,
            openSeats: card.quantity,
          },
          now,
        )
      : null;
    return { card, match };
  });
  const explanations = await explainReasons(
    db,
    scored.map((s) => s.match?.reasons ?? []),
    (code) => cards.flatMap((c) => c.specialties).find((sp) => sp.code === code)?.name,
  );
  return {
    items: scored.map(({ card, match }, i) => ({ ...card, score: match?.score ?? null, explanation: explanations[i] ?? [] })),
    total: result.total,
    nextCursor: result.nextCursor,
    facets: result.facets,
  };
}

export function filtersOf(input: z.output<typeof searchPostingsInput>): SearchFilters {
  const { sort: _sort, cursor: _cursor, limit: _limit, ...filters } = input;
  return filters;
}

/** Gives every reason the name of what matched (a specialty, class, region or industry), for the chips. */
export async function explainReasons(db: Db, lists: Reason[][], specialtyName: (code: string) => string | undefined): Promise<Explanation[][]> {
  const reasons = lists.flat();
  const names = await explanationNames(db, {
    regions: reasons.flatMap((r) => (r.criterion === "region" ? [r.code] : [])),
    divisions: reasons.flatMap((r) => (r.criterion === "industry" ? [r.code] : [])),
    domains: reasons.flatMap((r) => (r.criterion === "specialty" && (r.tier === "sameClass" || r.tier === "sameGroup") ? [r.code] : [])),
  });
  const nameOf = (r: Reason): string => {
    if (r.criterion === "region") return names.region.get(r.code) ?? r.code;
    if (r.criterion === "industry") return names.division.get(r.code) ?? r.code;
    if (r.criterion === "specialty") {
      if (r.tier === "same") return specialtyName(r.code) ?? r.code;
      return names.domain.get(r.code) ?? r.code;
    }
    return "";
  };
  return lists.map((list) => list.map((r) => ({ ...r, name: nameOf(r) })));
}

/**
 * The index when it is loaded. While it loads (started at server start by instrumentation.ts) null: the
 * caller answers from SQL instead of waiting. After a failed load, a new one starts in the background and
 * SQL answers meanwhile. With no load started yet (a script, a test), the load is started and awaited as before.
 */
export async function indexOrWarmingUp(db: Db): Promise<PostingIndex | null> {
  const state = indexStateFor(db);
  if (state === "absent") return postingIndexFor(db);
  if (state === "failed") retryLoad(db);
  return loadedPostingIndexFor(db);
}

/** Starts another load of the index after a failed one (not awaited: it is logged, and readiness shows it). */
export function retryLoad(db: Db) {
  postingIndexFor(db).catch((error: unknown) => console.error("search index load failed:", error));
}

/** A matching profile as SQL's score description: the weights in tenths (integers, as the index's keys). */
function sqlScoreOf(profile: MatchProfile): SqlScore {
  const tenths = (points: number) => Math.round(points * 10);
  return {
    specialtyCodes: [...new Set(profile.specialties.map((s) => s.code))],
    classDomains: [...new Set(profile.specialties.map((s) => s.classDomain))],
    groupDomains: [...new Set(profile.specialties.map((s) => s.groupDomain))],
    region: profile.region,
    preferredRegions: profile.preferredRegions,
    neighbourProvinces: profile.region ? [...neighbouringProvinces(profile.region.province)] : [],
    primaryDivisions: [...profile.primaryDivisions],
    relatedDivisions: [...profile.relatedDivisions],
    tenths: {
      same: tenths(weights.specialty.same),
      sameClass: tenths(weights.specialty.sameClass),
      sameGroup: tenths(weights.specialty.sameGroup),
      county: tenths(weights.region.county),
      city: tenths(weights.region.city),
      province: tenths(weights.region.province),
      neighbourProvince: tenths(weights.region.neighbourProvince),
      preferred: tenths(weights.region.preferred),
      industryPrimary: tenths(weights.industry.primary),
      industryRelated: tenths(weights.industry.related),
      freshness: tenths(weights.freshness.max),
      seats: tenths(weights.seats.max),
    },
    kindTenths: profile.stage ? Object.fromEntries(Object.entries(weights.kind[profile.stage]).map(([kind, points]) => [kind, tenths(points)])) : {},
    freshnessDays: weights.freshness.days,
    seatsFull: weights.seats.full,
    tieBreak,
  };
}

/** The index's search, answered by SQL (db/queries/naive-search.ts sqlSearch): same filters, order, keys and cursor. */
export async function searchBySql(
  db: Db,
  args: { filters: SearchFilters; sort: SortOrder; profile?: MatchProfile | null; eligibility?: Eligibility | null; cursor?: Cursor | null; limit: number; now: number; counts?: boolean; distinctOrganisations?: boolean },
): Promise<SqlSearchResult> {
  const { filters } = args;
  const empty: SqlSearchResult = { hits: [], total: 0, nextCursor: null, facets: { kind: {}, province: {}, division: {} } };
  // As the index: a query with nothing searchable left in it matches nothing; text is matched by its FTS parts.
  const ftsMatch = filters.query?.trim() ? ftsQuery(filters.query) : undefined;
  if (ftsMatch === null) return empty;
  return sqlSearch(
    db,
    { ...filters, query: ftsMatch ? filters.query : undefined, ftsMatch, today: chinaDateOf(args.now) },
    {
      sort: args.sort,
      score: args.profile ? sqlScoreOf(args.profile) : null,
      now: args.now,
      eligibility: args.eligibility ?? null,
      cursor: args.cursor ?? null,
      limit: args.limit,
      counts: args.counts !== false,
      distinctOrganisations: args.distinctOrganisations ?? false,
    },
  );
}

/** How many open postings of these kinds each organisation has: from the index, or from SQL while it loads. */
export async function openPostingCounts(db: Db, organisationIds: string[], kinds: readonly PostingKind[], now: number): Promise<Map<string, number>> {
  const index = await indexOrWarmingUp(db);
  if (index) return index.openPostingCounts(organisationIds, kinds, now);
  const counts = new Map(organisationIds.map((id) => [id, 0]));
  for (const id of organisationIds) {
    const found = await sqlSearch(db, { kinds: [...kinds], organisationId: id, today: chinaDateOf(now) }, { sort: "newest", score: null, now, eligibility: null, cursor: null, limit: 1, counts: true, distinctOrganisations: false });
    counts.set(id, found.total);
  }
  return counts;
}
