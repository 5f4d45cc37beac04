import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../create";
import { postings, regions, specialties } from "../schema";

/** Whether each posting (by id) is marked as work forbidden to minors, for the rules' reasons on a search page. */
export async function minorsForbiddenOf(db: Db, ids: string[]): Promise<Map<string, boolean>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: postings.id, details: postings.details }).from(postings).where(inArray(postings.id, ids));
  return new Map(rows.map((r) => [r.id, r.details.forbiddenForMinors === true]));
}

/** A region's province and the cities (with municipalities' 市辖区) of that province, by code. */
export async function citiesAround(db: Db, regionCode: string): Promise<{ province: string; cities: string[] } | null> {
  const [region] = await db.select({ province: regions.provinceCode }).from(regions).where(eq(regions.code, regionCode)).limit(1);
  if (!region) return null;
  const rows = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(eq(regions.provinceCode, region.province), eq(regions.level, "city")))
    .orderBy(asc(regions.code));
  return { province: region.province, cities: rows.map((r) => r.code) };
}

/**
 * One catalogue code per level-independent specialty group (专业大类), the lowest: what a group facet puts in the
 * URL (the search resolves it to the group, whichever level's code it is).
 */
export async function specialtyGroupCodes(db: Db): Promise<{ code: string; domain: string }[]> {
  return db
    .select({ code: sql<string>`min(${specialties.code})`, domain: specialties.domainCode })
    .from(specialties)
    .where(eq(specialties.level, "category"))
    .groupBy(specialties.domainCode)
    .orderBy(asc(specialties.domainCode));
}
