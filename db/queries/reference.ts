import { and, asc, eq, inArray, isNull, like, or, sql, type Column, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../create";
import { industries, regions, specialties, type EducationLevel } from "../schema";
import { containsText } from "./like";
import { rawRows } from "../sql";

export type Taxonomy = "region" | "specialty" | "industry";

export interface TaxonomyNode {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  hasChildren: boolean;
  /** Specialties only: 中职 / 高职专科 / 职业本科. */
  educationLevel?: EducationLevel;
}

/** Regions a posting or organisation may sit in: counties, and cities without counties (东莞, 中山, …). */
export async function isLeafRegion(db: Db, code: string): Promise<boolean> {
  const row = (await db.select({ code: regions.code, level: regions.level }).from(regions).where(eq(regions.code, code)).limit(1))[0];
  if (!row || row.level === "province") return false;
  const child = (await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, code)).limit(1))[0];
  return !child;
}

export async function regionsExist(db: Db, codes: string[]): Promise<boolean> {
  if (codes.length === 0) return true;
  const unique = [...new Set(codes)];
  const rows = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, unique));
  return rows.length === unique.length;
}

export async function industryExists(db: Db, code: string): Promise<boolean> {
  return !!(await db.select({ code: industries.code }).from(industries).where(eq(industries.code, code)).limit(1))[0];
}

/** The specialty at the 专业 level, or undefined when the code is unknown or names a group or class. */
export async function findMajor(db: Db, code: string) {
  const [major] = await db
    .select()
    .from(specialties)
    .where(and(eq(specialties.code, code), eq(specialties.level, "major")))
    .limit(1);
  return major;
}

export async function specialtiesExist(db: Db, codes: string[]): Promise<boolean> {
  if (codes.length === 0) return true;
  const unique = [...new Set(codes)];
  const rows = await db.select({ code: specialties.code }).from(specialties).where(inArray(specialties.code, unique));
  return rows.length === unique.length;
}

/** Whether a row of the named table has children (the outer table is referenced by name, not alias). */
const childCount = (_table: typeof regions | typeof specialties | typeof industries, name: string) =>
  sql<number>`exists(select 1 from ${sql.raw(name)} c where c.parent_code = ${sql.raw(`"${name}"."code"`)})`;

/** Children of a node (or the roots when parentCode is null). Specialty roots are per education level. */
export async function taxonomyChildren(
  db: Db,
  taxonomy: Taxonomy,
  parentCode: string | null,
  educationLevel?: EducationLevel,
): Promise<TaxonomyNode[]> {
  if (taxonomy === "region") {
    const rows = await db
      .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren: childCount(regions, "regions") })
      .from(regions)
      .where(parentCode ? eq(regions.parentCode, parentCode) : isNull(regions.parentCode))
      .orderBy(asc(regions.code));
    return rows.map((r) => ({ ...r, hasChildren: !!r.hasChildren }));
  }
  if (taxonomy === "specialty") {
    const rows = await db
      .select({
        code: specialties.code,
        name: specialties.name,
        level: specialties.level,
        parentCode: specialties.parentCode,
        educationLevel: specialties.educationLevel,
        hasChildren: childCount(specialties, "specialties"),
      })
      .from(specialties)
      .where(
        parentCode
          ? eq(specialties.parentCode, parentCode)
          : and(isNull(specialties.parentCode), educationLevel ? eq(specialties.educationLevel, educationLevel) : undefined),
      )
      .orderBy(asc(specialties.code));
    return rows.map((r) => ({ ...r, hasChildren: !!r.hasChildren }));
  }
  const rows = await db
    .select({ code: industries.code, name: industries.name, level: industries.level, parentCode: industries.parentCode, hasChildren: childCount(industries, "industries") })
    .from(industries)
    .where(parentCode ? eq(industries.parentCode, parentCode) : isNull(industries.parentCode))
    .orderBy(asc(industries.code));
  return rows.map((r) => ({ ...r, hasChildren: !!r.hasChildren }));
}

/** Nodes whose name contains the query, or whose code starts with it; leaves first within a short list. */
export async function searchTaxonomy(db: Db, taxonomy: Taxonomy, query: string, limit: number, educationLevel?: EducationLevel): Promise<TaxonomyNode[]> {
  const rows = await searchRows(db, taxonomy, query, limit, educationLevel);
  return rows.map((r) => ({ ...r, hasChildren: !!r.hasChildren }));
}

async function searchRows(db: Db, taxonomy: Taxonomy, query: string, limit: number, educationLevel?: EducationLevel) {
  const q = query.trim();
  // Codes are matched by prefix, and only when the query looks like a code (no NUL "match nothing" pattern:
  // PostgreSQL text cannot hold one).
  const codePrefix = /^[0-9A-Z]+K?$/i.test(q) ? `${q.toUpperCase()}%` : null;
  const codeMatches = (column: Column) => (codePrefix ? like(column, codePrefix) : undefined);
  // Names match whatever the case of their Latin letters ("web" finds "Web…"); codes are stored upper-case.
  const nameMatches = (column: SQLWrapper) => containsText(db, column, q);
  if (taxonomy === "region") {
    return db
      .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren: childCount(regions, "regions") })
      .from(regions)
      .where(or(nameMatches(regions.name), codeMatches(regions.code)))
      .orderBy(asc(regions.code))
      .limit(limit);
  }
  if (taxonomy === "specialty") {
    return db
      .select({
        code: specialties.code,
        name: specialties.name,
        level: specialties.level,
        parentCode: specialties.parentCode,
        educationLevel: specialties.educationLevel,
        hasChildren: childCount(specialties, "specialties"),
      })
      .from(specialties)
      .where(
        and(
          or(nameMatches(specialties.name), codeMatches(specialties.code)),
          educationLevel ? eq(specialties.educationLevel, educationLevel) : undefined,
        ),
      )
      .orderBy(asc(specialties.code))
      .limit(limit);
  }
  // "I64", "i 6513": codes as people write them, the section letter in front (issue 20); searched as 64, 6513.
  const sectioned = /^[A-T]\s*(\d{2,4})$/i.exec(q);
  return db
    .select({ code: industries.code, name: industries.name, level: industries.level, parentCode: industries.parentCode, hasChildren: childCount(industries, "industries") })
    .from(industries)
    .where(sectioned ? like(industries.code, `${sectioned[1]}%`) : or(nameMatches(industries.name), codeMatches(industries.code)))
    .orderBy(asc(industries.code))
    .limit(limit);
}

/** Each code with its ancestors' names, root first: "广东省 / 广州市 / 天河区". */
export async function taxonomyPaths(db: Db, taxonomy: Taxonomy, codes: string[]): Promise<Record<string, { code: string; name: string }[]>> {
  const table = taxonomy === "region" ? regions : taxonomy === "specialty" ? specialties : industries;
  const name = taxonomy === "region" ? "regions" : taxonomy === "specialty" ? "specialties" : "industries";
  const out: Record<string, { code: string; name: string }[]> = {};
  for (const code of [...new Set(codes)]) {
    const rows = await rawRows<{ code: string; name: string; depth: number }>(db, sql`
      with recursive chain(code, name, parent_code, depth) as (
        select code, name, parent_code, 0 from ${table} where code = ${code}
        union all
        select p.code, p.name, p.parent_code, chain.depth + 1 from ${sql.raw(name)} p join chain on p.code = chain.parent_code
      )
      select code, name, depth from chain order by depth desc`);
    if (rows.length) out[code] = rows.map((r) => ({ code: r.code, name: r.name }));
  }
  return out;
}
