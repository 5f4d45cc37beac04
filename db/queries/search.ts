import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../create";
import { industries, regions, specialties, specialtyIndustryMap } from "../schema";
import { onEngine, rawRows } from "../sql";

/** A PostgreSQL array literal of these values, for `= any(${…}::int8[])`: one parameter however many. */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === "number" ? String(v) : `"${v.replace(/["\\]/g, (m) => `\\${m}`)}"`)).join(",")}}`;
}

/** A full-text part as server/search/text.ts ftsQueryParts writes it: `"a b c"` (a phrase of tokens) or `"x"*` (a token prefix). */
export function parseFtsPart(part: string): { tokens: string[]; prefix: boolean } | null {
  const m = /^"([^"]*)"(\*?)$/.exec(part);
  const tokens = m?.[1]?.split(" ").filter(Boolean) ?? [];
  return m && tokens.length ? { tokens, prefix: m[2] === "*" } : null;
}

/** Characters whose text searchTokens reads as it stands, lower case aside: ASCII, CJK ideographs (basic and extension A), CJK and full-width punctuation. */
const plain = "\u0001-\u007f\u3000-\u3004\u3008-\u3020\u3030\u303d-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65";
const hanChars = "\u3400-\u4dbf\u4e00-\u9fff";
const isHan = /^\p{Script=Han}$/u;

/**
 * PostgreSQL's condition (over the postings table, unaliased) for one FTS part, finding what FTS5's
 * posting_search finds. `cjk_bigrams(title || ' ' || description)` is the expression of the GIN index (the
 * text posting_search is written from, tokenised as server/search/text.ts searchTokens does):
 * - a phrase (a Han run of 2+ characters): the index finds the postings holding every bigram (`@>`); with
 *   more than one bigram they must also stand next to each other, in order, as FTS5's phrase requires;
 * - a prefix (a Latin word or number, a single Han character): some token starts with it. No index can
 *   say that, so postings containing it are scanned. Most texts hold only ASCII, CJK ideographs and
 *   punctuation, which tokenise without NFKC: for them a regular expression over the text says where a
 *   token starts (after a non-alphanumeric for a word; a Han character followed by another, or standing
 *   alone, for a single one). Any other text is folded (cjk_fold) and its tokens checked (10 times slower).
 */
export function bigramMatch(part: string): SQL {
  const parsed = parseFtsPart(part);
  if (!parsed) return sql`false`;
  const tokens = sql`cjk_bigrams(title || ' ' || description)`;
  if (parsed.prefix) {
    const prefix = parsed.tokens[0]!;
    const text = sql`(title || ' ' || description)`;
    const odd = sql`${text} ~ ${`[^${plain}]`}`;
    const han = hanChars;
    const fast = isHan.test(prefix)
      ? sql`strpos(${text}, ${prefix}) > 0 and ${text} ~ ${`${prefix}[${han}]|(^|[^${han}])${prefix}([^${han}]|$)`}`
      : sql`strpos(lower(${text}), ${prefix}) > 0 and lower(${text}) ~ ${`(^|[^a-z0-9])${prefix}`}`;
    const exact = sql`strpos(cjk_fold(${text}), ${prefix}) > 0 and ' ' || array_to_string(${tokens}, ' ') like ${`% ${prefix}%`}`;
    return sql`((not ${odd} and ${fast}) or (${odd} and ${exact}))`;
  }
  const all = sql`${tokens} @> ${pgArray(parsed.tokens)}::text[]`;
  if (parsed.tokens.length === 1) return all;
  return sql`(${all} and ' ' || array_to_string(${tokens}, ' ') || ' ' like ${`% ${parsed.tokens.join(" ")} %`})`;
}

/** The cards of a page of search hits, in the order of `rowids`, with what scoring and display need. */
export async function postingCards(db: Db, rowids: number[]) {
  if (rowids.length === 0) return [];
  // The specialties as one JSON text per posting, and published_at in ms, on either engine.
  const specialtiesJson = onEngine(db, {
    sqlite: sql`(select json_group_array(json_array(ps.specialty_code, ps.class_domain, s.name)) from posting_specialties ps
              join specialties s on s.code = ps.specialty_code where ps.posting_id = p.id)`,
    postgres: sql`(select coalesce(json_agg(json_build_array(ps.specialty_code, ps.class_domain, s.name)), '[]')::text from posting_specialties ps
              join specialties s on s.code = ps.specialty_code where ps.posting_id = p.id)`,
  });
  const publishedAt = onEngine(db, { sqlite: sql`p.published_at`, postgres: sql`(floor(extract(epoch from p.published_at) * 1000))::int8` });
  const applyBy = onEngine(db, { sqlite: sql`p.apply_by`, postgres: sql`p.apply_by::text` });
  const startDate = onEngine(db, { sqlite: sql`p.start_date`, postgres: sql`p.start_date::text` });
  const among = onEngine(db, { sqlite: sql`p.rowid in (select value from json_each(${JSON.stringify(rowids)}))`, postgres: sql`p.rowid = any(${pgArray(rowids)}::int8[])` });
  const rows = await rawRows<{
    rowid: number;
    id: string;
    kind: string;
    title: string;
    organisationId: string;
    organisationName: string;
    regionCode: string;
    cityCode: string;
    provinceCode: string;
    industryCode: string;
    industryDivision: string;
    industryName: string;
    monthlyPay: number | null;
    quantity: number;
    applyBy: string;
    startDate: string;
    publishedAt: number | null;
    specialties: string;
  }>(
    db,
    sql`
    select p.rowid as "rowid", p.id as "id", p.kind as "kind", p.title as "title", p.organisation_id as "organisationId", o.name as "organisationName",
           p.region_code as "regionCode", p.city_code as "cityCode", p.province_code as "provinceCode", p.industry_code as "industryCode",
           p.industry_division as "industryDivision", i.name as "industryName", p.monthly_pay as "monthlyPay", p.quantity as "quantity",
           ${applyBy} as "applyBy", ${startDate} as "startDate", ${publishedAt} as "publishedAt", ${specialtiesJson} as "specialties"
    from postings p join organisations o on o.id = p.organisation_id join industries i on i.code = p.industry_code
    where ${among}`,
  );
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  return rowids
    .map((id) => byRowid.get(id))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({
      ...r,
      specialties: (JSON.parse(r.specialties) as [string, string, string][]).map(([code, classDomain, name]) => ({ code, classDomain, groupDomain: classDomain.slice(0, 2), name })),
    }));
}

/** Names for the codes that explanations mention: regions, industry divisions and specialty classes or groups. */
export async function explanationNames(db: Db, codes: { regions: string[]; divisions: string[]; domains: string[] }) {
  const regionRows = codes.regions.length ? await db.select({ code: regions.code, name: regions.name, kind: regions.kind, provinceCode: regions.provinceCode }).from(regions).where(inArray(regions.code, [...new Set(codes.regions)])) : [];
  const provinceNames = new Map(
    (await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...new Set(regionRows.map((r) => r.provinceCode))]))).map((r) => [r.code, r.name]),
  );
  const divisionRows = codes.divisions.length ? await db.select({ code: industries.code, name: industries.name }).from(industries).where(inArray(industries.code, [...new Set(codes.divisions)])) : [];
  const domainRows = codes.domains.length ? await db.select({ code: specialtyIndustryMap.domainCode, name: specialtyIndustryMap.className }).from(specialtyIndustryMap).where(inArray(specialtyIndustryMap.domainCode, [...new Set(codes.domains)])) : [];
  const groupCodes = [...new Set(codes.domains.filter((d) => d.length === 2))];
  const groupRows = groupCodes.length
    ? await db.select({ code: specialties.domainCode, name: specialties.name }).from(specialties).where(and(eq(specialties.level, "category"), inArray(specialties.domainCode, groupCodes)))
    : [];
  return {
    // Municipalities' districts sit under a placeholder 市辖区: name the municipality instead.
    region: new Map(regionRows.map((r) => [r.code, r.kind === "placeholder" ? (provinceNames.get(r.provinceCode) ?? r.name) : r.name])),
    division: new Map(divisionRows.map((r) => [r.code, r.name])),
    domain: new Map([...groupRows, ...domainRows].map((r) => [r.code, r.name])),
  };
}
