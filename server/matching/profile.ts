import { eq, inArray, sql } from "drizzle-orm";
import { rawRows } from "../../db/sql";
import type { Db } from "../../db/create";
import { organisations, regions, specialties, specialtyIndustryMap, studentProfiles } from "../../db/schema";
import type { StudentFacts } from "../compliance/application";
import { eligibilityOf, type Eligibility } from "./eligibility";
import type { EducationLevel } from "../../db/schema-enums";
import { isFirstYear } from "../compliance/rules";
import { todayInChina } from "../schemas/accounts";
import type { MatchProfile, RegionRef, Stage } from "./score";

/** A region row as matching reads it: a county with no city of its own (直辖县级) is its own city. */
export function regionRefOf(r: { code: string; cityCode: string | null; provinceCode: string }): RegionRef {
  return { county: r.code, city: r.cityCode ?? r.code, province: r.provinceCode };
}

export async function regionRef(db: Db, code: string): Promise<RegionRef | null> {
  const r = (await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions).where(eq(regions.code, code)).limit(1))[0];
  return r ? regionRefOf(r) : null;
}

/** Regions of many codes in one query, keyed by code. */
export async function regionRefs(db: Db, codes: string[]): Promise<Map<string, RegionRef>> {
  const unique = [...new Set(codes)];
  const rows = unique.length ? await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions).where(inArray(regions.code, unique)) : [];
  return new Map(rows.map((r) => [r.code, regionRefOf(r)]));
}

export type IndustryMapRows = Map<string, { primaryDivisions: string[]; relatedDivisions: string[] }>;

/** Rows of the (administrator-editable) specialty→industry map, by class; all of them when no classes are given. */
export async function industryMapRows(db: Db, classDomains?: string[]): Promise<IndustryMapRows> {
  const rows = await db
    .select({ domainCode: specialtyIndustryMap.domainCode, primaryDivisions: specialtyIndustryMap.primaryDivisions, relatedDivisions: specialtyIndustryMap.relatedDivisions })
    .from(specialtyIndustryMap)
    .where(classDomains ? inArray(specialtyIndustryMap.domainCode, [...new Set(classDomains)]) : undefined);
  return new Map(rows.map((r) => [r.domainCode, r]));
}

/** The divisions specialty classes map to: primary ones, and related ones that are not also primary. */
export function divisionsOf(map: IndustryMapRows, classDomains: string[]) {
  const primary = new Set<string>();
  const related = new Set<string>();
  for (const domain of new Set(classDomains)) {
    map.get(domain)?.primaryDivisions.forEach((d) => primary.add(d));
    map.get(domain)?.relatedDivisions.forEach((d) => related.add(d));
  }
  for (const d of primary) related.delete(d);
  return { primary, related };
}

export async function mappedDivisions(db: Db, classDomains: string[]) {
  return divisionsOf(await industryMapRows(db, classDomains), classDomains);
}

/** Years of a full-time programme by level: 中职 and 高职专科 three, 职业本科 four. */
const programmeYears: Record<EducationLevel, number> = { secondary: 3, higher_vocational: 3, vocational_bachelor: 4 };

/** A student's stage on a day: year one (until the 1 September after enrolment), the final year, or between. */
export function stageOf(enrolmentYear: number, level: EducationLevel, today: string): Stage {
  if (isFirstYear(enrolmentYear, today)) return "first";
  // The school year starts on 1 September: year n from 1 September of enrolmentYear + n - 1.
  const year = Number(today.slice(0, 4)) - enrolmentYear + (today.slice(5) >= "09-01" ? 1 : 0);
  return year >= programmeYears[level] ? "final" : "middle";
}

/** A student's matching profile (specialty, school region, preferences), the facts the rules read, and what they allow. */
export async function studentMatchProfile(db: Db, userId: string): Promise<{ profile: MatchProfile; facts: StudentFacts; eligibility: Eligibility } | null> {
  const [row] = await db
    // One query (each round trip counts on PostgreSQL): the class's industry map row and the school's region come joined.
    .select({
      specialtyCode: studentProfiles.specialtyCode,
      domainCode: specialties.domainCode,
      educationLevel: specialties.educationLevel,
      birthDate: studentProfiles.birthDate,
      enrolmentYear: studentProfiles.enrolmentYear,
      preferredRegions: studentProfiles.preferredRegions,
      primaryDivisions: specialtyIndustryMap.primaryDivisions,
      relatedDivisions: specialtyIndustryMap.relatedDivisions,
      county: regions.code,
      city: regions.cityCode,
      province: regions.provinceCode,
    })
    .from(studentProfiles)
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
    .leftJoin(regions, eq(regions.code, organisations.regionCode))
    .leftJoin(specialtyIndustryMap, eq(specialtyIndustryMap.domainCode, specialties.domainCode))
    .where(eq(studentProfiles.userId, userId))
    .limit(1);
  if (!row) return null;
  const divisions = divisionsOf(new Map(row.primaryDivisions ? [[row.domainCode, { primaryDivisions: row.primaryDivisions, relatedDivisions: row.relatedDivisions ?? [] }]] : []), [row.domainCode]);
  const facts: StudentFacts = { enrolmentYear: row.enrolmentYear, birthDate: row.birthDate, specialtyGroup: row.domainCode.slice(0, 2) };
  return {
    profile: {
      specialties: [{ code: row.specialtyCode, classDomain: row.domainCode, groupDomain: row.domainCode.slice(0, 2) }],
      region: row.county && row.province ? regionRefOf({ code: row.county, cityCode: row.city, provinceCode: row.province }) : null,
      preferredRegions: row.preferredRegions,
      primaryDivisions: divisions.primary,
      relatedDivisions: divisions.related,
      stage: stageOf(row.enrolmentYear, row.educationLevel, todayInChina()),
    },
    facts,
    eligibility: eligibilityOf(facts),
  };
}

/** The postings (rowids) a student has applied to, in any state: recommendations leave them out. */
export async function appliedRowids(db: Db, userId: string): Promise<number[]> {
  const rows = await rawRows<{ rowid: number }>(db, sql`select p.rowid as rowid from applications a join postings p on p.id = a.posting_id where a.student_id = ${userId}`);
  return rows.map((r) => Number(r.rowid));
}
