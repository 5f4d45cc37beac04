import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { citiesAround, specialtyGroupCodes } from "@/db/queries/search-page";
import { rawRows } from "@/db/sql";
import { seedDemoData } from "@/scripts/seed/seed";
import { todayInChina } from "@/server/schemas/accounts";
import type { SearchPageInput } from "@/server/schemas/search-params";
import { indexStateFor, loadedPostingIndexFor, postingIndexFor } from "@/server/search/posting-index";
import { callerFor, createTestDb } from "../helpers/db";
import { createInvitationFor, createSchool, createStudent } from "../helpers/factories";

/**
 * The search page's city and specialty-group facets (issue 18 item 3): every value's count is the total the search
 * shows once that value is chosen instead, whether the index counts them in its passes or SQL (while the index
 * loads) one value at a time; values left out would show nothing.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>;
let db: Db;
let firstYear: string;
let province: string;
let city: string;
let specialty: string;
let keyword: string;
let groups: { code: string; domain: string }[];

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoData(db, { schools: 3, enterprises: 20, students: 10, postings: 240 });
  const school = await createSchool(db, { regionCode: "440106" });
  const code = (await createInvitationFor(db, school)).code;
  const today = todayInChina();
  firstYear = (await createStudent(db, code, { enrolmentYear: Number(today.slice(0, 4)) - (today.slice(5) >= "09-01" ? 0 : 1), birthDate: "2008-03-01" })).userId;
  const open = sql`p.status = 'published' and p.apply_by >= ${today}`;
  // The busiest province, its busiest city, the busiest specialty of that city, and a word of a title there.
  [{ province, city } = { province: "", city: "" }] = await rawRows<{ province: string; city: string }>(
    db,
    sql`select p.province_code as province, p.city_code as city from postings p where ${open} and p.city_code <> p.province_code group by p.province_code, p.city_code order by count(*) desc, p.city_code limit 1`,
  );
  [{ specialty } = { specialty: "" }] = await rawRows<{ specialty: string }>(
    db,
    sql`select ps.specialty_code as specialty from posting_specialties ps join postings p on p.id = ps.posting_id where ${open} and p.city_code = ${city} group by ps.specialty_code order by count(*) desc, ps.specialty_code limit 1`,
  );
  // The title of a searchable posting there of the kinds one case below filters by, chosen by title, not by its
  // random id: another posting's word (护理, 网站) can have none of those kinds in the province, and the case then
  // had no city to count (a failure in about one run in fifteen).
  const [{ title } = { title: "" }] = await rawRows<{ title: string }>(
    db,
    sql`select p.title as title from postings p where ${open} and p.city_code = ${city} and p.host_verified and p.kind in ('placement_internship', 'observation_visit') order by p.title limit 1`,
  );
  keyword = [...title].slice(0, 2).join("");
  groups = await specialtyGroupCodes(db);
  await postingIndexFor(db);
}, 120_000);

/**
 * The server while its index still loads (readiness "loading", as set at server start): every search, count and
 * facet is then answered by SQL (server/search/search-postings.ts indexOrWarmingUp), until the index is ready again.
 */
async function whileIndexLoads<T>(run: () => Promise<T>): Promise<T> {
  const readiness = globalThis as unknown as { edubridgeIndexReadiness?: { db: Db; state: string } };
  const ready = readiness.edubridgeIndexReadiness;
  readiness.edubridgeIndexReadiness = { db, state: "loading" };
  try {
    expect([indexStateFor(db), await loadedPostingIndexFor(db)]).toEqual(["loading", null]);
    return await run();
  } finally {
    readiness.edubridgeIndexReadiness = ready;
  }
}

/** The total the search page shows for an input (one item: the total is the search's, whatever the page size). */
const totalOf = async (caller: Caller, input: SearchPageInput) => (await caller.search.page({ ...input, limit: 1 })).total;

/**
 * Every city of the chosen region's province and every specialty group, each chosen instead: the page's facet
 * count (0 when the value is left out) is the total then shown. `every` false: the first two values listed and one
 * left out, of each (SQL answers each click with its own facets, one count per value).
 */
async function expectFacetsAsChosen(caller: Caller, input: SearchPageInput, every: boolean) {
  const label = JSON.stringify(input);
  const { facets } = await caller.search.page(input);
  const around = input.regionCode ? await citiesAround(db, input.regionCode) : null;
  expect(facets.chosenProvince?.code ?? null, label).toBe(around?.province ?? null);
  if (around) {
    expect(facets.chosenProvince!.count, label).toBe(await totalOf(caller, { ...input, regionCode: around.province }));
    expect(facets.city.length, label).toBeGreaterThan(0);
  }
  const cityCount = new Map(facets.city.map((v) => [v.code, v.count]));
  const groupCount = new Map(facets.specialty.map((v) => [v.code, v.count]));
  expect(facets.specialty.length, label).toBeGreaterThan(0);
  const pick = (codes: string[], listed: Map<string, number>) => (every ? codes : [...[...listed.keys()].slice(0, 2), ...codes.filter((c) => !listed.has(c)).slice(0, 1)]);
  for (const code of pick(around?.cities ?? [], cityCount)) {
    expect(cityCount.get(code) ?? 0, `${label} city ${code}`).toBe(await totalOf(caller, { ...input, regionCode: code }));
  }
  for (const code of pick(groups.map((g) => g.code), groupCount)) {
    expect(groupCount.get(code) ?? 0, `${label} group ${code}`).toBe(await totalOf(caller, { ...input, specialtyCode: code }));
  }
  return facets;
}

describe("search page facets", () => {
  it("count every city and specialty group as the search then shows it, on the index and on its SQL fallback alike", async () => {
    expect([province, city, specialty, keyword].every((v) => v.length > 0)).toBe(true);
    const anon = await callerFor(db);
    const student = await callerFor(db, firstYear);
    const cases: [Caller, SearchPageInput][] = [
      [anon, {}],
      [anon, { regionCode: province }],
      [anon, { regionCode: city }],
      [anon, { specialtyCode: specialty }],
      [anon, { specialtyCode: specialty, regionCode: city }],
      [anon, { query: keyword }],
      [anon, { query: keyword, regionCode: province, kinds: ["placement_internship", "observation_visit"] }],
      [student, { regionCode: province, hideBarred: true }],
      [student, { regionCode: province }],
      [student, { specialtyCode: specialty, hideBarred: true }],
    ];
    for (const [caller, input] of cases) {
      const byIndex = await expectFacetsAsChosen(caller, input, true);
      const bySql = await whileIndexLoads(() => expectFacetsAsChosen(caller, input, false));
      expect(bySql, JSON.stringify(input)).toEqual(byIndex);
    }
    // Hiding barred postings changes the first-year student's counts (placements in year one are left out).
    const shown = await student.search.page({ regionCode: province });
    const hidden = await student.search.page({ regionCode: province, hideBarred: true });
    expect(hidden.facets.chosenProvince!.count).toBeLessThan(shown.facets.chosenProvince!.count);
  }, 120_000);
});
