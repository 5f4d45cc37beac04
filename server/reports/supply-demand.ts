import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/create";
import { regions, specialties, specialtyIndustryMap } from "../../db/schema";
import { todayInChina } from "../schemas/accounts";
import { rawRows } from "../../db/sql";

/** Kinds whose seats are demand for students: placements, apprenticeships, order classes. */
export const demandKinds = ["placement_internship", "apprenticeship", "order_class"] as const;

export interface SupplyDemandRow {
  regionCode: string;
  regionName: string;
  classCode: string;
  className: string;
  /** Students of the region's schools in this class graduating in the report's year. */
  supply: number;
  /** Open seats of postings that name a specialty of this class (a posting's seats shared over its classes). */
  namedDemand: number;
  /** Open seats of postings that name no specialty, shared over the map's classes for their industry (a guess, shown as such). */
  inferredDemand: number;
  /** namedDemand + inferredDemand. */
  demand: number;
  /** demand − supply: positive is a shortage of students, negative a surplus. */
  gap: number;
}

export interface SupplyDemandReport {
  /** The graduating cohort the supply counts (the current one unless asked). */
  graduationYear: number;
  /** Demand is the postings still open on this day. */
  today: string;
  rows: SupplyDemandRow[];
  /** Sums over every row: demand equals the open seats of the open demand postings in scope, each counted once. */
  totals: { supply: number; namedDemand: number; inferredDemand: number; demand: number };
}

/**
 * The cohort now in its final year (vocational schools graduate in June/July): from July on, next year's
 * graduates; before, this year's. Their 岗位实习 and first jobs are what today's open seats are for.
 */
export function currentCohortYear(today: string): number {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return month >= 7 ? year + 1 : year;
}

/**
 * Talent supply and demand by region × specialty class (专业类, by its level-independent key), from aggregates that
 * triggers keep exact (drizzle reports_custom): a few thousand rows, whatever the number of postings and students.
 * Supply: the graduating cohort — students of schools in the region, in the class, graduating in `graduationYear`
 * (enrolment + 3 years, or + 4 for 职业本科), from report_supply (student_supply rolled up to cities).
 * Demand: open seats (posted quantity minus seats held by placements) of open postings (published, apply-by not
 * passed, verified host) of the demand kinds in the region, each posting counted once: on the classes of the
 * specialties it names (seats shared evenly when it names several classes), or — only when it names none — on the
 * map's classes for its industry division, reported apart as inferred demand.
 * Without a province: one row per province; with one: per city of that province.
 */
export async function supplyDemand(db: Db, options: { provinceCode?: string; graduationYear?: number; today?: string } = {}): Promise<SupplyDemandReport> {
  const today = options.today ?? todayInChina();
  const graduationYear = options.graduationYear ?? currentCohortYear(today);
  const province = options.provinceCode;
  const region = sql.raw(province ? "city_code" : "province_code");
  const supplyRows = await rawRows<{ region: string; class_code: string; n: number }>(
    db,
    sql`select ${region} as region, class_code, sum(n) as n from report_supply
        where graduation_year = ${graduationYear} ${province ? sql`and province_code = ${province}` : sql``}
        group by ${region}, class_code`,
  );
  const demandRows = await rawRows<{ region: string; class_code: string; inferred: number | boolean; seats: number }>(
    db,
    sql`select ${region} as region, class_code, inferred, sum(seats) as seats from report_demand
        where apply_by >= ${today} ${province ? sql`and province_code = ${province}` : sql``}
        group by ${region}, class_code, inferred`,
  );

  const cells = new Map<string, { region: string; classCode: string; supply: number; namedDemand: number; inferredDemand: number }>();
  const cell = (region: string, classCode: string) => {
    const key = `${region}|${classCode}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { region, classCode, supply: 0, namedDemand: 0, inferredDemand: 0 }));
    return c;
  };
  for (const r of supplyRows) cell(r.region, r.class_code).supply += Number(r.n);
  // `inferred` is 0/1 on SQLite and a boolean on PostgreSQL.
  for (const r of demandRows) cell(r.region, r.class_code)[r.inferred ? "inferredDemand" : "namedDemand"] += Number(r.seats);

  const regionCodes = [...new Set([...cells.values()].map((c) => c.region))];
  const regionNames = new Map(
    regionCodes.length ? (await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, regionCodes))).map((r) => [r.code, r.name]) : [],
  );
  const classCodes = [...new Set([...cells.values()].map((c) => c.classCode))];
  const classNames = new Map(
    classCodes.length ? (await db.select({ code: specialtyIndustryMap.domainCode, name: specialtyIndustryMap.className }).from(specialtyIndustryMap).where(inArray(specialtyIndustryMap.domainCode, classCodes))).map((r) => [r.code, r.name]) : [],
  );
  // Class names for classes only the students have (not in the map): from the catalogue's class rows.
  const missing = classCodes.filter((c) => !classNames.has(c));
  if (missing.length) {
    for (const s of await db.select({ domainCode: specialties.domainCode, name: specialties.name }).from(specialties).where(and(inArray(specialties.domainCode, missing), eq(specialties.level, "class")))) {
      if (!classNames.has(s.domainCode)) classNames.set(s.domainCode, s.name);
    }
  }
  const rows = [...cells.values()]
    .map((c) => {
      const demand = c.namedDemand + c.inferredDemand;
      return { regionCode: c.region, regionName: regionNames.get(c.region) ?? c.region, classCode: c.classCode, className: classNames.get(c.classCode) ?? c.classCode, supply: c.supply, namedDemand: c.namedDemand, inferredDemand: c.inferredDemand, demand, gap: demand - c.supply };
    })
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.regionCode.localeCompare(b.regionCode) || a.classCode.localeCompare(b.classCode));
  const sum = (key: "supply" | "namedDemand" | "inferredDemand" | "demand") => rows.reduce((s, r) => s + r[key], 0);
  return { graduationYear, today, rows, totals: { supply: sum("supply"), namedDemand: sum("namedDemand"), inferredDemand: sum("inferredDemand"), demand: sum("demand") } };
}
