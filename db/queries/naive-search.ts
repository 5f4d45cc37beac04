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
}

/**
 * The straightforward answer to a search, for comparison: one SQL statement that scans the postings
 * table (NOT INDEXED on SQLite) with LIKE for text (or, given `ftsMatch`, the FTS5 table; on PostgreSQL
 * the bigram index), newest first; a specialty filter scans posting_specialties once.
 * The benchmark measures it beside the index, and tests check that both give the same totals.
 */
export async function naiveSearch(db: Db, f: NaiveFilters, limit = 20): Promise<{ total: number; rowids: number[] }> {
  const notIndexed = onEngine(db, { sqlite: sql` not indexed`, postgres: sql`` });
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
  const clause = sql.join(where, sql` and `);
  const [counted] = await rawRows<{ total: number }>(db, sql`select count(*) as total from postings p${notIndexed} where ${clause}`);
  const rows = await rawRows<{ rowid: number }>(db, sql`select p.rowid as rowid from postings p${notIndexed} where ${clause} order by p.published_at desc, p.rowid desc limit ${limit}`);
  return { total: Number(counted?.total ?? 0), rowids: rows.map((r) => r.rowid) };
}
