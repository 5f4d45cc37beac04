import type { Db } from "../../db/create";
import { postingKinds, type PostingKind } from "../../db/schema-enums";
import { weights, type MatchProfile } from "../matching/score";
import { ftsQuery } from "./text";

/**
 * An in-memory, column-oriented index of published postings, for search and matching at national scale.
 * SQLite stays the source of truth; the index loads once per process, then before every query reads the
 * rows changed since it last looked (an indexed `updated_at` range), so writes from any process show up.
 * A query is one pass over typed arrays: filters are lookup tables over code dictionaries, counts and
 * facets are gathered on the way, and only the page is kept (a bounded insertion list on a keyset).
 */

const dayMs = 86_400_000;
const toDay = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / dayMs);

class Dictionary {
  readonly codes: string[] = [];
  private readonly index = new Map<string, number>();
  id(code: string): number {
    let i = this.index.get(code);
    if (i === undefined) {
      i = this.codes.length;
      this.codes.push(code);
      this.index.set(code, i);
    }
    return i;
  }
  get(code: string) {
    return this.index.get(code);
  }
  get size() {
    return this.codes.length;
  }
  /** A lookup table: 1 for every code the predicate accepts. */
  table(accept: (code: string) => boolean): Uint8Array {
    const t = new Uint8Array(this.codes.length);
    this.codes.forEach((c, i) => (t[i] = accept(c) ? 1 : 0));
    return t;
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2, 1024));
  next.set(array);
  return next;
}

export interface SearchFilters {
  query?: string;
  regionCode?: string;
  industryCode?: string;
  specialtyCode?: string;
  kinds?: PostingKind[];
  payMin?: number;
  payMax?: number;
  startFrom?: string;
  startTo?: string;
  minSeats?: number;
  organisationId?: string;
}

export type SortOrder = "relevance" | "newest" | "pay";

/** What makes a student ineligible for a placement internship (thresholds from server/compliance). */
export interface Eligibility {
  /** Earliest start date (YYYY-MM-DD) at which the student is past year one and 16. */
  earliestPlacementStart: string;
  /** The student's 18th birthday: before it, work forbidden to minors is out. */
  adultFrom: string;
  /** The student's level-independent specialty group: placements outside it are left out. */
  group: string;
}

export interface Cursor {
  key: number;
  rowid: number;
}

export interface SearchResult {
  hits: { rowid: number; key: number; score: number | null }[];
  total: number;
  nextCursor: Cursor | null;
  facets: { kind: Record<string, number>; province: Record<string, number>; division: Record<string, number> };
}

/** The columns the index keeps, in the order apply() reads them. */
const postingColumns = `rowid, id, organisation_id, kind, status, region_code, city_code, province_code, industry_code, industry_division, monthly_pay, quantity,
  apply_by, start_date, published_at, updated_at, coalesce(json_extract(details, '$.forbiddenForMinors'), 0) as minors`;

const kindIndex = new Map(postingKinds.map((k, i) => [k, i]));
const placementKind = kindIndex.get("placement_internship")!;

export class PostingIndex {
  private size = 0;
  private lastUpdatedAt = 0;
  readonly regions = new Dictionary();
  readonly industries = new Dictionary();
  readonly specialties = new Dictionary();
  readonly organisations = new Dictionary();
  private readonly posOfRowid = new Map<number, number>();
  private posTable = new Int32Array(0);
  private posTableDirty = true;

  private rowid = new Int32Array(0);
  private alive = new Uint8Array(0);
  private kind = new Uint8Array(0);
  private county = new Int32Array(0);
  private city = new Int32Array(0);
  private province = new Int32Array(0);
  private industry = new Int32Array(0);
  private division = new Int32Array(0);
  private org = new Int32Array(0);
  private pay = new Int32Array(0);
  private seats = new Int32Array(0);
  private applyBy = new Int32Array(0);
  private start = new Int32Array(0);
  private minorsForbidden = new Uint8Array(0);
  private published = new Float64Array(0);
  private updated = new Float64Array(0);
  private specStart = new Int32Array(0);
  private specCount = new Uint8Array(0);
  private specStore = new Int32Array(0);
  private specUsed = 0;
  /** Per specialty dictionary entry: its level-independent class and group, as dictionary ids. */
  private specClass = new Int32Array(0);
  private specGroup = new Int32Array(0);
  readonly domains = new Dictionary();

  /** industry code → 门类 (section) letter; specialty code → level-independent domain key (from the reference tables). */
  private sectionOfIndustry = new Map<string, string>();
  private domainOfSpecialty = new Map<string, string>();

  /** Builds the index from the database. */
  static load(db: Db): PostingIndex {
    const index = new PostingIndex();
    index.sectionOfIndustry = new Map(db.$client.prepare("select code, section_code from industries").raw().all() as [string, string][]);
    index.domainOfSpecialty = new Map(db.$client.prepare("select code, domain_code from specialties").raw().all() as [string, string][]);
    index.loadPublished(db);
    index.refresh(db);
    return index;
  }

  get count() {
    return this.size;
  }

  /**
   * First load: streams the published postings and their specialties, both in rowid order, in one read
   * transaction (a consistent snapshot), so a million rows never sit in memory as row objects.
   */
  private loadPublished(db: Db) {
    const client = db.$client;
    client.transaction(() => {
      this.lastUpdatedAt = (client.prepare("select coalesce(max(updated_at), 0) from postings").pluck().get() as number) ?? 0;
      const specs = client
        .prepare("select p.rowid, ps.specialty_code, ps.class_domain from postings p join posting_specialties ps on ps.posting_id = p.id where p.status = 'published' order by p.rowid")
        .raw()
        .iterate() as IterableIterator<[number, string, string]>;
      let pending = specs.next();
      const rows = client.prepare(`select ${postingColumns} from postings where status = 'published' order by rowid`).raw().iterate() as IterableIterator<unknown[]>;
      for (const r of rows) {
        const rowid = r[0] as number;
        const list: [string, string][] = [];
        while (!pending.done && pending.value[0] < rowid) pending = specs.next();
        while (!pending.done && pending.value[0] === rowid) {
          list.push([pending.value[1], pending.value[2]]);
          pending = specs.next();
        }
        this.apply(r, list);
      }
      if (!pending.done) specs.return?.();
    })();
    this.posTableDirty = true;
  }

  /** Applies every posting written since the last look; cheap when nothing changed. */
  refresh(db: Db) {
    const rows = db.$client
      .prepare(
        `select ${postingColumns} from postings where updated_at >= ? order by updated_at`,
      )
      .raw()
      .all(this.lastUpdatedAt) as unknown[][];
    if (rows.length === 0) return;
    const changed = rows.filter((r) => {
      const pos = this.posOfRowid.get(r[0] as number);
      return pos === undefined || this.updated[pos] !== (r[15] as number);
    });
    if (changed.length === 0) return;
    this.posTableDirty = true;
    const specs = this.specialtiesOf(db, changed.map((r) => r[1] as string));
    for (const r of changed) this.apply(r, specs.get(r[1] as string) ?? []);
    this.lastUpdatedAt = Math.max(this.lastUpdatedAt, ...rows.slice(-1).map((r) => r[15] as number));
  }

  private specialtiesOf(db: Db, ids: string[]) {
    const out = new Map<string, [string, string][]>();
    const rows = db.$client
      .prepare("select posting_id, specialty_code, class_domain from posting_specialties where posting_id in (select value from json_each(?))")
      .raw()
      .all(JSON.stringify(ids)) as [string, string, string][];
    for (const [id, code, classDomain] of rows) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push([code, classDomain]);
    }
    return out;
  }

  private apply(r: unknown[], specs: [string, string][]) {
    const rowid = r[0] as number;
    const old = this.posOfRowid.get(rowid);
    if (old !== undefined) this.alive[old] = 0;
    if (r[4] !== "published") {
      this.posOfRowid.delete(rowid);
      return;
    }
    const i = this.size++;
    this.ensure(this.size);
    this.posOfRowid.set(rowid, i);
    this.rowid[i] = rowid;
    this.alive[i] = 1;
    this.org[i] = this.organisations.id(r[2] as string);
    this.kind[i] = kindIndex.get(r[3] as PostingKind) ?? 0;
    this.county[i] = this.regions.id(r[5] as string);
    this.city[i] = this.regions.id(r[6] as string);
    this.province[i] = this.regions.id(r[7] as string);
    this.industry[i] = this.industries.id(r[8] as string);
    this.division[i] = this.industries.id(r[9] as string);
    this.pay[i] = (r[10] as number | null) ?? -1;
    this.seats[i] = r[11] as number;
    this.applyBy[i] = toDay(r[12] as string);
    this.start[i] = toDay(r[13] as string);
    this.published[i] = (r[14] as number | null) ?? 0;
    this.updated[i] = r[15] as number;
    this.minorsForbidden[i] = r[16] ? 1 : 0;
    this.specStart[i] = this.specUsed;
    this.specCount[i] = specs.length;
    this.specStore = grow(this.specStore, this.specUsed + specs.length);
    for (const [code, classDomain] of specs) {
      const s = this.specialties.id(code);
      this.specClass = grow(this.specClass, s + 1);
      this.specGroup = grow(this.specGroup, s + 1);
      this.specClass[s] = this.domains.id(classDomain);
      this.specGroup[s] = this.domains.id(classDomain.slice(0, 2));
      this.specStore[this.specUsed++] = s;
    }
  }

  private ensure(n: number) {
    if (this.rowid.length >= n) return;
    this.rowid = grow(this.rowid, n);
    this.alive = grow(this.alive, n);
    this.kind = grow(this.kind, n);
    this.county = grow(this.county, n);
    this.city = grow(this.city, n);
    this.province = grow(this.province, n);
    this.industry = grow(this.industry, n);
    this.division = grow(this.division, n);
    this.org = grow(this.org, n);
    this.pay = grow(this.pay, n);
    this.seats = grow(this.seats, n);
    this.applyBy = grow(this.applyBy, n);
    this.start = grow(this.start, n);
    this.minorsForbidden = grow(this.minorsForbidden, n);
    this.published = grow(this.published, n);
    this.updated = grow(this.updated, n);
    this.specStart = grow(this.specStart, n);
    this.specCount = grow(this.specCount, n);
  }

  /** Rowids of postings whose text matches, as a mask over index positions; null when there is no text query. */
  private textMask(db: Db, query: string | undefined): Uint8Array | null | "none" {
    if (!query?.trim()) return null;
    const match = ftsQuery(query);
    if (!match) return "none";
    const mask = new Uint8Array(this.size);
    // A flat rowid → position table: the FTS hit list can be tens of thousands long.
    if (this.posTableDirty) {
      let max = 0;
      for (const r of this.posOfRowid.keys()) if (r > max) max = r;
      this.posTable = new Int32Array(max + 1).fill(-1);
      for (const [r, pos] of this.posOfRowid) this.posTable[r] = pos;
      this.posTableDirty = false;
    }
    const table = this.posTable;
    const rowids = db.$client.prepare("select rowid from posting_search where posting_search match ?").raw().pluck().all(match) as number[];
    for (const rowid of rowids) {
      const pos = rowid < table.length ? table[rowid]! : -1;
      if (pos >= 0) mask[pos] = 1;
    }
    return mask;
  }

  /**
   * One pass over the index. With a profile, every match gets the matching score (the same sum as
   * scoreMatch, computed from lookup tables); with an eligibility, placements the student may not
   * take are left out. Returns the page after `cursor` in the chosen order, the total and facet counts.
   */
  search(db: Db, args: { filters: SearchFilters; sort: SortOrder; profile?: MatchProfile | null; eligibility?: Eligibility | null; now: number; cursor?: Cursor | null; limit: number }): SearchResult {
    const { filters, limit } = args;
    const today = Math.floor((args.now + 8 * 3600_000) / dayMs); // the day in China
    const text = this.textMask(db, filters.query);
    const facets: SearchResult["facets"] = { kind: {}, province: {}, division: {} };
    if (text === "none") return { hits: [], total: 0, nextCursor: null, facets };

    const regionTable = filters.regionCode ? this.regionFilter(filters.regionCode) : null;
    const industryFilter = filters.industryCode;
    const industryTable = industryFilter
      ? this.industries.table((c) => (/^[A-T]$/.test(industryFilter) ? this.sectionOfIndustry.get(c) === industryFilter : c.startsWith(industryFilter)))
      : null;
    const specialtyTable = filters.specialtyCode ? this.specialtyFilter(filters.specialtyCode) : null;
    const kindTable = filters.kinds?.length ? new Uint8Array(postingKinds.map((k) => (filters.kinds!.includes(k) ? 1 : 0))) : null;
    const orgId = filters.organisationId ? (this.organisations.get(filters.organisationId) ?? -2) : -1;
    const payMin = filters.payMin ?? -Infinity;
    const payMax = filters.payMax ?? Infinity;
    const payFiltered = filters.payMin !== undefined || filters.payMax !== undefined;
    const startFrom = filters.startFrom ? toDay(filters.startFrom) : -Infinity;
    const startTo = filters.startTo ? toDay(filters.startTo) : Infinity;
    const minSeats = filters.minSeats ?? 0;
    const scorer = args.profile ? this.fastScorer(args.profile, args.now) : null;
    const elig = args.eligibility
      ? { earliest: toDay(args.eligibility.earliestPlacementStart), adult: toDay(args.eligibility.adultFrom), group: this.domains.get(args.eligibility.group) ?? -3 }
      : null;
    const sort = args.sort === "relevance" && !scorer ? "newest" : args.sort;
    const cursor = args.cursor ?? null;

    const kindCounts = new Int32Array(postingKinds.length);
    const provinceCounts = new Int32Array(this.regions.size);
    const divisionCounts = new Int32Array(this.industries.size);
    const page: { pos: number; key: number; rowid: number; score: number | null }[] = [];
    let total = 0;

    for (let i = 0; i < this.size; i++) {
      if (!this.alive[i] || this.applyBy[i]! < today) continue;
      if (text && !text[i]) continue;
      if (kindTable && !kindTable[this.kind[i]!]) continue;
      if (regionTable && !regionTable[this.county[i]!] && !regionTable[this.city[i]!] && !regionTable[this.province[i]!]) continue;
      if (industryTable && !industryTable[this.industry[i]!]) continue;
      if (orgId !== -1 && this.org[i] !== orgId) continue;
      if (payFiltered && (this.pay[i]! < 0 || this.pay[i]! < payMin || this.pay[i]! > payMax)) continue;
      if (this.start[i]! < startFrom || this.start[i]! > startTo || this.seats[i]! < minSeats) continue;
      const s0 = this.specStart[i]!;
      const s1 = s0 + this.specCount[i]!;
      if (specialtyTable) {
        let any = false;
        for (let s = s0; s < s1; s++) if (specialtyTable[this.specStore[s]!]) any = true;
        if (!any) continue;
      }
      if (elig && this.kind[i] === placementKind) {
        if (this.start[i]! < elig.earliest) continue;
        if (this.minorsForbidden[i] && this.start[i]! < elig.adult) continue;
        let inGroup = s1 === s0;
        for (let s = s0; s < s1; s++) if (this.specGroup[this.specStore[s]!] === elig.group) inGroup = true;
        if (!inGroup) continue;
      }

      total++;
      kindCounts[this.kind[i]!]!++;
      provinceCounts[this.province[i]!]!++;
      divisionCounts[this.division[i]!]!++;

      const score = scorer ? scorer(i, s0, s1) : null;
      const key = sort === "relevance" ? score! : sort === "pay" ? this.pay[i]! : this.published[i]!;
      const rowid = this.rowid[i]!;
      if (cursor && (key > cursor.key || (key === cursor.key && rowid >= cursor.rowid))) continue;
      if (page.length > limit && (key < page[limit]!.key || (key === page[limit]!.key && rowid < page[limit]!.rowid))) continue;
      // Insert in order (key desc, rowid desc), keeping limit + 1 entries to know whether more follow.
      let at = page.length;
      while (at > 0 && (page[at - 1]!.key < key || (page[at - 1]!.key === key && page[at - 1]!.rowid < rowid))) at--;
      page.splice(at, 0, { pos: i, key, rowid, score });
      if (page.length > limit + 1) page.pop();
    }

    postingKinds.forEach((k, i) => kindCounts[i] && (facets.kind[k] = kindCounts[i]!));
    provinceCounts.forEach((n, i) => n && (facets.province[this.regions.codes[i]!] = n));
    divisionCounts.forEach((n, i) => n && (facets.division[this.industries.codes[i]!] = n));
    const more = page.length > limit;
    const hits = page.slice(0, limit);
    const last = hits.at(-1);
    return {
      hits: hits.map((h) => ({ rowid: h.rowid, key: h.key, score: h.score })),
      total,
      nextCursor: more && last ? { key: last.key, rowid: last.rowid } : null,
      facets,
    };
  }

  private regionFilter(code: string): Uint8Array {
    // A province (xx0000) or city (xxxx00) code includes everything under it; a county only itself.
    return this.regions.table((c) => c === code);
  }

  /** Specialty filter at any level: a 专业 by its code, a 专业类 (4 digits) or 专业大类 (2) by its level-independent key. */
  private specialtyFilter(code: string): Uint8Array {
    const table = new Uint8Array(this.specialties.size);
    if (code.length >= 6) {
      const id = this.specialties.get(code);
      if (id !== undefined) table[id] = 1;
      return table;
    }
    const target = this.domains.get(this.domainOfSpecialty.get(code) ?? "");
    for (let s = 0; s < this.specialties.size; s++) {
      const key = code.length === 4 ? this.specClass[s] : this.specGroup[s];
      if (key === target) table[s] = 1;
    }
    return table;
  }

  /**
   * The matching score as lookup tables for one profile; must equal scoreMatch's total (tested).
   * Tiers are taken as the best single reason per criterion, as scoreMatch does.
   */
  private fastScorer(profile: MatchProfile, now: number) {
    const w = weights;
    const specPoints = new Float64Array(this.specialties.size);
    for (let s = 0; s < this.specialties.size; s++) {
      let best = 0;
      for (const mine of profile.specialties) {
        const code = this.specialties.codes[s]!;
        const p = mine.code === code ? w.specialty.same : this.domains.codes[this.specClass[s]!] === mine.classDomain ? w.specialty.sameClass : this.domains.codes[this.specGroup[s]!] === mine.groupDomain ? w.specialty.sameGroup : 0;
        if (p > best) best = p;
      }
      specPoints[s] = best;
    }
    const divSpec = new Float64Array(this.industries.size);
    const divIndustry = new Float64Array(this.industries.size);
    this.industries.codes.forEach((c, i) => {
      if (profile.primaryDivisions.has(c)) {
        divSpec[i] = w.specialty.mappedPrimary;
        divIndustry[i] = w.industry.primary;
      } else if (profile.relatedDivisions.has(c)) {
        divSpec[i] = w.specialty.mappedRelated;
        divIndustry[i] = w.industry.related;
      }
    });
    const mine = profile.region;
    const preferred = new Set(profile.preferredRegions);
    const regionIdx = (c: string | undefined) => (c ? (this.regions.get(c) ?? -5) : -5);
    const myCounty = regionIdx(mine?.county);
    const myCity = regionIdx(mine?.city);
    const myProvince = regionIdx(mine?.province);
    const preferredTable = this.regions.table((c) => preferred.has(c));
    return (i: number, s0: number, s1: number) => {
      let spec = divSpec[this.division[i]!]!;
      for (let s = s0; s < s1; s++) if (specPoints[this.specStore[s]!]! > spec) spec = specPoints[this.specStore[s]!]!;
      const county = this.county[i]!;
      const city = this.city[i]!;
      const province = this.province[i]!;
      const region =
        county === myCounty ? w.region.county : city === myCity ? w.region.city : province === myProvince ? w.region.province : preferredTable[county] || preferredTable[city] || preferredTable[province] ? w.region.preferred : 0;
      const days = Math.max(0, Math.floor((now - this.published[i]!) / dayMs));
      const fresh = Math.round(w.freshness.max * Math.max(0, 1 - days / w.freshness.days) * 10) / 10;
      const seats = this.seats[i]! > 0 ? Math.round(w.seats.max * Math.min(1, this.seats[i]! / w.seats.full) * 10) / 10 : 0;
      return Math.round((spec + region + divIndustry[this.division[i]!]! + fresh + seats) * 10) / 10;
    };
  }
}

let shared: { index: PostingIndex; db: Db } | undefined;

/** The process's index for a database, loaded on first use and refreshed before every query. */
export function postingIndexFor(db: Db): PostingIndex {
  if (!shared || shared.db !== db) shared = { index: PostingIndex.load(db), db };
  else shared.index.refresh(db);
  return shared.index;
}
