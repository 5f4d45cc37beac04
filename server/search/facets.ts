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

/** A search that only counts. Barred postings count unless the eligibility leaves them out. */
const countingArgs = (filters: SearchFilters, eligibility: Eligibility | null, now: number) => ({ filters, sort: "newest" as const, profile: null, eligibility, now, cursor: null, limit: 1, counts: true });

/** The counts of cities and specialty groups, each value as if chosen: what clicking its link shows. */
interface ValueCounts {
  /** With a region chosen: its province's total and its cities', with the region filter replaced. */
  province: { total: number; city: (code: string) => number } | null;
  group: (domain: string) => number;
}

/**
 * The index counts every value in the same pass: the province's postings by city (one pass, with the region
 * filter replaced by the province), and the postings without the specialty filter by group (one pass; one
 * for both when the two searches are the same).
 */
async function countByIndex(db: Db, index: PostingIndex, filters: SearchFilters, province: string | null, eligibility: Eligibility | null, now: number): Promise<ValueCounts> {
  const { specialtyCode: _specialty, ...anySpecialty } = filters;
  const byGroup = (found: SearchResult) => (domain: string) => found.facets.group?.[domain] ?? 0;
  const inProvince = province ? { ...filters, regionCode: province } : null;
  if (inProvince && !filters.specialtyCode && filters.regionCode === province) {
    const found = await index.search(db, { ...countingArgs(inProvince, eligibility, now), buckets: { region: true, group: true } });
    return { province: { total: found.total, city: (code) => found.facets.region?.[code] ?? 0 }, group: byGroup(found) };
  }
  const cities = inProvince ? await index.search(db, { ...countingArgs(inProvince, eligibility, now), buckets: { region: true } }) : null;
  const groups = await index.search(db, { ...countingArgs(anySpecialty, eligibility, now), buckets: { group: true } });
  return { province: cities && { total: cities.total, city: (code) => cities.facets.region?.[code] ?? 0 }, group: byGroup(groups) };
}

/**
 * SQL (while the index loads) counts one value at a time with the other filters kept: a province has a few dozen
 * cities; the catalogue has some twenty groups.
 */
async function countBySql(db: Db, filters: SearchFilters, around: { province: string; cities: string[] } | null, groups: { code: string; domain: string }[], eligibility: Eligibility | null, now: number): Promise<ValueCounts> {
  const count = async (changes: Partial<SearchFilters>) => (await searchBySql(db, countingArgs({ ...filters, ...changes }, eligibility, now))).total;
  const byGroup = new Map(await Promise.all(groups.map(async (g) => [g.domain, await count({ specialtyCode: g.code })] as const)));
  const group = (domain: string) => byGroup.get(domain) ?? 0;
  if (!around) return { province: null, group };
  const cities = new Map(await Promise.all(around.cities.map(async (code) => [code, await count({ regionCode: code })] as const)));
  return { province: { total: await count({ regionCode: around.province }), city: (code) => cities.get(code) ?? 0 }, group };
}

const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.code.localeCompare(b.code);

/**
 * The search page's facets. Kinds, provinces and divisions come with the search's own counts (the index and SQL
 * gather them on the way); cities and specialty groups are counted as if chosen, by the same engine.
 */
export async function searchFacets(
  db: Db,
  args: { filters: SearchFilters; eligibility: Eligibility | null; counted: SearchResult["facets"]; now: number },
): Promise<SearchFacets> {
  const { filters, eligibility, counted, now } = args;
  // The index once for every count (each fetch would look for changes to apply first).
  const index = await indexOrWarmingUp(db);
  const around = filters.regionCode ? await citiesAround(db, filters.regionCode) : null;
  const groups = await specialtyGroupCodes(db);
  const counts = index ? await countByIndex(db, index, filters, around?.province ?? null, eligibility, now) : await countBySql(db, filters, around, groups, eligibility, now);
  const cities = around ? around.cities.map((code) => ({ code, count: counts.province!.city(code) })) : [];
  const groupCounts = groups.map((g) => ({ code: g.code, domain: g.domain, count: counts.group(g.domain) }));
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
    chosenProvince: around ? { code: around.province, name: names.region.get(around.province) ?? around.province, count: counts.province!.total } : null,
    city: values(cities.map((c) => [c.code, c.count]), (c) => names.region.get(c)),
    division: values(Object.entries(counted.division), (c) => names.division.get(c)),
    specialty: groupCounts.filter((g) => g.count > 0).map((g) => ({ code: g.code, name: names.domain.get(g.domain) ?? g.domain, count: g.count })).sort(byCount),
  };
}
