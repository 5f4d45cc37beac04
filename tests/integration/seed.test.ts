import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { applications, organisations, placements, postings, postingSpecialties, regions, specialties, specialtyIndustryMap, studentProfiles } from "@/db/schema";
import { applicationStatuses, placementStatuses, postingKinds, postingStatuses, schoolPostingKinds } from "@/db/schema-enums";
import { industryOfClass } from "@/server/admin/specialty-map";
import { seedDemoData } from "@/scripts/seed/seed";
import { specialtyFitsRegion } from "@/scripts/seed/texts";
import { createTestDb } from "../helpers/db";

let a: Db;
let b: Db;
beforeAll(async () => {
  a = await createTestDb();
  b = await createTestDb();
  await seedDemoData(a);
  await seedDemoData(b);
}, 240_000);

describe("demo data", () => {
  it("is deterministic and meets the size the product promises", async () => {
    // uscc breaks ties between same-named organisations, so that the order is the same on every engine.
    const names = (db: typeof a) => db.select({ name: organisations.name, uscc: organisations.uscc }).from(organisations).orderBy(organisations.name, organisations.uscc);
    expect(await names(a)).toEqual(await names(b));
    const countOf = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
    expect(await countOf(a.select({ n: count() }).from(organisations).where(eq(organisations.kind, "school")))).toBeGreaterThanOrEqual(30);
    expect(await countOf(a.select({ n: count() }).from(organisations).where(eq(organisations.kind, "enterprise")))).toBeGreaterThanOrEqual(200);
    expect(await countOf(a.select({ n: count() }).from(studentProfiles))).toBeGreaterThanOrEqual(2000);
    expect(await countOf(a.select({ n: count() }).from(postings).where(eq(postings.status, "published")))).toBeGreaterThan(500);
    const titles = (db: typeof a) => db.select({ t: postings.title }).from(postings).orderBy(postings.title).limit(50);
    expect(await titles(a)).toEqual(await titles(b));
  });
});

/** Issue 20 item 5: demo data a school would believe. */
describe("demo data a school would believe", () => {
  it("files every school under education (GB/T 4754 division 83), by its level", async () => {
    const schools = await a.select({ name: organisations.name, level: organisations.schoolLevel, industry: organisations.industryCode }).from(organisations).where(eq(organisations.kind, "school"));
    expect(schools.length).toBeGreaterThan(0);
    for (const s of schools) expect([s.name, s.industry]).toEqual([s.name, s.level === "secondary" ? "8336" : "8341"]);
  });

  it("names a full four-digit year in every title that names a cohort", async () => {
    const rows = await a.select({ kind: postings.kind, title: postings.title }).from(postings);
    // 届 (graduating class) or 级 (intake), not the 级 of 等级证书, 高星级 or 高级中学.
    const namesCohort = (title: string) => /届|(?<![等星高])级/.test(title);
    const cohortTitles = rows.filter((r) => namesCohort(r.title));
    expect(cohortTitles.length).toBeGreaterThan(50);
    const broken = cohortTitles.filter((r) => !/20\d\d ?[届级]/.test(r.title));
    expect(broken).toEqual([]);
    // Every programme cohort names its graduating year; order classes their intake year.
    expect(rows.filter((r) => r.kind === "programme_cohort" && !/20\d\d届/.test(r.title))).toEqual([]);
    expect(rows.filter((r) => r.kind === "order_class" && !/20\d\d级/.test(r.title)).length).toBeLessThan(rows.filter((r) => r.kind === "order_class").length / 2);
  });

  it("varies titles and descriptions", async () => {
    const rows = await a.select({ title: postings.title, description: postings.description }).from(postings);
    expect(new Set(rows.map((r) => r.title)).size / rows.length).toBeGreaterThan(0.8);
    expect(new Set(rows.map((r) => r.description)).size / rows.length).toBeGreaterThan(0.8);
  });

  it("keeps specialties consistent with the host's industry through the specialty→industry map", async () => {
    const map = await a.select().from(specialtyIndustryMap);
    const primaryOf = new Map(map.map((m) => [m.domainCode, m.primaryDivisions]));
    const divisionOf = new Map(map.map((m) => [m.domainCode, industryOfClass(m.primaryDivisions, m.relatedDivisions)]));
    const rows = await a
      .select({ id: postings.id, kind: postings.kind, orgKind: organisations.kind, division: postings.industryDivision, orgIndustry: organisations.industryCode, classDomain: postingSpecialties.classDomain, name: specialties.name, province: regions.provinceCode })
      .from(postings)
      .innerJoin(organisations, eq(organisations.id, postings.organisationId))
      .innerJoin(postingSpecialties, eq(postingSpecialties.postingId, postings.id))
      .innerJoin(specialties, eq(specialties.code, postingSpecialties.specialtyCode))
      .innerJoin(regions, eq(regions.code, postings.regionCode));
    // The demo enterprise's own postings (seed-placements) are written by hand: software, computing specialties.
    const enterpriseRows = rows.filter((r) => r.orgKind === "enterprise");
    const foreign = enterpriseRows.filter((r) => !primaryOf.get(r.classDomain)?.includes(r.division));
    expect(foreign).toEqual([]);
    const schoolRows = rows.filter((r) => r.orgKind === "school");
    expect(schoolRows.length).toBeGreaterThan(0);
    expect(schoolRows.filter((r) => r.division !== (divisionOf.get(r.classDomain) ?? r.orgIndustry?.slice(0, 2)))).toEqual([]);
    // No 藏医学 on a Dongguan hospital's posting: ethnic medicine only in its own regions.
    expect(rows.filter((r) => !specialtyFitsRegion(r.name, r.province))).toEqual([]);
    // Nothing in public administration (91–97), where students are not placed.
    expect(rows.filter((r) => Number(r.division) >= 91)).toEqual([]);
  });

  it("never promises enterprise mentors on a school's posting", async () => {
    const rows = await a.select({ title: postings.title, description: postings.description, kind: postings.kind }).from(postings).innerJoin(organisations, eq(organisations.id, postings.organisationId)).where(eq(organisations.kind, "school"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => (schoolPostingKinds as readonly string[]).includes(r.kind))).toBe(true);
    expect(rows.filter((r) => /企业导师|配备.*导师/.test(r.description))).toEqual([]);
  });

  it("holds every kind and state of posting, application and placement", async () => {
    const values = async <T,>(rows: Promise<{ v: T }[]>) => new Set((await rows).map((r) => r.v));
    expect([...(await values(a.selectDistinct({ v: postings.kind }).from(postings)))].sort()).toEqual([...postingKinds].sort());
    expect([...(await values(a.selectDistinct({ v: postings.status }).from(postings)))].sort()).toEqual([...postingStatuses].sort());
    expect([...(await values(a.selectDistinct({ v: applications.status }).from(applications)))].sort()).toEqual([...applicationStatuses].sort());
    expect([...(await values(a.selectDistinct({ v: placements.status }).from(placements)))].sort()).toEqual([...placementStatuses].sort());
    const rejected = await a.select({ reason: postings.rejectionReason }).from(postings).where(eq(postings.status, "rejected"));
    expect(rejected.every((r) => (r.reason ?? "").length > 5)).toBe(true);
  });
});
