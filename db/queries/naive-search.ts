import type { Db } from "../create";

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
   * quick build's text search. Without it, text is matched with LIKE '%q%' (the slowest honest answer).
   */
  ftsMatch?: string;
}

/**
 * The straightforward answer to a search, for comparison: one SQL statement that scans the postings
 * table (NOT INDEXED) with LIKE for text (or, given `ftsMatch`, the FTS5 table), newest first; a specialty filter scans posting_specialties once.
 * The benchmark measures it beside the index, and tests check that both give the same totals.
 */
export function naiveSearch(db: Db, f: NaiveFilters, limit = 20): { total: number; rowids: number[] } {
  const where: string[] = ["p.status = 'published'", "p.host_verified = 1", "p.apply_by >= @today"];
  const params: Record<string, unknown> = { today: f.today };
  if (f.query && f.ftsMatch) {
    where.push("p.rowid in (select rowid from posting_search where posting_search match @fts)");
    params.fts = f.ftsMatch;
  } else if (f.query) {
    where.push("(p.title like @q or p.description like @q)");
    params.q = `%${f.query}%`;
  }
  if (f.regionCode) {
    where.push("(p.region_code = @region or p.city_code = @region or p.province_code = @region)");
    params.region = f.regionCode;
  }
  if (f.industryCode) {
    if (/^[A-T]$/.test(f.industryCode)) where.push("p.industry_code in (select code from industries where section_code = @industry)");
    else where.push("p.industry_code like @industry || '%'");
    params.industry = f.industryCode;
  }
  if (f.specialtyCode) {
    const column = f.specialtyCode.length >= 6 ? "ps.specialty_code" : f.specialtyCode.length === 4 ? "ps.class_domain" : "ps.group_domain";
    // Resolve a group or class code to its level-independent key once, not per row.
    const domain = f.specialtyCode.length >= 6 ? f.specialtyCode : ((db.$client.prepare("select domain_code from specialties where code = ?").pluck().get(f.specialtyCode) as string | undefined) ?? "");
    // One pass over posting_specialties into a set, probed per posting (a correlated EXISTS let SQLite
    // drive it from the class index and re-read a whole class for every posting: minutes at 1M).
    where.push(`p.id in (select ps.posting_id from posting_specialties ps not indexed where ${column} = @specialty)`);
    params.specialty = domain;
  }
  if (f.kinds?.length) where.push(`p.kind in (${f.kinds.map((k) => `'${k.replace(/'/g, "")}'`).join(",")})`);
  if (f.payMin !== undefined) {
    where.push("p.monthly_pay >= @payMin");
    params.payMin = f.payMin;
  }
  if (f.payMax !== undefined) {
    where.push("p.monthly_pay <= @payMax");
    params.payMax = f.payMax;
  }
  const clause = where.join(" and ");
  const total = (db.$client.prepare(`select count(*) from postings p not indexed where ${clause}`).pluck().get(params) as number) ?? 0;
  const rowids = db.$client.prepare(`select p.rowid from postings p not indexed where ${clause} order by p.published_at desc, p.rowid desc limit ${limit}`).pluck().all(params) as number[];
  return { total, rowids };
}
