import { asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import type { Db } from "@/db/create";
import { organisations, studentProfiles, users } from "@/db/schema";
import { configuredEngine } from "@/db/engine";
import { enterprisePostingKinds } from "@/db/schema-enums";
import { isPostgres } from "@/db/transaction";
import { demoAccounts, seedDemoData } from "@/scripts/seed/seed";
import { matchForOrganisation } from "@/server/matching/counterparts";
import { studentMatchProfile } from "@/server/matching/profile";
import { studentFacingKinds } from "@/server/compliance/posting";
import { indexStateFor, loadedPostingIndexFor, postingIndexFor, type SearchFilters, type SortOrder } from "@/server/search/posting-index";
import { findPostings, searchBySql } from "@/server/search/search-postings";
import { createTestDb, releaseTestDb, testDbUrl } from "../helpers/db";

/**
 * Readiness and search during warm-up. The index answers once loaded; until then SQL answers
 * (db/queries/naive-search.ts sqlSearch), which must give the same pages, keys, scores, totals and facets.
 * The route handlers are called directly, on the process-wide database (server/db.ts) set to a test one.
 */

const globalForDb = globalThis as unknown as { edubridgeDb?: Db };

let db: Db;
let profiles: NonNullable<Awaited<ReturnType<typeof studentMatchProfile>>>[];
const now = Date.now();

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoData(db, { postings: 3000 });
  const ids = (await db.select({ id: studentProfiles.userId }).from(studentProfiles).orderBy(asc(studentProfiles.userId)).limit(6)).map((r) => r.id);
  profiles = (await Promise.all(ids.map((id) => studentMatchProfile(db, id)))).filter((p) => p !== null);
}, 120_000);

describe("the SQL answer equals the index's", () => {
  const filterCases: SearchFilters[] = [
    {},
    { query: "实习" },
    { query: "软件 开发" },
    { query: "Java" },
    { query: "岗 软件" },
    { query: "!!" },
    { regionCode: "440000" },
    { regionCode: "440300", kinds: ["placement_internship"] },
    { industryCode: "C" },
    { industryCode: "65" },
    { specialtyCode: "5102" },
    { specialtyCode: "51" },
    { specialtyCode: "510201" },
    { payMin: 3000, payMax: 6000 },
    { payMax: 4000, minSeats: 3 },
    { startFrom: "2026-03-01", startTo: "2026-12-31" },
    { query: "岗位", regionCode: "320000", specialtyCode: "5102" },
  ];
  const sorts: SortOrder[] = ["newest", "pay", "relevance"];

  it("for every filter and sort order, with and without a profile, page after page (hits with keys and scores, total, facets, cursor)", async () => {
    const index = await postingIndexFor(db);
    let compared = 0;
    for (const filters of filterCases) {
      for (const sort of sorts) {
        for (const profile of [null, profiles[0]!.profile]) {
          let cursor = null;
          // Three pages: the keyset cursor of each answer must lead both to the same next page.
          for (let page = 0; page < 3; page++) {
            const args = { filters, sort, profile, cursor, limit: 7, now };
            const fromIndex = await index.search(db, args);
            const fromSql = await searchBySql(db, args);
            const { plan: _plan, ...indexAnswer } = fromIndex;
            expect(fromSql, JSON.stringify({ filters, sort, profile: !!profile, page })).toEqual(indexAnswer);
            compared += fromSql.hits.length;
            cursor = fromIndex.nextCursor;
            if (!cursor) break;
          }
        }
      }
    }
    // The cases are not all empty: most pages are full.
    expect(compared).toBeGreaterThan(filterCases.length * sorts.length * 2 * 7);
  }, 120_000);

  it("for recommendations: eligibility rules, relevance by each student's profile, without counts", async () => {
    const index = await postingIndexFor(db);
    let compared = 0;
    for (const student of profiles) {
      let cursor = null;
      for (let page = 0; page < 3; page++) {
        const args = { filters: { kinds: [...studentFacingKinds] }, sort: "relevance" as const, profile: student.profile, eligibility: student.eligibility, cursor, limit: 10, now, counts: false };
        const { hits, nextCursor } = await index.search(db, args);
        const fromSql = await searchBySql(db, args);
        expect([fromSql.hits, fromSql.nextCursor]).toEqual([hits, nextCursor]);
        // Full pages until the last (a student whose specialty group has few postings may run out: every
        // student-facing kind keeps to the student's group, as applying does).
        expect(hits.length).toBe(nextCursor ? 10 : hits.length);
        compared += hits.length;
        cursor = nextCursor;
        if (!cursor) break;
      }
    }
    expect(compared).toBeGreaterThan(profiles.length * 10);
  });

  it("for organisations ranked by their best posting (one per organisation)", async () => {
    const index = await postingIndexFor(db);
    for (const student of profiles) {
      const args = { filters: { kinds: [...enterprisePostingKinds] }, sort: "relevance" as const, profile: student.profile, limit: 10, now, counts: false, distinctOrganisations: true };
      const fromIndex = await index.search(db, args);
      const fromSql = await searchBySql(db, args);
      expect(fromSql.hits).toEqual(fromIndex.hits);
      expect(fromSql.nextCursor).toBeNull();
      expect(new Set(fromSql.hits.map((h) => h.rowid)).size).toBe(10);
    }
  });
});

describe("readiness and warm-up", () => {
  let previousDb: Db | undefined;
  beforeAll(() => {
    previousDb = globalForDb.edubridgeDb;
  });
  afterAll(() => {
    globalForDb.edubridgeDb = previousDb;
  });

  it("answers /api/ready 503 warming while the index loads, then 200; /api/health answers throughout", async () => {
    // A database of its own, whose index nobody has loaded yet.
    const fresh = await createTestDb();
    await seedDemoData(fresh, { postings: 300, students: 50 });
    globalForDb.edubridgeDb = fresh;
    expect(indexStateFor(fresh)).toBe("absent");
    const before = await ready();
    expect([before.status, await before.json(), before.headers.get("cache-control")]).toEqual([503, { ready: false, state: "warming" }, "no-store"]);

    const loading = postingIndexFor(fresh);
    // Asked before the load resolves (as the server's own start does: instrumentation.ts).
    const during = ready();
    const alive = health();
    expect([(await during).status, await (await during).json()]).toEqual([503, { ready: false, state: "warming" }]);
    expect((await alive).status).toBe(200);

    await loading;
    const after = await ready();
    expect([after.status, await after.json(), after.headers.get("cache-control")]).toEqual([200, { ready: true }, "no-store"]);
  }, 60_000);

  it("answers /api/ready 503 failed after a failed load, and starts another load", async () => {
    const broken = await createTestDb();
    globalForDb.edubridgeDb = broken;
    // A database that stops answering: every read of the load fails, as the next load's do.
    await releaseTestDb(broken);
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    await expect(postingIndexFor(broken)).rejects.toThrow();
    expect(indexStateFor(broken)).toBe("failed");
    const failed = await ready();
    expect([failed.status, await failed.json(), failed.headers.get("cache-control")]).toEqual([503, { ready: false, state: "failed" }, "no-store"]);
    // The probe started a new load (it fails too, and says so once), rather than leaving the instance out for good.
    await vi.waitFor(() => expect(logged.map((args) => String(args[0]))).toEqual(["search index load failed:"]));
    expect(indexStateFor(broken)).toBe("failed");
  });

  it("answers a search during warm-up from SQL, with the index's results", async () => {
    const fresh = await createTestDb();
    await seedDemoData(fresh, { postings: 600, students: 50 });
    // The demo student (a fixed one: the first by id is random, and some students have nothing they may take).
    const [demoStudent] = await fresh.select({ id: users.id }).from(users).where(eq(users.email, demoAccounts.find((a) => a.role === "student")!.email));
    const student = (await studentMatchProfile(fresh, demoStudent!.id))!;
    const requests = [
      { filters: {}, sort: "newest" as const, profile: null, limit: 10, now },
      { filters: { query: "实习", regionCode: "440000" }, sort: "pay" as const, profile: null, limit: 10, now },
      { filters: { kinds: [...studentFacingKinds] }, sort: "relevance" as const, profile: student.profile, eligibility: student.eligibility, limit: 10, now, counts: false },
    ];
    const loading = postingIndexFor(fresh);
    expect(indexStateFor(fresh)).toBe("loading");
    // Every search decides at once, while the index is still loading: SQL answers.
    const during = requests.map((r) => findPostings(fresh, r));
    const [school] = await fresh.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, "school")).limit(1);
    const organisationsDuring = matchForOrganisation(fresh, school!.id, now);
    await loading;
    expect(indexStateFor(fresh)).toBe("ready");
    // The same requests answered by the loaded index.
    for (const [k, request] of requests.entries()) {
      const answer = await during[k]!;
      expect(answer.items.length).toBeGreaterThan(0);
      expect(answer).toEqual(await findPostings(fresh, request));
    }
    expect(await organisationsDuring).toEqual(await matchForOrganisation(fresh, school!.id, now));
  }, 60_000);

  it.runIf(configuredEngine() === "postgres")(
    "does not wait for a load held up in the database (PostgreSQL: the load's first read is locked out)",
    async () => {
      const fresh = await createTestDb();
      await seedDemoData(fresh, { postings: 300, students: 50 });
      expect(isPostgres(fresh)).toBe(true);
      // Another session locks the industries table, which the load reads first; searches without an
      // industry filter do not read it for their SQL answer.
      const other = postgres(testDbUrl(fresh)!, { max: 1 });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const lock = other.begin(async (tx) => {
        await tx`lock table industries in access exclusive mode`;
        locked();
        await held;
      });
      await isLocked;
      const loading = postingIndexFor(fresh);
      let loaded = false;
      void loading.then(() => (loaded = true));
      // Searches do not read industries without an industry filter; their cards do (a join), so here the
      // question is how many (limit 0: total and facets, no cards) and the SQL page itself.
      const request = { filters: { query: "实习" }, sort: "newest" as const, profile: null, limit: 10, now };
      const counting = { ...request, filters: { query: "实习", regionCode: "440000" }, limit: 0 };
      expect(await loadedPostingIndexFor(fresh)).toBeNull();
      const tooLong = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5000));
      const counted = await Promise.race([findPostings(fresh, counting), tooLong]);
      const answer = await searchBySql(fresh, request);
      // Answered while the load still waits for the lock.
      expect([loaded, indexStateFor(fresh), answer.hits.length]).toEqual([false, "loading", 10]);
      expect(counted).not.toBe("waited");
      release();
      await lock;
      await other.end();
      const index = await loading;
      const { plan: _plan, ...fromIndex } = await index.search(fresh, request);
      expect(answer).toEqual(fromIndex);
      const countedByIndex = await findPostings(fresh, counting);
      expect(countedByIndex.total).toBeGreaterThan(0);
      expect(counted).toEqual(countedByIndex);
    },
    60_000,
  );
});
