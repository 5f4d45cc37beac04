import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../create";
import { postings, regions, specialties } from "../schema";

/** Whether each posting (by id) is marked as work forbidden to minors, for the rules' reasons on a search page. */
export async function minorsForbiddenOf(db: Db, ids: string[]): Promise<Map<string, boolean>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: postings.id, details: postings.details }).from(postings).where(inArray(postings.id, ids));
  return new Map(rows.map((r) => [r.id, r.details.forbiddenForMinors === true]));
}

/**
 * Regions and the catalogue are reference data, written only when the database is prepared (db/reference.ts): what
 * a search page asks of them on every view is read once per database and key. An answer of nothing is not kept.
 */
const answers = new WeakMap<Db, Map<string, Promise<unknown>>>();
function readOnce<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  const kept = answers.get(db) ?? new Map<string, Promise<unknown>>();
  answers.set(db, kept);
  const found = kept.get(key) as Promise<T> | undefined;
  if (found) return found;
  const reading = read();
  kept.set(key, reading);
  reading.then((value) => value === null && kept.delete(key), () => kept.delete(key));
  return reading;
}

/** A region's province and the cities (with municipalities' 市辖区) of that province, by code. */
export function citiesAround(db: Db, regionCode: string): Promise<{ province: string; cities: string[] } | null> {
  return readOnce(db, `cities:${regionCode}`, () => readCitiesAround(db, regionCode));
}

async function readCitiesAround(db: Db, regionCode: string): Promise<{ province: string; cities: string[] } | null> {
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
export function specialtyGroupCodes(db: Db): Promise<{ code: string; domain: string }[]> {
  return readOnce(db, "groups", async () =>
    db
      .select({ code: sql<string>`min(${specialties.code})`, domain: specialties.domainCode })
      .from(specialties)
      .where(eq(specialties.level, "category"))
      .groupBy(specialties.domainCode)
      .orderBy(asc(specialties.domainCode)),
  );
}
