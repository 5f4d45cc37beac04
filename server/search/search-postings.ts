import type { z } from "zod";
import type { Db } from "../../db/create";
import { explanationNames, postingCards } from "../../db/queries/search";
import { scoreMatch, type MatchProfile, type Reason } from "../matching/score";
import type { searchPostingsInput } from "../schemas/search";
import { postingIndexFor, type Cursor, type Eligibility, type SearchFilters, type SortOrder } from "./posting-index";

export type Explanation = Reason & { name: string };

/**
 * Searches or matches postings: the index finds and orders the page; the page's cards are read from
 * the database and, with a profile, explained (which criteria matched, each with its points and the name
 * of what matched).
 */
export async function findPostings(
  db: Db,
  args: { filters: SearchFilters; sort: SortOrder; profile: MatchProfile | null; eligibility?: Eligibility | null; cursor?: Cursor | null; limit: number; now?: number; counts?: boolean; distinctOrganisations?: boolean },
) {
  const now = args.now ?? Date.now();
  const index = await postingIndexFor(db);
  const result = await index.search(db, { ...args, now });
  const cards = await postingCards(db, result.hits.map((h) => h.rowid));
  const scored = cards.map((card) => {
    const match = args.profile
      ? scoreMatch(
          args.profile,
          {
            specialties: card.specialties,
            region: { county: card.regionCode, city: card.cityCode, province: card.provinceCode },
            industryDivision: card.industryDivision,
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
    divisions: reasons.flatMap((r) => (r.criterion === "industry" || (r.criterion === "specialty" && r.tier.startsWith("mapped")) ? [r.code] : [])),
    domains: reasons.flatMap((r) => (r.criterion === "specialty" && (r.tier === "sameClass" || r.tier === "sameGroup") ? [r.code] : [])),
  });
  const nameOf = (r: Reason): string => {
    if (r.criterion === "region") return names.region.get(r.code) ?? r.code;
    if (r.criterion === "industry") return names.division.get(r.code) ?? r.code;
    if (r.criterion === "specialty") {
      if (r.tier === "same") return specialtyName(r.code) ?? r.code;
      if (r.tier === "mappedPrimary" || r.tier === "mappedRelated") return names.division.get(r.code) ?? r.code;
      return names.domain.get(r.code) ?? r.code;
    }
    return "";
  };
  return lists.map((list) => list.map((r) => ({ ...r, name: nameOf(r) })));
}
