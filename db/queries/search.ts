import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../create";
import { industries, regions, specialties, specialtyIndustryMap } from "../schema";

/** The cards of a page of search hits, in the order of `rowids`, with what scoring and display need. */
export async function postingCards(db: Db, rowids: number[]) {
  if (rowids.length === 0) return [];
  const rows = db.all<{
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
  }>(sql`
    select p.rowid as rowid, p.id as id, p.kind as kind, p.title as title, p.organisation_id as organisationId, o.name as organisationName,
           p.region_code as regionCode, p.city_code as cityCode, p.province_code as provinceCode, p.industry_code as industryCode,
           p.industry_division as industryDivision, i.name as industryName, p.monthly_pay as monthlyPay, p.quantity as quantity,
           p.apply_by as applyBy, p.start_date as startDate, p.published_at as publishedAt,
           (select json_group_array(json_array(ps.specialty_code, ps.class_domain, s.name)) from posting_specialties ps
              join specialties s on s.code = ps.specialty_code where ps.posting_id = p.id) as specialties
    from postings p join organisations o on o.id = p.organisation_id join industries i on i.code = p.industry_code
    where p.rowid in (select value from json_each(${JSON.stringify(rowids)}))`);
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
  const regionRows = codes.regions.length ? await db.select({ code: regions.code, name: regions.name, kind: regions.kind, provinceCode: regions.provinceCode }).from(regions).where(inArray(regions.code, [...new Set(codes.regions)])).all() : [];
  const provinceNames = new Map(
    (await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...new Set(regionRows.map((r) => r.provinceCode))])).all()).map((r) => [r.code, r.name]),
  );
  const divisionRows = codes.divisions.length ? await db.select({ code: industries.code, name: industries.name }).from(industries).where(inArray(industries.code, [...new Set(codes.divisions)])).all() : [];
  const domainRows = codes.domains.length ? await db.select({ code: specialtyIndustryMap.domainCode, name: specialtyIndustryMap.className }).from(specialtyIndustryMap).where(inArray(specialtyIndustryMap.domainCode, [...new Set(codes.domains)])).all() : [];
  const groupCodes = [...new Set(codes.domains.filter((d) => d.length === 2))];
  const groupRows = groupCodes.length
    ? await db.select({ code: specialties.domainCode, name: specialties.name }).from(specialties).where(and(eq(specialties.level, "category"), inArray(specialties.domainCode, groupCodes))).all()
    : [];
  return {
    // Municipalities' districts sit under a placeholder 市辖区: name the municipality instead.
    region: new Map(regionRows.map((r) => [r.code, r.kind === "placeholder" ? (provinceNames.get(r.provinceCode) ?? r.name) : r.name])),
    division: new Map(divisionRows.map((r) => [r.code, r.name])),
    domain: new Map([...groupRows, ...domainRows].map((r) => [r.code, r.name])),
  };
}
