import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../create";
import { specialties } from "../schema";
import { onEngine, rawRows } from "../sql";
import { bigramMatch } from "./search";

export interface NaiveFilters {
  query?: string;
  regionCode?: string;
  industryCode?: string;
  specialtyCode?: string;
  kinds?: string[];
  payMin?: number;
  payMax?: number;
  today: string;
  /**
   * The query as an FTS5 MATCH expression over posting_search (server/search/text.ts ftsQuery): the careful
   * quick build's text search (on PostgreSQL, the same parts answered by the bigram GIN index). Without it,
   * text is matched with LIKE '%q%' (the slowest honest answer).
   */
  ftsMatch?: string;
  /** Only sqlSearch's callers (the index's other filters). */
  startFrom?: string;
  startTo?: string;
  minSeats?: number;
  organisationId?: string;
}

/**
 * The straightforward answer to a search, for comparison: one SQL statement that scans the postings
 * table (NOT INDEXED on SQLite) with LIKE for text (or, given `ftsMatch`, the FTS5 table; on PostgreSQL
 * the bigram index), newest first; a specialty filter scans posting_specialties once.
 * The benchmark measures it beside the index, and tests check that both give the same totals.
 */
export async function naiveSearch(db: Db, f: NaiveFilters, limit = 20): Promise<{ total: number; rowids: number[] }> {
  const notIndexed = onEngine(db, { sqlite: sql` not indexed`, postgres: sql`` });
  const clause = sql.join(await conditions(db, f, true), sql` and `);
  const [counted] = await rawRows<{ total: number }>(db, sql`select count(*) as total from postings p${notIndexed} where ${clause}`);
  const rows = await rawRows<{ rowid: number }>(db, sql`select p.rowid as rowid from postings p${notIndexed} where ${clause} order by p.published_at desc, p.rowid desc limit ${limit}`);
  return { total: Number(counted?.total ?? 0), rowids: rows.map((r) => r.rowid) };
}

/** The WHERE conditions of a search (alias p): admission and filters. `scan` keeps SQLite off the indexes (the naive benchmark). */
async function conditions(db: Db, f: NaiveFilters, scan: boolean): Promise<SQL[]> {
  const notIndexed = scan ? onEngine(db, { sqlite: sql` not indexed`, postgres: sql`` }) : sql``;
  const where: SQL[] = [sql`p.status = 'published'`, sql`cast(p.host_verified as integer) = 1`, sql`p.apply_by >= ${f.today}`];
  if (f.query && f.ftsMatch) {
    const ftsMatch = f.ftsMatch;
    where.push(
      onEngine(db, {
        sqlite: sql`p.rowid in (select rowid from posting_search where posting_search match ${ftsMatch})`,
        // Every part of the expression (`"…"` AND `"…"*` …), each as the index finds it.
        postgres: sql`p.rowid in (select rowid from postings where ${sql.join((ftsMatch.match(/"[^"]*"\*?/g) ?? []).map(bigramMatch), sql` and `)})`,
      }),
    );
  } else if (f.query) {
    // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's does not: ILIKE there.
    const like = onEngine(db, { sqlite: sql.raw("like"), postgres: sql.raw("ilike") });
    const q = `%${f.query}%`;
    where.push(sql`(p.title ${like} ${q} or p.description ${like} ${q})`);
  }
  if (f.regionCode) where.push(sql`(p.region_code = ${f.regionCode} or p.city_code = ${f.regionCode} or p.province_code = ${f.regionCode})`);
  if (f.industryCode) {
    if (/^[A-T]$/.test(f.industryCode)) where.push(sql`p.industry_code in (select code from industries where section_code = ${f.industryCode})`);
    else where.push(sql`p.industry_code like ${`${f.industryCode}%`}`);
  }
  if (f.specialtyCode) {
    const column = sql.raw(f.specialtyCode.length >= 6 ? "ps.specialty_code" : f.specialtyCode.length === 4 ? "ps.class_domain" : "ps.group_domain");
    // Resolve a group or class code to its level-independent key once, not per row.
    const domain =
      f.specialtyCode.length >= 6 ? f.specialtyCode : ((await db.select({ domain: specialties.domainCode }).from(specialties).where(eq(specialties.code, f.specialtyCode)).limit(1))[0]?.domain ?? "");
    // One pass over posting_specialties into a set, probed per posting (a correlated EXISTS let SQLite
    // drive it from the class index and re-read a whole class for every posting: minutes at 1M).
    where.push(sql`p.id in (select ps.posting_id from posting_specialties ps${notIndexed} where ${column} = ${domain})`);
  }
  if (f.kinds?.length) where.push(sql`p.kind in (${sql.join(f.kinds.map((k) => sql`${k}`), sql`, `)})`);
  if (f.payMin !== undefined) where.push(sql`p.monthly_pay >= ${f.payMin}`);
  if (f.payMax !== undefined) where.push(sql`p.monthly_pay <= ${f.payMax}`);
  if (f.startFrom) where.push(sql`p.start_date >= ${f.startFrom}`);
  if (f.startTo) where.push(sql`p.start_date <= ${f.startTo}`);
  if (f.minSeats) where.push(sql`p.quantity >= ${f.minSeats}`);
  if (f.organisationId) where.push(sql`p.organisation_id = ${f.organisationId}`);
  return where;
}

/** What the relevance score is made of, in tenths of a point (the index's keys), built by the server from a profile and the weights. */
export interface SqlScore {
  specialtyCodes: string[];
  classDomains: string[];
  groupDomains: string[];
  region: { county: string; city: string; province: string } | null;
  preferredRegions: string[];
  /** Provinces bordering the profile's (the region step below its own province). */
  neighbourProvinces: string[];
  primaryDivisions: string[];
  relatedDivisions: string[];
  /** Points ×10, integers: specialty same/sameClass/sameGroup, region preferred/county/city/province/neighbourProvince, industry primary/related, freshness max and seats max. */
  tenths: {
    same: number;
    sameClass: number;
    sameGroup: number;
    county: number;
    city: number;
    province: number;
    neighbourProvince: number;
    preferred: number;
    industryPrimary: number;
    industryRelated: number;
    freshness: number;
    seats: number;
  };
  /** Kind points ×10 for the student's stage, by posting kind (empty without a stage). */
  kindTenths: Record<string, number>;
  freshnessDays: number;
  seatsFull: number;
  /** The tie-break packed into the key with the score (server/matching/score.ts rankKey). */
  tieBreak: { payCap: number; seatsCap: number; dayCap: number; epochDay: number };
}

export interface SqlSearchOptions {
  sort: "newest" | "pay" | "relevance" | "applyBy";
  /** With it, every hit carries its score; with sort "relevance", hits are ordered by it. */
  score: SqlScore | null;
  now: number;
  /** A student's eligibility compiled from the compliance rules (server/matching/eligibility.ts), as the index reads it. */
  eligibility: { byKind: Partial<Record<string, { from: string; minorsFrom: string; sameGroup: boolean }>>; group: string; applied?: number[]; barred?: "out" | "last" } | null;
  cursor: { key: number; rowid: number } | null;
  limit: number;
  /** Total and facets (otherwise total is 0 and facets empty, as the index leaves them). */
  counts: boolean;
  distinctOrganisations: boolean;
}

export interface SqlSearchResult {
  hits: { rowid: number; key: number; score: number | null }[];
  total: number;
  nextCursor: { key: number; rowid: number } | null;
  facets: { kind: Record<string, number>; province: Record<string, number>; division: Record<string, number> };
}

const dayMs = 86_400_000;
/** What a barred posting's relevance key loses (as server/matching/score.ts barredKeyOffset, 2^52). */
const barredKeyOffset = 4503599627370496;

/** `expr in (values)`, or false for no values (an empty IN list is not SQL). */
function inList(expr: SQL, values: readonly string[]): SQL {
  return values.length ? sql`${expr} in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})` : sql`1 = 0`;
}

/**
 * The matching score in tenths, as the index computes it (server/matching/score.ts scoreMatch): the best
 * specialty tier, the best region tier (a preferred region, the school's county, city, province, a bordering
 * province), the industry points, the kind points for the student's stage, freshness by whole days and seats.
 * Every part is an integer number of tenths (freshness and seats rounded half up, as Math.round), so the sum
 * is exact. Also the region part alone, for the tie-break.
 */
function scoreTenths(db: Db, s: SqlScore, now: number): { score: SQL; region: SQL } {
  const t = s.tenths;
  const greatest = onEngine(db, { sqlite: sql.raw("max"), postgres: sql.raw("greatest") });
  const perSpecialty = sql`(select max(case when ${inList(sql`ps.specialty_code`, s.specialtyCodes)} then ${sql.raw(String(t.same))}
    when ${inList(sql`ps.class_domain`, s.classDomains)} then ${sql.raw(String(t.sameClass))}
    when ${inList(sql`substr(ps.class_domain, 1, 2)`, s.groupDomains)} then ${sql.raw(String(t.sameGroup))} else 0 end)
    from posting_specialties ps where ps.posting_id = p.id)`;
  const regionColumn = (column: string, own: string | undefined, points: number, near: string[] = []) =>
    sql`case when ${inList(sql.raw(column), s.preferredRegions)} then ${sql.raw(String(t.preferred))} ${own === undefined ? sql`` : sql`when ${sql.raw(column)} = ${own} then ${sql.raw(String(points))}`} when ${inList(sql.raw(column), near)} then ${sql.raw(String(t.neighbourProvince))} else 0 end`;
  const region = sql`${greatest}(${regionColumn("p.region_code", s.region?.county, t.county)}, ${regionColumn("p.city_code", s.region?.city, t.city)}, ${regionColumn("p.province_code", s.region?.province, t.province, s.neighbourProvinces)})`;
  const industry = sql`case when ${inList(sql`p.industry_division`, s.primaryDivisions)} then ${sql.raw(String(t.industryPrimary))}
    when ${inList(sql`p.industry_division`, s.relatedDivisions)} then ${sql.raw(String(t.industryRelated))} else 0 end`;
  const kinds = Object.entries(s.kindTenths).filter(([, n]) => n > 0);
  const kind = kinds.length ? sql`case ${sql.join(kinds.map(([k, n]) => sql`when p.kind = ${k} then ${sql.raw(String(n))}`), sql` `)} else 0 end` : sql`0`;
  // Integer arithmetic throughout (a bound number is a REAL on SQLite): whole days by truncation of a non-negative age.
  const age = sql`(cast(${Math.floor(now)} as bigint) - coalesce(${publishedMs(db)}, 0))`;
  const F = t.freshness;
  const D = s.freshnessDays;
  const fresh = sql`case when ${age} < 0 then ${sql.raw(String(F))} when ${age} / ${sql.raw(String(dayMs))} >= ${sql.raw(String(D))} then 0
    else (${sql.raw(String(2 * F))} * (${sql.raw(String(D))} - ${age} / ${sql.raw(String(dayMs))}) + ${sql.raw(String(D))}) / ${sql.raw(String(2 * D))} end`;
  const S = t.seats;
  const full = s.seatsFull;
  const q = sql`coalesce(p.quantity, 0)`;
  const seats = sql`case when ${q} <= 0 then 0 when ${q} >= ${sql.raw(String(full))} then ${sql.raw(String(S))} else (${sql.raw(String(2 * S))} * ${q} + ${sql.raw(String(full))}) / ${sql.raw(String(2 * full))} end`;
  return { score: sql`(coalesce(${perSpecialty}, 0) + ${region} + ${industry} + ${kind} + ${fresh} + ${seats})`, region: sql`(${region} / 10)` };
}

/**
 * The relevance key: the score, then nearer, higher pay, more seats, newer (server/matching/score.ts rankKey),
 * as one 64-bit integer below 2^52.
 */
function rankKeySql(db: Db, s: SqlScore, score: SQL, region: SQL): SQL {
  const tb = s.tieBreak;
  const clamp = (expr: SQL, cap: number) => sql`(case when ${expr} < 0 then 0 when ${expr} > ${sql.raw(String(cap))} then ${sql.raw(String(cap))} else ${expr} end)`;
  const pay = clamp(sql`coalesce(p.monthly_pay, 0)`, tb.payCap);
  const seats = clamp(sql`coalesce(p.quantity, 0)`, tb.seatsCap);
  // Whole days since 1970 of a non-negative ms count, by integer division (as Math.floor).
  const day = clamp(sql`(coalesce(${publishedMs(db)}, 0) / ${sql.raw(String(dayMs))} - ${sql.raw(String(tb.epochDay))})`, tb.dayCap);
  const big = onEngine(db, { sqlite: sql``, postgres: sql`::int8` });
  return sql`((${score})${big} * 4398046511104 + ((${region})${big} * 16384 + ${pay}) * 8388608 + ${seats} * 32768 + ${day})`;
}

/** published_at as milliseconds on either engine (SQLite keeps milliseconds already). */
function publishedMs(db: Db): SQL {
  return onEngine(db, { sqlite: sql`p.published_at`, postgres: sql`(floor(extract(epoch from p.published_at) * 1000))::int8` });
}

/**
 * The index's answer from SQL, for while the index is not loaded yet (server start): the same admission,
 * filters, eligibility rules, sort keys, keyset cursor, one-per-organisation ranking, total and facets
 * (tests/integration/readiness.test.ts compares the two). Uses the tables' indexes (unlike the naive
 * benchmark scan); slower than the index, never waiting for it.
 */
export async function sqlSearch(db: Db, f: NaiveFilters, o: SqlSearchOptions): Promise<SqlSearchResult> {
  const where = await conditions(db, f, false);
  const e = o.eligibility;
  // Postings the student is barred from, when they are ranked last rather than left out.
  let barred: SQL | null = null;
  if (e) {
    const minors = onEngine(db, {
      sqlite: sql`coalesce(json_extract(p.details, '$.forbiddenForMinors'), 0)`,
      postgres: sql`case when (p.details::jsonb ->> 'forbiddenForMinors') in ('true', '1') then 1 else 0 end`,
    });
    // As the index: per kind the first start date allowed (work forbidden to minors or not) and, where the rules
    // ask it, the student's specialty group among the posting's (a posting naming no specialty is open to all).
    const allowed: SQL[] = [];
    for (const [kind, t] of Object.entries(e.byKind)) {
      if (!t) continue;
      const inGroup = t.sameGroup
        ? sql` and (not exists (select 1 from posting_specialties ps where ps.posting_id = p.id)
        or exists (select 1 from posting_specialties ps where ps.posting_id = p.id and substr(ps.class_domain, 1, 2) = ${e.group}))`
        : sql``;
      allowed.push(sql`(p.kind <> ${kind} or ((case when ${minors} = 0 then p.start_date >= ${t.from} else p.start_date >= ${t.minorsFrom} end)${inGroup}))`);
    }
    if (e.applied?.length) allowed.push(sql`p.rowid not in (${sql.join(e.applied.map((r) => sql`${r}`), sql`, `)})`);
    if (allowed.length && e.barred === "last") barred = sql.join(allowed, sql` and `);
    else where.push(...allowed);
  }
  const clause = sql.join(where, sql` and `);
  const parts = o.score ? scoreTenths(db, o.score, o.now) : null;
  const score = parts ? parts.score : sql`null`;
  const ranked = o.score && parts ? rankKeySql(db, o.score, parts.score, parts.region) : sql`null`;
  const relevance = barred ? sql`(case when ${barred} then ${ranked} else ${ranked} - ${sql.raw(String(barredKeyOffset))} end)` : ranked;
  // By apply-by, the nearest first: minus its day number since 1970, as the index keys it.
  const applyByDay = onEngine(db, { sqlite: sql`cast(julianday(p.apply_by) - 2440587.5 as integer)`, postgres: sql`(p.apply_by::date - date '1970-01-01')` });
  const key =
    o.sort === "relevance" && o.score ? relevance : o.sort === "pay" ? sql`coalesce(p.monthly_pay, -1)` : o.sort === "applyBy" ? sql`(0 - ${applyByDay})` : sql`coalesce(${publishedMs(db)}, 0)`;
  const keyParam = (k: number) => onEngine(db, { sqlite: sql`${k}`, postgres: sql`cast(${k} as double precision)` });
  const after = o.cursor ? sql`where t.key < ${keyParam(o.cursor.key)} or (t.key = ${keyParam(o.cursor.key)} and t.rowid < ${o.cursor.rowid})` : sql``;
  const keyed = sql`(select p.rowid as rowid, p.organisation_id as organisation, ${key} as key, ${score} as score from postings p where ${clause}) t ${after}`;
  // One per organisation (its best posting) is a ranking of organisations: no further page, as with the index.
  const keep = o.distinctOrganisations ? o.limit : o.limit + 1;
  const rows = await rawRows<{ rowid: number; key: number; score: number | null }>(
    db,
    o.distinctOrganisations
      ? sql`select rowid, key, score from (select t.*, row_number() over (partition by t.organisation order by t.key desc, t.rowid desc) as best from ${keyed}) u
          where best = 1 order by key desc, rowid desc limit ${keep}`
      : sql`select t.rowid, t.key, t.score from ${keyed} order by t.key desc, t.rowid desc limit ${keep}`,
  );
  const facets: SqlSearchResult["facets"] = { kind: {}, province: {}, division: {} };
  let total = 0;
  if (o.counts) {
    const groups = await rawRows<{ kind: string; province: string; division: string; n: number }>(
      db,
      sql`select p.kind as kind, p.province_code as province, p.industry_division as division, count(*) as n from postings p where ${clause} group by p.kind, p.province_code, p.industry_division`,
    );
    for (const g of groups) {
      const n = Number(g.n);
      total += n;
      facets.kind[g.kind] = (facets.kind[g.kind] ?? 0) + n;
      facets.province[g.province] = (facets.province[g.province] ?? 0) + n;
      facets.division[g.division] = (facets.division[g.division] ?? 0) + n;
    }
  }
  const hits = rows.slice(0, o.limit).map((r) => ({ rowid: Number(r.rowid), key: Number(r.key), score: r.score === null || r.score === undefined ? null : Number(r.score) / 10 }));
  const last = hits.at(-1);
  return { hits, total, nextCursor: rows.length > o.limit && last ? { key: last.key, rowid: last.rowid } : null, facets };
}
