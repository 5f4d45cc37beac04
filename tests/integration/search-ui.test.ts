import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { rawRows } from "@/db/sql";
import { seedDemoData } from "@/scripts/seed/seed";
import { checkApprenticeMinimumAge, checkNotFirstYear } from "@/server/compliance/rules";
import { studentMatchProfile } from "@/server/matching/profile";
import { todayInChina } from "@/server/schemas/accounts";
import { parseSearchParams } from "@/server/schemas/search-params";
import type { SearchSort } from "@/server/schemas/search-sorts";
import { postingIndexFor, type SearchFilters } from "@/server/search/posting-index";
import { searchBySql } from "@/server/search/search-postings";
import { callerFor, createTestDb } from "../helpers/db";
import { createInvitationFor, createSchool, createStudent } from "../helpers/factories";

/**
 * The search page's procedure (search.page, issue 18 item 3): facet counts, the four orders on the index and on
 * its SQL fallback, numbered pages, and the rules' reasons on postings a signed-in student may not take.
 */

let db: Db;
let firstYear: string;
let fifteen: string;
const fifteenBirth = "2011-06-01";
const now = Date.now();

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoData(db, { schools: 3, enterprises: 20, students: 10, postings: 240 });
  const school = await createSchool(db, { regionCode: "440106" });
  const code = (await createInvitationFor(db, school)).code;
  firstYear = (await createStudent(db, code, { enrolmentYear: Number(todayInChina().slice(0, 4)) - (todayInChina().slice(5) >= "09-01" ? 0 : 1), birthDate: "2008-03-01" })).userId;
  fifteen = (await createStudent(db, code, { enrolmentYear: 2025, birthDate: fifteenBirth })).userId;
}, 120_000);

/** Postings the search admits, counted directly in SQL with one more condition. */
async function directCount(where: SQL): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    db,
    sql`select count(*) as n from postings p where p.status = 'published' and cast(p.host_verified as integer) = 1 and p.apply_by >= ${todayInChina()} and ${where}`,
  );
  return Number(row!.n);
}

/** Every item of a search page after page, as the page procedure hands them out. */
async function allPages(caller: Awaited<ReturnType<typeof callerFor>>, input: Parameters<Awaited<ReturnType<typeof callerFor>>["search"]["page"]>[0]) {
  const items = [];
  for (let page = 1; ; page++) {
    const found = await caller.search.page({ ...input, page });
    items.push(...found.items);
    if (page >= found.pages) return { items, total: found.total };
  }
}

describe("facets", () => {
  it("count what a direct SQL count finds, for provinces, kinds, industry divisions, specialty groups and a province's cities", async () => {
    const anon = await callerFor(db);
    const all = await anon.search.page({});
    expect(all.facets.province.length).toBeGreaterThan(1);
    for (const v of all.facets.province) expect(v.count, v.code).toBe(await directCount(sql`p.province_code = ${v.code}`));
    for (const v of all.facets.kind) expect(v.count, v.code).toBe(await directCount(sql`p.kind = ${v.code}`));
    for (const v of all.facets.division) expect(v.count, v.code).toBe(await directCount(sql`p.industry_division = ${v.code}`));
    expect(all.facets.specialty.length).toBeGreaterThan(1);
    for (const v of all.facets.specialty) {
      const [group] = await rawRows<{ domain: string }>(db, sql`select domain_code as domain from specialties where code = ${v.code}`);
      expect(v.count, v.code).toBe(await directCount(sql`p.id in (select ps.posting_id from posting_specialties ps where ps.group_domain = ${group!.domain})`));
    }
    // Every value's count is what the search shows once it is chosen.
    const [busiest] = all.facets.province;
    expect((await anon.search.page({ regionCode: busiest!.code })).total).toBe(busiest!.count);

    // With a province chosen: no province list, the province itself and its cities, each counted with the other filters.
    const inProvince = await anon.search.page({ regionCode: busiest!.code, kinds: ["placement_internship"] });
    expect(inProvince.facets.province).toEqual([]);
    expect(inProvince.facets.chosenProvince).toMatchObject({ code: busiest!.code, count: inProvince.total });
    expect(inProvince.facets.city.length).toBeGreaterThan(0);
    for (const v of inProvince.facets.city) expect(v.count, v.code).toBe(await directCount(sql`p.city_code = ${v.code} and p.kind = 'placement_internship'`));
    expect(inProvince.facets.city.every((c) => c.name !== c.code)).toBe(true);
  });
});

describe("sort orders", () => {
  const orders: Record<SearchSort, SQL> = {
    relevance: sql`p.published_at desc, p.rowid desc`,
    newest: sql`p.published_at desc, p.rowid desc`,
    pay: sql`coalesce(p.monthly_pay, -1) desc, p.rowid desc`,
    applyBy: sql`p.apply_by asc, p.rowid desc`,
  };

  it("give the same pages from the index and from SQL, and anonymous ones the order a direct SQL query gives", async () => {
    const index = await postingIndexFor(db);
    const profile = (await studentMatchProfile(db, firstYear))!;
    const filterCases: SearchFilters[] = [{}, { regionCode: "440000" }, { kinds: ["placement_internship", "apprenticeship"] }];
    for (const sort of Object.keys(orders) as SearchSort[]) {
      for (const filters of filterCases) {
        for (const student of [null, profile]) {
          let cursor = null;
          const rowids: number[] = [];
          for (let page = 0; page < 3; page++) {
            const args = { filters, sort, profile: student?.profile ?? null, eligibility: student ? { ...student.eligibility, barred: "last" as const } : null, cursor, limit: 9, now };
            const { plan: _plan, ...fromIndex } = await index.search(db, args);
            expect(await searchBySql(db, args), JSON.stringify({ sort, filters, student: !!student, page })).toEqual(fromIndex);
            rowids.push(...fromIndex.hits.map((h) => h.rowid));
            cursor = fromIndex.nextCursor;
            if (!cursor) break;
          }
          if (student || Object.keys(filters).length > 0) continue;
          const direct = await rawRows<{ rowid: number }>(
            db,
            sql`select p.rowid as rowid from postings p where p.status = 'published' and cast(p.host_verified as integer) = 1 and p.apply_by >= ${todayInChina()} order by ${orders[sort]} limit 27`,
          );
          expect(rowids, sort).toEqual(direct.map((r) => Number(r.rowid)));
        }
      }
    }
  });

  it("apply-by is accepted from the URL and by the procedure; an unknown order is named and dropped", async () => {
    expect(parseSearchParams({ sort: "applyBy", page: "3", hide: "1" })).toMatchObject({ input: { sort: "applyBy", page: 3, hideBarred: true }, ignored: [] });
    expect(parseSearchParams({ sort: "deadline", page: "0", hide: "yes" }).ignored.map((i) => i.name)).toEqual(["sort", "page", "hide"]);
    const found = await (await callerFor(db)).search.page({ sort: "applyBy", limit: 50 });
    const dates = found.items.map((i) => i.applyBy);
    expect(dates).toEqual([...dates].sort());
  });
});

describe("pages", () => {
  it("follow each other without repeats or gaps in every order, and a page's URL shows the same postings again", async () => {
    const anon = await callerFor(db);
    const me = await callerFor(db, firstYear);
    for (const [caller, sort] of [
      [anon, "newest"],
      [anon, "pay"],
      [anon, "applyBy"],
      [me, "relevance"],
    ] as const) {
      const one = await caller.search.page({ sort, limit: 50 });
      const ids: string[] = [];
      for (let page = 1; page <= 5; page++) ids.push(...(await caller.search.page({ sort, limit: 10, page })).items.map((i) => i.id));
      expect(ids, sort).toEqual(one.items.map((i) => i.id));
      expect(new Set(ids).size).toBe(50);
      expect((await caller.search.page({ sort, limit: 10, page: 3 })).items.map((i) => i.id)).toEqual(ids.slice(20, 30));
    }
    const first = await anon.search.page({ limit: 50 });
    expect(first.pages).toBe(Math.ceil(first.total / 50));
    const past = await anon.search.page({ limit: 50, page: first.pages + 1 });
    expect(past).toMatchObject({ items: [], total: first.total });
    const { items, total } = await allPages(anon, { sort: "pay", limit: 50, kinds: ["placement_internship"] });
    expect(items.length).toBe(total);
    expect(new Set(items.map((i) => i.id)).size).toBe(total);
  });
});

describe("badges for a signed-in student", () => {
  it("give a first-year student the rule's reason on every placement starting in year one, and none elsewhere", async () => {
    const me = await callerFor(db, firstYear);
    const { enrolmentYear } = (await studentMatchProfile(db, firstYear))!.facts;
    const { items } = await allPages(me, { kinds: ["placement_internship"], sort: "newest", limit: 50 });
    let barred = 0;
    for (const item of items) {
      const expected = checkNotFirstYear(enrolmentYear, item.startDate);
      expect(item.barred.some((r) => r.zh === expected?.zh && r.en === expected.en), item.startDate).toBe(expected !== null);
      if (expected) barred++;
    }
    expect(barred).toBeGreaterThan(0);
  });

  it("give a 15-year-old the apprenticeship age rule's reason, and no reason on visits for their own group", async () => {
    const me = await callerFor(db, fifteen);
    const { items } = await allPages(me, { kinds: ["apprenticeship"], sort: "newest", limit: 50 });
    let barred = 0;
    for (const item of items) {
      const expected = checkApprenticeMinimumAge(fifteenBirth, item.startDate);
      expect(item.barred.some((r) => r.zh === expected?.zh), item.startDate).toBe(expected !== null);
      if (expected) barred++;
    }
    expect(barred).toBeGreaterThan(0);
    const visits = await me.search.page({ kinds: ["observation_visit"], specialtyCode: "51", limit: 50 });
    expect(visits.items.length).toBeGreaterThan(0);
    expect(visits.items.flatMap((i) => i.barred)).toEqual([]);
  });

  it("are hidden with the toggle, which leaves out exactly the badged postings; anonymous readers and other roles get none", async () => {
    const me = await callerFor(db, firstYear);
    const shown = await allPages(me, { sort: "newest", limit: 50 });
    const badged = shown.items.filter((i) => i.barred.length > 0).map((i) => i.id);
    expect(badged.length).toBeGreaterThan(0);
    const hidden = await allPages(me, { sort: "newest", limit: 50, hideBarred: true });
    expect(hidden.total).toBe(shown.total - badged.length);
    expect(hidden.items.map((i) => i.id)).toEqual(shown.items.filter((i) => i.barred.length === 0).map((i) => i.id));
    // The facets count what the hidden search shows.
    const page = await me.search.page({ hideBarred: true });
    expect(page.facets.kind.reduce((n, k) => n + k.count, 0)).toBe(hidden.total);
    const placements = page.facets.kind.find((k) => k.code === "placement_internship");
    expect(placements?.count ?? 0).toBe((await me.search.page({ hideBarred: true, kinds: ["placement_internship"] })).total);

    const [enterprise] = await rawRows<{ id: string }>(db, sql`select id from users where role = 'enterprise' order by id limit 1`);
    for (const caller of [await callerFor(db), await callerFor(db, enterprise!.id)]) {
      const other = await caller.search.page({ sort: "newest", limit: 50, hideBarred: true });
      expect(other.total).toBe(shown.total);
      expect(other.items.flatMap((i) => i.barred)).toEqual([]);
    }
  });
});
