import { sql, type SQL } from "drizzle-orm";
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
  const text = sql`(title || ' ' || description)`;
  const exact = sql`' ' || array_to_string(${tokens}, ' ') || ' ' like ${`% ${parsed.tokens.join(" ")} %`}`;
  // Computing a text's tokens costs ~50 µs, and a phrase of common bigrams (实习生) has 200,000 candidates at a
  // million postings: 5.6 s. A plain text is read as it stands instead: the phrase's characters in a row, or —
  // as FTS5 also matches — split where one Han run ends and the next begins with the same character
  // (数控技，技术 holds 数控 控技 技术 in a row); anything but a letter, digit or Han character separates runs.
  const chars = [[...parsed.tokens[0]!][0]!, ...parsed.tokens.map((t) => [...t][1]!)];
  const separators = `[^0-9A-Za-z${hanChars}]+`;
  const split = chars[0]! + chars[1]! + chars.slice(2).map((c, k) => `(?:${separators}${chars[k + 1]!})?${c}`).join("");
  const odd = sql`${text} ~ ${`[^${plain}]`}`;
  return sql`(${all} and ((not ${odd} and (strpos(${text}, ${chars.join("")}) > 0 or ${text} ~ ${split})) or (${odd} and ${exact})))`;
}

/** Above every character a token can hold: `token < prefix + this` bounds the tokens starting with `prefix` (byte order). */
const lastCodePoint = "\u{10FFFF}";

/**
 * PostgreSQL: the rowids of the postings holding an FTS part of one token, from posting_terms (a token's posting
 * list in blocks of rowids, drizzle/pg/0013_posting_terms.sql), without visiting a posting: a token (`"焊接"`), or
 * for a prefix (`"java"*`, `"车"*`) every token starting with it, as FTS5 reads a prefix. Null for a phrase of
 * several tokens: they must also stand next to each other, which only the text can say (bigramMatch, GIN index).
 */
export async function tokenListRowids(db: Db, part: string): Promise<number[] | null> {
  const parsed = parseFtsPart(part);
  if (!parsed || parsed.tokens.length !== 1) return null;
  const token = parsed.tokens[0]!;
  const which = parsed.prefix ? sql`term >= ${token} collate "C" and term < ${token + lastCodePoint} collate "C"` : sql`term = ${token} collate "C"`;
  // array_send: the binary form (4 bytes of length, 4 of value per element) parses far quicker than int4[] text.
  const rows = await rawRows<{ list: Buffer }>(db, sql`select array_send(rowids) as "list" from posting_terms where ${which}`);
  const rowids: number[] = [];
  for (const { list } of rows) {
    const view = new DataView(list.buffer, list.byteOffset, list.byteLength);
    // Header: dimensions, has-nulls flag, element type; then per dimension its length and lower bound.
    if (view.getInt32(0) === 0) continue;
    const length = view.getInt32(12);
    for (let i = 0, at = 24; i < length; i++, at += 8) rowids.push(view.getInt32(at));
  }
  if (!parsed.prefix || rowids.length < 2) return rowids;
  // A posting holding several tokens of the prefix (车间, 车床) is in several lists: each once.
  const ordered = Int32Array.from(rowids).sort();
  return Array.from(ordered.filter((rowid, i) => i === 0 || rowid !== ordered[i - 1]));
}

/**
 * The cards of a page of search hits, in the order of `rowids`, with what scoring and display need. `indexed`: the
 * postings' specialties ([code, class]) as the search index holds them, which spares reading them per posting
 * (a subquery per card: half of the page's read on PostgreSQL); their names are reference data, read once.
 */
export async function postingCards(db: Db, rowids: number[], indexed?: Map<number, [string, string][]> | null) {
  if (rowids.length === 0) return [];
  // The specialties as one JSON text per posting, and published_at in ms, on either engine.
  const specialtiesJson = indexed ? sql`null` : onEngine(db, {
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
  const names = indexed ? (await explanationNames(db, { regions: [], divisions: [], domains: [], specialties: [...new Set([...indexed.values()].flat().map(([code]) => code))] })).specialty : null;
  const specialtiesOf = (r: (typeof rows)[number]): [string, string, string][] =>
    names ? (indexed!.get(r.rowid) ?? []).map(([code, classDomain]) => [code, classDomain, names.get(code) ?? code]) : (JSON.parse(r.specialties) as [string, string, string][]);
  return rowids
    .map((id) => byRowid.get(id))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({
      ...r,
      // In code order, whichever way they were read.
      specialties: specialtiesOf(r)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([code, classDomain, name]) => ({ code, classDomain, groupDomain: classDomain.slice(0, 2), name })),
    }));
}

type NameKind = "region" | "division" | "domain" | "specialty";
type Names = Record<NameKind, Map<string, string>>;
const emptyNames = (): Names => ({ region: new Map(), division: new Map(), domain: new Map(), specialty: new Map() });
const nameKinds = ["region", "division", "domain", "specialty"] as const;
/**
 * Names already read, per database. Regions, industries and the catalogue are reference data, written only when
 * the database is prepared (db/reference.ts; the industry map's edits change divisions, never a class's name), so a
 * name once read stays true: a search then asks only for codes it has not met (on PostgreSQL a round trip each).
 */
const knownNames = new WeakMap<Db, Names>();

/** Names for the codes that explanations, facets and cards mention: regions, industry divisions, specialty classes or groups, specialties. */
export async function explanationNames(db: Db, codes: { regions: string[]; divisions: string[]; domains: string[]; specialties?: string[] }): Promise<Names> {
  const known = knownNames.get(db) ?? emptyNames();
  knownNames.set(db, known);
  const wanted: Record<NameKind, string[]> = { region: codes.regions, division: codes.divisions, domain: codes.domains, specialty: codes.specialties ?? [] };
  const names = emptyNames();
  const missing: Record<NameKind, string[]> = { region: [], division: [], domain: [], specialty: [] };
  for (const kind of nameKinds) {
    for (const code of wanted[kind]) {
      const name = known[kind].get(code);
      if (name === undefined) missing[kind].push(code);
      else names[kind].set(code, name);
    }
  }
  const read = await readNames(db, { regions: missing.region, divisions: missing.division, domains: missing.domain, specialties: missing.specialty });
  for (const kind of nameKinds) {
    for (const [code, name] of read[kind]) {
      known[kind].set(code, name);
      names[kind].set(code, name);
    }
  }
  return names;
}

/** The names of these codes from the database, in one round trip. */
async function readNames(db: Db, codes: { regions: string[]; divisions: string[]; domains: string[]; specialties: string[] }): Promise<Names> {
  const names = emptyNames();
  const list = (values: string[]) => sql.join([...new Set(values)].map((v) => sql`${v}`), sql`, `);
  const groupCodes = codes.domains.filter((d) => d.length === 2);
  // One round trip for all the lookups (each a search page's worth of codes): on PostgreSQL every query is one.
  const parts: SQL[] = [];
  if (codes.regions.length)
    // Municipalities' districts sit under a placeholder 市辖区: name the municipality instead.
    parts.push(sql`select 'region' as "kind", r.code as "code", case when r.kind = 'placeholder' then coalesce(pr.name, r.name) else r.name end as "name"
      from ${regions} r left join ${regions} pr on pr.code = r.province_code where r.code in (${list(codes.regions)})`);
  // Every part names its columns: the first part present gives the union its column names.
  if (codes.divisions.length) parts.push(sql`select 'division' as "kind", code as "code", name as "name" from ${industries} where code in (${list(codes.divisions)})`);
  if (groupCodes.length) parts.push(sql`select 'group' as "kind", domain_code as "code", name as "name" from ${specialties} where level = 'category' and domain_code in (${list(groupCodes)})`);
  if (codes.domains.length) parts.push(sql`select 'domain' as "kind", domain_code as "code", class_name as "name" from ${specialtyIndustryMap} where domain_code in (${list(codes.domains)})`);
  if (codes.specialties.length) parts.push(sql`select 'specialty' as "kind", code as "code", name as "name" from ${specialties} where code in (${list(codes.specialties)})`);
  if (parts.length === 0) return names;
  const rows = await rawRows<{ kind: string; code: string; name: string }>(db, sql.join(parts, sql` union all `));
  // A class's own name wins over a group's, as the map's rows come after the catalogue's categories.
  for (const r of rows.filter((r) => r.kind === "group")) names.domain.set(r.code, r.name);
  for (const r of rows) if (r.kind !== "group") names[r.kind as NameKind].set(r.code, r.name);
  return names;
}
