import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/create";
import { placements, postings, regions, specialties, specialtyIndustryMap, studentSupply } from "../../db/schema";
import { seatHoldingPlacementStatuses } from "../../db/schema-enums";
import { todayInChina } from "../schemas/accounts";
import { pushTo } from "../../db/collections";
import { onEngine, rawRows } from "../../db/sql";

/** Kinds whose seats are demand for students: placements, apprenticeships, order classes. */
export const demandKinds = ["placement_internship", "apprenticeship", "order_class"] as const;

export interface SupplyDemandRow {
  regionCode: string;
  regionName: string;
  classCode: string;
  className: string;
  supply: number;
  demand: number;
  /** demand − supply: positive is a shortage of students, negative a surplus. */
  gap: number;
}

/**
 * The demand side's posted seats per region and industry division: open postings of the demand kinds whose
 * host is verified (an unverified host's postings are not public, so their seats are no demand). Every column
 * it reads is in postings_demand_idx, so SQLite answers from the index alone (tested with EXPLAIN QUERY PLAN).
 */
export function postedSeatsQuery(db: Db, options: { byCity: boolean; provinceCode?: string; today: string }) {
  const postingRegion = options.byCity ? postings.cityCode : postings.provinceCode;
  return db
    .select({ region: postingRegion, division: postings.industryDivision, seats: sql<number>`sum(${postings.quantity})`.mapWith(Number) })
    .from(postings)
    .where(
      and(
        // These kinds are published by enterprises only (postings/manage kindsFor), so no join is needed.
        eq(postings.status, "published"),
        gte(postings.applyBy, options.today),
        inArray(postings.kind, [...demandKinds]),
        eq(postings.hostVerified, true),
        options.provinceCode ? eq(postings.provinceCode, options.provinceCode) : undefined,
      ),
    )
    .groupBy(postingRegion, postings.industryDivision);
}

/**
 * Talent supply and demand by region × specialty class (专业类, by its level-independent key).
 * Supply: students of schools in the region, by specialty class (optionally those graduating in one year:
 * enrolment + 3 years, or + 4 for 职业本科), read from student_supply, which triggers keep exact.
 * Demand: open seats (posted quantity minus seats held by placements) of open postings of verified enterprises
 * in the region whose industry division is a primary division of the class in the specialty→industry map; a
 * division that serves several classes counts as demand for each of them.
 * Without a province: one row per province; with one: per city of that province.
 */
export async function supplyDemand(db: Db, options: { provinceCode?: string; graduationYear?: number; today?: string } = {}): Promise<SupplyDemandRow[]> {
  const today = options.today ?? todayInChina();
  const byCity = !!options.provinceCode;
  // Supply from the trigger-maintained aggregate (students by county, class, graduation year).
  const studentRegion = byCity ? sql<string>`coalesce(${regions.cityCode}, ${regions.code})` : regions.provinceCode;
  const supplyRows = await db
    .select({ region: studentRegion, classCode: studentSupply.classCode, n: sql<number>`sum(${studentSupply.n})`.mapWith(Number) })
    .from(studentSupply)
    .innerJoin(regions, eq(regions.code, studentSupply.regionCode))
    .where(and(options.provinceCode ? eq(regions.provinceCode, options.provinceCode) : undefined, options.graduationYear ? eq(studentSupply.graduationYear, options.graduationYear) : undefined))
    .groupBy(studentRegion, studentSupply.classCode);

  // Posted seats (an index-only scan of postings_demand_idx), then the seats placements hold on those same
  // postings subtracted per cell: far fewer rows than postings, and accepting never overfills a posting.
  const postedRows = await postedSeatsQuery(db, { byCity, provinceCode: options.provinceCode, today });
  // Driven from the (few) seat-holding placements: CROSS JOIN keeps SQLite from scanning postings first.
  // PostgreSQL takes no ON after CROSS JOIN (and plans join order by itself): a plain join there.
  const regionColumn = sql.raw(byCity ? "p.city_code" : "p.province_code");
  const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
  const join = onEngine(db, { sqlite: sql.raw("cross join"), postgres: sql.raw("join") });
  // `p.host_verified` alone is the condition: an integer 0/1 on SQLite, a boolean on PostgreSQL.
  const heldRows = await rawRows<{ region: string; division: string; seats: number }>(db, sql`
    select ${regionColumn} as region, p.industry_division as division, count(*) as seats
    from ${placements} pl ${join} ${postings} p on p.id = pl.posting_id
    where pl.status in (${list(seatHoldingPlacementStatuses)}) and p.status = 'published' and p.host_verified and p.apply_by >= ${today}
      and p.kind in (${list(demandKinds)})
      ${options.provinceCode ? sql`and p.province_code = ${options.provinceCode}` : sql``}
    group by 1, 2`);
  const held = new Map(heldRows.map((r) => [`${r.region}|${r.division}`, Number(r.seats)]));
  const demandRows = postedRows.map((r) => ({ ...r, seats: Number(r.seats) - (held.get(`${r.region}|${r.division}`) ?? 0) }));

  const map = await db.select({ classCode: specialtyIndustryMap.domainCode, className: specialtyIndustryMap.className, primary: specialtyIndustryMap.primaryDivisions }).from(specialtyIndustryMap);
  const classesOfDivision = new Map<string, string[]>();
  for (const m of map) for (const d of m.primary) pushTo(classesOfDivision, d, m.classCode);
  const classNames = new Map(map.map((m) => [m.classCode, m.className]));

  const cells = new Map<string, { region: string; classCode: string; supply: number; demand: number }>();
  const cell = (region: string, classCode: string) => {
    const key = `${region}|${classCode}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { region, classCode, supply: 0, demand: 0 }));
    return c;
  };
  for (const r of supplyRows) cell(r.region, r.classCode).supply += Number(r.n);
  for (const r of demandRows) for (const classCode of classesOfDivision.get(r.division) ?? []) cell(r.region, classCode).demand += Number(r.seats);

  const regionCodes = [...new Set([...cells.values()].map((c) => c.region))];
  const regionNames = new Map(
    regionCodes.length ? (await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, regionCodes))).map((r) => [r.code, r.name]) : [],
  );
  // Class names for classes only the students have (not in the map): from the catalogue's class rows.
  const missing = [...new Set([...cells.values()].map((c) => c.classCode))].filter((c) => !classNames.has(c));
  if (missing.length) {
    for (const s of await db.select({ domainCode: specialties.domainCode, name: specialties.name }).from(specialties).where(and(inArray(specialties.domainCode, missing), eq(specialties.level, "class")))) {
      if (!classNames.has(s.domainCode)) classNames.set(s.domainCode, s.name);
    }
  }
  return [...cells.values()]
    .map((c) => ({ regionCode: c.region, regionName: regionNames.get(c.region) ?? c.region, classCode: c.classCode, className: classNames.get(c.classCode) ?? c.classCode, supply: c.supply, demand: c.demand, gap: c.demand - c.supply }))
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.regionCode.localeCompare(b.regionCode) || a.classCode.localeCompare(b.classCode));
}
