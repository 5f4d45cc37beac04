import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/create";
import { organisations, regions, specialties, specialtyIndustryMap, studentProfiles } from "../../db/schema";
import { adultAge, birthdayAt, firstPlacementDate, minimumPlacementAge } from "../compliance/rules";
import type { Eligibility } from "../search/posting-index";
import type { MatchProfile, RegionRef } from "./score";

export async function regionRef(db: Db, code: string): Promise<RegionRef | null> {
  const r = (await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions).where(eq(regions.code, code)).limit(1))[0];
  return r ? { county: r.code, city: r.cityCode ?? r.code, province: r.provinceCode } : null;
}

/** Regions of many codes in one query, keyed by code. */
export async function regionRefs(db: Db, codes: string[]): Promise<Map<string, RegionRef>> {
  const unique = [...new Set(codes)];
  const rows = unique.length ? await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions).where(inArray(regions.code, unique)) : [];
  return new Map(rows.map((r) => [r.code, { county: r.code, city: r.cityCode ?? r.code, province: r.provinceCode }]));
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

/** A student's matching profile (specialty, school region, preferences) and the thresholds of the rules. */
export async function studentMatchProfile(db: Db, userId: string): Promise<{ profile: MatchProfile; eligibility: Eligibility } | null> {
  const [row] = await db
    .select({ specialtyCode: studentProfiles.specialtyCode, domainCode: specialties.domainCode, birthDate: studentProfiles.birthDate, enrolmentYear: studentProfiles.enrolmentYear, preferredRegions: studentProfiles.preferredRegions, schoolRegion: organisations.regionCode })
    .from(studentProfiles)
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
    .where(eq(studentProfiles.userId, userId))
    .limit(1);
  if (!row) return null;
  const divisions = await mappedDivisions(db, [row.domainCode]);
  const ageReady = birthdayAt(row.birthDate, minimumPlacementAge);
  const yearReady = firstPlacementDate(row.enrolmentYear);
  return {
    profile: {
      specialties: [{ code: row.specialtyCode, classDomain: row.domainCode, groupDomain: row.domainCode.slice(0, 2) }],
      region: await regionRef(db, row.schoolRegion),
      preferredRegions: row.preferredRegions,
      primaryDivisions: divisions.primary,
      relatedDivisions: divisions.related,
    },
    eligibility: { earliestPlacementStart: ageReady > yearReady ? ageReady : yearReady, adultFrom: birthdayAt(row.birthDate, adultAge), apprenticeFrom: ageReady, group: row.domainCode.slice(0, 2) },
  };
}
