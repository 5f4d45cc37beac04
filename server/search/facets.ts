import type { Db } from "../../db/create";
import { explanationNames } from "../../db/queries/search";
import { citiesAround, specialtyGroupCodes } from "../../db/queries/search-page";
import { postingKinds } from "../../db/schema-enums";
import type { Eligibility, PostingIndex, SearchFilters, SearchResult } from "./posting-index";
import { indexOrWarmingUp, searchBySql } from "./search-postings";

/** One value of a facet: the code its link filters by, its name and how many postings the search would then find. */
export interface FacetValue {
  code: string;
  name: string;
  count: number;
}

export interface SearchFacets {
  kind: FacetValue[];
  /** Provinces, while no region is chosen. */
  province: FacetValue[];
  /** With a region chosen: its province, and that province's cities (each counted as if chosen instead). */
  chosenProvince: FacetValue | null;
  city: FacetValue[];
  /** Industry divisions (大类) of the results. */
  division: FacetValue[];
  /** Specialty groups (专业大类), each counted as if chosen instead of the chosen specialty. */
  specialty: FacetValue[];
}

/**
 * How many postings a search finds, by the engine that answers searches (the index, or SQL while it loads), so
 * that a facet's count is what clicking it shows. Barred postings count unless the eligibility leaves them out.
 */
async function countPostings(db: Db, index: PostingIndex | null, filters: SearchFilters, eligibility: Eligibility | null, now: number): Promise<number> {
  const args = { filters, sort: "newest" as const, profile: null, eligibility, now, cursor: null, limit: 1, counts: true };
  return index ? (await index.search(db, args)).total : (await searchBySql(db, args)).total;
}

const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.code.localeCompare(b.code);

/**
 * The search page's facets. Kinds, provinces and divisions come with the search's own counts (the index and SQL
 * gather them on the way); cities and specialty groups are counted one value at a time with the other filters
 * kept, by the same engine (a province has a few dozen cities; the catalogue has some twenty groups).
 */
export async function searchFacets(
  db: Db,
  args: { filters: SearchFilters; eligibility: Eligibility | null; counted: SearchResult["facets"]; now: number },
): Promise<SearchFacets> {
  const { filters, eligibility, counted, now } = args;
  // The index once for every count (each fetch would look for changes to apply first).
  const index = await indexOrWarmingUp(db);
  const count = (changes: Partial<SearchFilters>) => countPostings(db, index, { ...filters, ...changes }, eligibility, now);
  const around = filters.regionCode ? await citiesAround(db, filters.regionCode) : null;
  const cities = around ? await Promise.all(around.cities.map(async (code) => ({ code, count: await count({ regionCode: code }) }))) : [];
  const groups = await specialtyGroupCodes(db);
  const groupCounts = await Promise.all(groups.map(async (g) => ({ code: g.code, domain: g.domain, count: await count({ specialtyCode: g.code }) })));
  const provinceCount = around ? await count({ regionCode: around.province }) : 0;
  const names = await explanationNames(db, {
    regions: [...Object.keys(counted.province), ...cities.map((c) => c.code), ...(around ? [around.province] : [])],
    divisions: Object.keys(counted.division),
    domains: groups.map((g) => g.domain),
  });
  const values = (entries: [string, number][], nameOf: (code: string) => string | undefined) =>
    entries.filter(([, n]) => n > 0).map(([code, n]) => ({ code, name: nameOf(code) ?? code, count: n })).sort(byCount);
  return {
    kind: postingKinds.filter((k) => counted.kind[k]).map((k) => ({ code: k, name: k, count: counted.kind[k]! })),
    province: around ? [] : values(Object.entries(counted.province), (c) => names.region.get(c)),
    chosenProvince: around ? { code: around.province, name: names.region.get(around.province) ?? around.province, count: provinceCount } : null,
    city: values(cities.map((c) => [c.code, c.count]), (c) => names.region.get(c)),
    division: values(Object.entries(counted.division), (c) => names.division.get(c)),
    specialty: groupCounts.filter((g) => g.count > 0).map((g) => ({ code: g.code, name: names.domain.get(g.domain) ?? g.domain, count: g.count })).sort(byCount),
  };
}
