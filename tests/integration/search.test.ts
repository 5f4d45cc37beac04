import { and, asc, eq, gte, max, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { Db } from "@/db/create";
import { organisations, postings, postingSpecialties, regions, schoolSpecialties, specialties, studentProfiles } from "@/db/schema";
import { naiveSearch } from "@/db/queries/naive-search";
import { seedDemoData } from "@/scripts/seed/seed";
import { todayInChina } from "@/server/schemas/accounts";
import { postingIndexFor } from "@/server/search/posting-index";
import { ftsQuery } from "@/server/search/text";
import { findPostings } from "@/server/search/search-postings";
import { divisionsOf, industryMapRows, stageOf, studentMatchProfile } from "@/server/matching/profile";
import { rankKey, regionReason, scoreMatch, type MatchProfile } from "@/server/matching/score";
import { studentFacingKinds } from "@/server/compliance/posting";
import { PostingIndex, type Cursor, type SearchResult } from "@/server/search/posting-index";
import { checkStudentEligibility, type StudentFacts } from "@/server/compliance/application";
import { byKeyThenId, counterpartTuning, matchForOrganisation, matchForPosting, profileOf, studentTieKey } from "@/server/matching/counterparts";
import { enterprisePostingKinds } from "@/db/schema-enums";
import { ageOn, checkMinimumAge, checkNotFirstYear } from "@/server/compliance/rules";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";

describe("matching a student with hand-built postings", () => {
  let db: Db;
  let student: { userId: string };
  let ids: Record<string, string>;
  let orgs: Record<string, { userId: string; organisationId: string }>;

  beforeAll(async () => {
    db = await createTestDb();
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const school = await createSchool(db, { regionCode: "440106" });
    // 计算机应用技术, enrolled 2024 (second year from 1 Sept 2025), born 2006.
    student = await createStudent(db, (await createInvitationFor(db, school)).code, { specialtyCode: "510201", enrolmentYear: 2024, birthDate: "2006-05-01" });
    const gzSoftware = await createEnterprise(db, { regionCode: "440105", industryCode: "6513", staffCount: 500 });
    await db.update(studentProfiles).set({ visibleToEnterprises: true }).where(eq(studentProfiles.userId, student.userId));
    await db.insert(schoolSpecialties).values([
      { organisationId: school.organisationId, specialtyCode: "510201" },
      { organisationId: school.organisationId, specialtyCode: "510203" },
    ]);
    const bjSoftware = await createEnterprise(db, { regionCode: "110108", industryCode: "6513", staffCount: 500 });
    const gzHospital = await createEnterprise(db, { regionCode: "440104", industryCode: "8411", staffCount: 500 });
    const publish = async (owner: { userId: string; organisationId: string; postId?: string }, posting: ReturnType<typeof placementInput>) => {
      const { id } = await (await callerFor(db, owner.userId)).postings.create({ organisationId: owner.organisationId, posting: { ...posting, postId: owner.postId }, submit: true });
      await admin.postings.approve({ postingId: id });
      return id;
    };
    const dates = { startDate: "2099-03-01", endDate: "2099-08-31", applyBy: "2099-02-01" };
    ids = {
      gzSoftware: await publish(gzSoftware, placementInput({ title: "广州 Java 开发实习", regionCode: "440105", specialtyCodes: ["510201"], ...dates })),
      bjSoftware: await publish(bjSoftware, placementInput({ title: "北京 Java 开发实习", regionCode: "110108", specialtyCodes: ["510201"], ...dates })),
      gzNursing: await publish(gzHospital, placementInput({ title: "广州 护理岗位实习", regionCode: "440104", industryCode: "8411", specialtyCodes: ["520201"], ...dates })),
      // Starts while the class of 2024 is still in year one: the student may not take it.
      tooEarly: await publish(gzSoftware, placementInput({ title: "广州 前端开发实习", regionCode: "440105", specialtyCodes: ["510201"], startDate: "2025-07-01", endDate: "2099-12-31", applyBy: "2099-02-01" })),
      cohort: await publish(school, { ...placementInput({ title: "2027 届计算机应用技术专业学生", regionCode: "440106", industryCode: "65", specialtyCodes: ["510201"], ...dates }), kind: "programme_cohort", details: { graduationYear: 2027, skills: "Java 开发" } } as never),
      observation: await publish(gzHospital, { ...placementInput({ title: "医院认识实习", regionCode: "440104", industryCode: "8411", specialtyCodes: ["520201"], ...dates }), kind: "observation_visit", details: { agenda: "参观病房与护理流程", safetyArrangements: "专人带队", feesToStudents: 0 } } as never),
    };
    orgs = { school, gzSoftware, bjSoftware, gzHospital };
  });

  it("finds for an enterprise posting the fitting school cohort and the eligible visible students", async () => {
    const owner = await callerFor(db, orgs.gzSoftware!.userId);
    const result = await owner.match.forPosting({ organisationId: orgs.gzSoftware!.organisationId, postingId: ids.gzSoftware! });
    expect(result.postings[0]?.id).toBe(ids.cohort);
    expect(result.postings[0]?.explanation.find((e) => e.criterion === "specialty")).toMatchObject({ tier: "same", name: "计算机应用技术" });
    expect(result.students.map((s) => s.userId)).toEqual([student.userId]);
    expect(Object.keys(result.students[0]!)).not.toContain("birthDate");
    // The same student is still in year one when the other placement starts: not offered for it.
    const early = await owner.match.forPosting({ organisationId: orgs.gzSoftware!.organisationId, postingId: ids.tooEarly! });
    expect(early.students).toEqual([]);
    // A school's cohort gets the enterprise postings that fit, best first.
    const staff = await callerFor(db, orgs.school!.userId);
    const forCohort = await staff.match.forPosting({ organisationId: orgs.school!.organisationId, postingId: ids.cohort! });
    expect(forCohort.postings[0]?.organisationId).toBe(orgs.gzSoftware!.organisationId);
    // Another organisation's posting cannot be reached through one's own organisation, nor another's.
    expect(await staff.match.forPosting({ organisationId: orgs.school!.organisationId, postingId: ids.gzSoftware! }).catch((e: { code: string }) => e.code)).toBe("NOT_FOUND");
    expect(await staff.match.forPosting({ organisationId: orgs.gzSoftware!.organisationId, postingId: ids.gzSoftware! }).catch((e: { code: string }) => e.code)).toBe("FORBIDDEN");
  });

  it("finds the counterpart organisations most worth contacting", async () => {
    const staff = await callerFor(db, orgs.school!.userId);
    const forSchool = await staff.match.forOrganisation({ organisationId: orgs.school!.organisationId });
    expect(forSchool[0]?.organisationId).toBe(orgs.gzSoftware!.organisationId);
    const owner = await callerFor(db, orgs.gzSoftware!.userId);
    const forEnterprise = await owner.match.forOrganisation({ organisationId: orgs.gzSoftware!.organisationId });
    expect(forEnterprise[0]?.organisationId).toBe(orgs.school!.organisationId);
  });

  it("ranks a Guangzhou software internship above a Beijing one, and both above a Guangzhou nursing one", async () => {
    const me = await callerFor(db, student.userId);
    const result = await me.search.postings({ query: "实习", kinds: ["placement_internship"], sort: "relevance" });
    const order = result.items.map((i) => i.id);
    expect(order.indexOf(ids.gzSoftware!)).toBeLessThan(order.indexOf(ids.bjSoftware!));
    expect(order.indexOf(ids.bjSoftware!)).toBeLessThan(order.indexOf(ids.gzNursing!));
    const top = result.items[0]!;
    expect(top.explanation.map((e) => [e.criterion, e.name])).toEqual(
      expect.arrayContaining([
        ["specialty", "计算机应用技术"],
        ["region", "广州市"],
        ["industry", "软件和信息技术服务业"],
      ]),
    );
  });

  it("recommends only what the student may take, explained", async () => {
    const me = await callerFor(db, student.userId);
    const result = await me.match.forStudent({});
    const got = result.items.map((i) => i.id);
    expect(got.slice(0, 2)).toEqual([ids.gzSoftware, ids.bjSoftware]);
    expect(got).not.toContain(ids.tooEarly); // year one at its start
    expect(got).not.toContain(ids.gzNursing); // a placement outside the student's specialty group
    expect(got).not.toContain(ids.observation); // a visit outside the student's specialty group: applying refuses it too
    expect(result.items[0]!.score).toBeGreaterThan(result.items[1]!.score!);
  });

  it("pages with a cursor without gaps or repeats", async () => {
    const anon = await callerFor(db);
    const first = await anon.search.postings({ sort: "newest", limit: 2 });
    const second = await anon.search.postings({ sort: "newest", limit: 2, cursor: first.nextCursor });
    const third = await anon.search.postings({ sort: "newest", limit: 2, cursor: second.nextCursor });
    const all = [...first.items, ...second.items, ...third.items].map((i) => i.id);
    expect(third.items).toHaveLength(2);
    expect(new Set(all).size).toBe(6);
    expect(third.nextCursor).toBeNull();
    expect(first.total).toBe(6);
  });

  it("filters by region at any level: a province includes its cities and counties", async () => {
    const anon = await callerFor(db);
    expect((await anon.search.postings({ regionCode: "440000" })).total).toBe(5);
    expect((await anon.search.postings({ regionCode: "440100" })).total).toBe(5);
    expect((await anon.search.postings({ regionCode: "440104" })).total).toBe(2);
    expect((await anon.search.postings({ regionCode: "110000" })).items.map((i) => i.id)).toEqual([ids.bjSoftware]);
  });

  it("keeps a searched term's cached positions exact as postings are published and closed", async () => {
    const anon = await callerFor(db);
    const before = await anon.search.postings({ query: "夜班", sort: "newest" });
    const cachedAgain = await anon.search.postings({ query: "夜班", sort: "newest" });
    expect(cachedAgain.total).toBe(before.total);
    const owner = await createEnterprise(db, { staffCount: 300 });
    const ownerCaller = await callerFor(db, owner.userId);
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const dates = { startDate: "2099-03-01", endDate: "2099-08-31", applyBy: "2099-02-01" };
    const { id } = await ownerCaller.postings.create({ organisationId: owner.organisationId, posting: placementInput({ postId: owner.postId, title: "夜班质检实习", ...dates }), submit: true });
    await admin.postings.approve({ postingId: id });
    const published = await anon.search.postings({ query: "夜班", sort: "newest" });
    expect(published.total).toBe(before.total + 1);
    expect(published.items.map((i) => i.id)).toContain(id);
    await ownerCaller.postings.close({ organisationId: owner.organisationId, postingId: id });
    expect((await anon.search.postings({ query: "夜班", sort: "newest" })).total).toBe(before.total);
  });

  it("sees a newly approved posting and stops showing a closed one", async () => {
    const anon = await callerFor(db);
    const before = (await anon.search.postings({})).total;
    const owner = await createEnterprise(db, { staffCount: 300 });
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const { id } = await (await callerFor(db, owner.userId)).postings.create({ organisationId: owner.organisationId, posting: placementInput({ postId: owner.postId, title: "新发布的实习", startDate: "2099-03-01", endDate: "2099-08-31", applyBy: "2099-02-01" }), submit: true });
    await admin.postings.approve({ postingId: id });
    expect((await anon.search.postings({ query: "新发布" })).items.map((i) => i.id)).toEqual([id]);
    // Written after the index was loaded, it is the newest of the unfiltered search by date.
    expect((await anon.search.postings({ sort: "newest" })).items[0]!.id).toBe(id);
    await (await callerFor(db, owner.userId)).postings.close({ organisationId: owner.organisationId, postingId: id });
    expect((await anon.search.postings({})).total).toBe(before);
  });
});

describe("search over the demo data set", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    await seedDemoData(db, { postings: 3000 });
  });

  const cases = [
    {},
    { query: "实习" },
    { query: "软件技术" },
    { regionCode: "440000" },
    { regionCode: "440300", kinds: ["placement_internship"] },
    { industryCode: "C" },
    { industryCode: "65" },
    { specialtyCode: "1102".replace("11", "51") },
    { specialtyCode: "51" },
    { specialtyCode: "510201" },
    { payMin: 3000, payMax: 6000 },
    { query: "岗位", regionCode: "320000", specialtyCode: "5102" },
  ];

  it.each(cases)("gives the same total as a plain SQL scan for %j", async (filters) => {
    const fast = await findPostings(db, { filters: filters as never, sort: "newest", profile: null, limit: 20 });
    const naive = await naiveSearch(db, { ...(filters as object), today: todayInChina() });
    expect(fast.total).toBe(naive.total);
    expect(fast.items.map((i) => i.rowid)).toEqual(naive.rowids);
  });

  /**
   * Queries of several parts (two Han words, a Han word and a Latin word, a word and a single character): the
   * index must AND every part, as the FTS5 scan does (LIKE '%q%' would look for the whole string, spaces and
   * all). Every query's parts alone find more postings than all of them together, so an index that kept only
   * one part (the first, the rarest or the last) gives another total here.
   */
  const multiPart = [
    { query: "实训 数控", found: true },
    { query: "软件 深圳", found: false },
    { query: "开发 Java", found: true },
    { query: "Java 开发", found: true },
    { query: "软件 护", found: true },
    { query: "岗 软件", found: true },
    { query: "软件 实习 深圳", found: false },
  ];
  it.each(multiPart)("gives the same total and first page as the FTS5 scan for the multi-part query $query", async ({ query, found }) => {
    const today = todayInChina();
    const scan = (q: string) => naiveSearch(db, { query: q, ftsMatch: ftsQuery(q)!, today });
    const fast = await findPostings(db, { filters: { query }, sort: "newest", profile: null, limit: 20 });
    const naive = await scan(query);
    expect(fast.total).toBe(naive.total);
    expect(fast.items.map((i) => i.rowid)).toEqual(naive.rowids);
    expect(naive.total > 0).toBe(found);
    const alone: number[] = [];
    for (const part of query.split(" ")) alone.push((await scan(part)).total);
    expect(naive.total).toBeLessThan(Math.max(...alone));
    // Filtered too (the text positions then narrow a region's candidates, not the other way round).
    const inGuangdong = await findPostings(db, { filters: { query, regionCode: "440000" }, sort: "newest", profile: null, limit: 20 });
    const naiveGuangdong = await naiveSearch(db, { query, ftsMatch: ftsQuery(query)!, regionCode: "440000", today });
    expect([inGuangdong.total, inGuangdong.items.map((i) => i.rowid)]).toEqual([naiveGuangdong.total, naiveGuangdong.rowids]);
  });

  it("orders by the same score that explains each result", async () => {
    const studentId = (await db.select({ id: studentProfiles.userId }).from(studentProfiles).limit(1))[0]!.id;
    const student = (await studentMatchProfile(db, studentId))!;
    const index = await postingIndexFor(db);
    const now = Date.now();
    const raw = await index.search(db, { filters: {}, sort: "relevance", profile: student.profile, now, limit: 30 });
    const explained = await findPostings(db, { filters: {}, sort: "relevance", profile: student.profile, limit: 30, now });
    expect(explained.items.map((i) => i.score)).toEqual(raw.hits.map((h) => h.score));
    const scores = explained.items.map((i) => i.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  /**
   * The plain answer to "the best postings for this profile": score every open posting with scoreMatch
   * and sort. Eligibility is restated here from its definition (year one, age, minors, specialty group).
   */
  /** Every open posting with its specialties, read once: nothing in this block writes. */
  let openPostings: ReturnType<typeof readOpenPostings> | undefined;
  async function readOpenPostings() {
    const specs = new Map<string, [string, string][]>();
    for (const ps of await db.select({ postingId: postingSpecialties.postingId, code: postingSpecialties.specialtyCode, classDomain: postingSpecialties.classDomain }).from(postingSpecialties)) {
      specs.set(ps.postingId, [...(specs.get(ps.postingId) ?? []), [ps.code, ps.classDomain]]);
    }
    return (
      await db
        .select({
          rowid: sql<number>`rowid`.mapWith(Number),
          id: postings.id,
          kind: postings.kind,
          regionCode: postings.regionCode,
          cityCode: postings.cityCode,
          provinceCode: postings.provinceCode,
          industryDivision: postings.industryDivision,
          publishedAt: postings.publishedAt,
          quantity: postings.quantity,
          startDate: postings.startDate,
          details: postings.details,
          organisationId: postings.organisationId,
          monthlyPay: postings.monthlyPay,
        })
        .from(postings)
        .where(and(eq(postings.status, "published"), gte(postings.applyBy, todayInChina())))
    ).map((p) => [p.rowid, p.kind, p.regionCode, p.cityCode, p.provinceCode, p.industryDivision, p.publishedAt?.getTime() ?? null, p.quantity, p.startDate, p.details.forbiddenForMinors ? 1 : 0, specs.get(p.id) ?? [], p.organisationId, p.monthlyPay] as const);
  }

  async function rankEveryPosting(profile: MatchProfile, now: number, options: { kinds?: readonly string[]; student?: StudentFacts; limit: number }) {
    const rows = await (openPostings ??= readOpenPostings());
    // The rules themselves (as applying), for the student-facing kinds they govern.
    const eligible = ([, kind, , , , , , , start, minors, specs]: (typeof rows)[number]) => {
      const student = options.student;
      if (!student || !studentFacingKinds.includes(kind)) return true;
      const facts = { kind, status: "published", applyBy: start, startDate: start, quantity: 1, specialtyGroups: specs.map(([, c]) => c.slice(0, 2)), forbiddenForMinors: minors === 1, postStaffCount: null };
      return checkStudentEligibility(facts, student).length === 0;
    };
    return rows
      .filter((r) => (!options.kinds || options.kinds.includes(r[1])) && eligible(r))
      .map((r) => {
        const region = { county: r[2], city: r[3], province: r[4] };
        const score = scoreMatch(profile, { specialties: r[10].map(([code, c]) => ({ code, classDomain: c, groupDomain: c.slice(0, 2) })), region, industryDivision: r[5], kind: r[1], publishedAt: r[6], openSeats: r[7] }, now).score;
        // Equal scores: nearer, then pay, seats, date (score.ts rankKey), then rowid.
        return { rowid: r[0], organisationId: r[11], score, key: rankKey(Math.round(score * 10), regionReason(profile, region)?.points ?? 0, r[12], r[7], r[6]) };
      })
      .sort((a, b) => b.key - a.key || b.rowid - a.rowid)
      .slice(0, options.limit);
  }

  it("ranks by stages exactly as scoring every posting would, for search and for recommendations", async () => {
    const ids = (await db.select({ id: studentProfiles.userId }).from(studentProfiles).orderBy(asc(studentProfiles.userId)).limit(40)).map((r) => r.id);
    const index = await postingIndexFor(db);
    const now = Date.now();
    const plans: string[] = [];
    const defaultShare = PostingIndex.stagedReadShare;
    try {
      // With the default share small indexes mostly fall back to a full pass; reading every stage forces the staged plan.
      for (const share of [defaultShare, 1]) {
        PostingIndex.stagedReadShare = share;
        for (const id of ids) {
          const { profile, eligibility, facts } = (await studentMatchProfile(db, id))!;
          const search = await index.search(db, { filters: {}, sort: "relevance", profile, now, limit: 20 });
          expect(search.hits.map(({ rowid, score }) => ({ rowid, score }))).toEqual((await rankEveryPosting(profile, now, { limit: 20 })).map(({ rowid, score }) => ({ rowid, score })));
          const kinds = [...studentFacingKinds];
          const recommended = await index.search(db, { filters: { kinds }, sort: "relevance", profile, eligibility, now, limit: 10, counts: false });
          expect(recommended.hits.map(({ rowid, score }) => ({ rowid, score }))).toEqual((await rankEveryPosting(profile, now, { kinds, student: facts, limit: 10 })).map(({ rowid, score }) => ({ rowid, score })));
          plans.push(search.plan, recommended.plan);
        }
      }
    } finally {
      PostingIndex.stagedReadShare = defaultShare;
    }
    expect(plans.filter((p) => p === "stages").length).toBeGreaterThan(ids.length);
  });

  it("counts and facets the same whether the page was ranked by stages or by a full pass", async () => {
    const index = await postingIndexFor(db);
    const id = (await db.select({ id: studentProfiles.userId }).from(studentProfiles).orderBy(asc(studentProfiles.userId)).limit(1))[0]!.id;
    const { profile } = (await studentMatchProfile(db, id))!;
    const now = Date.now();
    const byRelevance = await index.search(db, { filters: { query: "实习" }, sort: "relevance", profile, now, limit: 20 });
    const newest = await index.search(db, { filters: { query: "实习" }, sort: "newest", now, limit: 20 });
    expect(byRelevance.total).toBe(newest.total);
    expect(byRelevance.facets).toEqual(newest.facets);
    // The second of the two may come from the kept counts of the keyword: both must be the true count.
    expect(newest.total).toBe((await naiveSearch(db, { query: "实习", today: todayInChina() })).total);
    const all = await index.search(db, { filters: {}, sort: "newest", now, limit: 20 });
    expect(all.total).toBe((await naiveSearch(db, { today: todayInChina() })).total);
    expect(Object.values(all.facets.kind).reduce((a, b) => a + b, 0)).toBe(all.total);
  });

  it("finds the same postings for a common word read at load as for one read on its first search", async () => {
    const from = PostingIndex.commonTermsFrom;
    PostingIndex.commonTermsFrom = 0;
    try {
      const warm = await PostingIndex.load(db);
      await warm.commonTermsRead;
      const today = todayInChina();
      for (const query of ["实习", "岗位", "企业", "软件"]) {
        const naive = await naiveSearch(db, { query, today });
        const found = await warm.search(db, { filters: { query }, sort: "newest", now: Date.now(), limit: 20 });
        expect(found.total).toBe(naive.total);
        expect(found.hits.map((h) => h.rowid)).toEqual(naive.rowids);
      }
    } finally {
      PostingIndex.commonTermsFrom = from;
    }
  });

  it("pages the unfiltered search by date as the plain scan orders it", async () => {
    const index = await postingIndexFor(db);
    const now = Date.now();
    const rowids: number[] = [];
    let cursor: Cursor | null = null;
    for (let page = 0; page < 3; page++) {
      const found: SearchResult = await index.search(db, { filters: {}, sort: "newest", now, cursor, limit: 20 });
      rowids.push(...found.hits.map((h) => h.rowid));
      cursor = found.nextCursor;
    }
    expect(rowids).toEqual((await naiveSearch(db, { today: todayInChina() }, 60)).rowids);
  });

  it("counts a keyword's postings afresh when the day turns, not from the counts kept for it", async () => {
    const index = await postingIndexFor(db);
    const today = await index.search(db, { filters: { query: "实习" }, sort: "newest", now: Date.now(), limit: 1 });
    expect(today.total).toBeGreaterThan(0);
    const lastApplyBy = (await db.select({ last: max(postings.applyBy) }).from(postings).where(eq(postings.status, "published")))[0]!.last!;
    const afterEveryApplyBy = Date.parse(`${lastApplyBy}T00:00:00+08:00`) + 2 * 86_400_000;
    const later = await index.search(db, { filters: { query: "实习" }, sort: "newest", now: afterEveryApplyBy, limit: 1 });
    expect(later.total).toBe(0);
    expect(later.facets.kind).toEqual({});
  });

  it("ranks enterprises for a school by their best posting, as scoring every posting would", async () => {
    const schools = (await db.selectDistinct({ id: schoolSpecialties.organisationId }).from(schoolSpecialties).orderBy(asc(schoolSpecialties.organisationId)).limit(8)).map((r) => r.id);
    const now = Date.now();
    for (const schoolId of schools) {
      const school = (await db.select({ regionCode: organisations.regionCode }).from(organisations).where(eq(organisations.id, schoolId)))[0]!.regionCode;
      const codes = (await db.select({ code: schoolSpecialties.specialtyCode }).from(schoolSpecialties).where(eq(schoolSpecialties.organisationId, schoolId))).map((r) => r.code);
      const profile = await profileOf(db, codes, school);
      const best = new Map<string, number>();
      for (const p of await rankEveryPosting(profile, now, { kinds: enterprisePostingKinds, limit: Infinity })) if (!best.has(p.organisationId)) best.set(p.organisationId, p.score);
      const expected = [...best].slice(0, 10).map(([organisationId, score]) => ({ organisationId, score }));
      const got = await matchForOrganisation(db, schoolId, now);
      expect(got.map(({ organisationId, score }) => ({ organisationId, score }))).toEqual(expected);
      expect(got.every((o) => o.postings >= 1)).toBe(true);
    }
  });

  // Both ways of finding them: scoring the few whole, and walking combinations best first (as for many students).
  it.each([
    ["scored whole", 5_000],
    ["walked best first", 0],
  ])("finds the same ten students for a posting as scoring every visible student would (%s)", async (_way, scoreWholeUpTo) => {
    const before = counterpartTuning.scoreWholeUpTo;
    counterpartTuning.scoreWholeUpTo = scoreWholeUpTo;
    onTestFinished(() => {
      counterpartTuning.scoreWholeUpTo = before;
    });
    const postingsToTry = (
      await db
        .select({ organisationId: postings.organisationId, id: postings.id, kind: postings.kind, startDate: postings.startDate, details: postings.details, industryDivision: postings.industryDivision })
        .from(postings)
        .where(and(eq(postings.status, "published"), eq(postings.kind, "placement_internship")))
        .orderBy(sql`rowid`)
        .limit(15)
    ).map((p) => [p.organisationId, p.id, p.kind, p.startDate, p.details.forbiddenForMinors ? 1 : 0, p.industryDivision] as const);
    const now = Date.now();
    const industryMap = await industryMapRows(db);
    let compared = 0;
    for (const [organisationId, postingId, kind, startDate, minors, industryDivision] of postingsToTry) {
      const result = await matchForPosting(db, organisationId, postingId, now);
      // Every visible student of the posting's specialty groups, allowed by the rules, scored and sorted.
      const codes = (await db.select({ code: postingSpecialties.specialtyCode, classDomain: postingSpecialties.classDomain }).from(postingSpecialties).where(eq(postingSpecialties.postingId, postingId))).map((r) => [r.code, r.classDomain] as const);
      const place = (await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(postings).innerJoin(regions, eq(regions.code, postings.regionCode)).where(eq(postings.id, postingId)))[0]!;
      const region = [place.code, place.cityCode ?? place.code, place.provinceCode] as const;
      const groups = new Set(codes.map(([, c]) => c.slice(0, 2)));
      const students = (
        await db
          .select({
            userId: studentProfiles.userId,
            specialtyCode: studentProfiles.specialtyCode,
            domainCode: specialties.domainCode,
            enrolmentYear: studentProfiles.enrolmentYear,
            birthDate: studentProfiles.birthDate,
            educationLevel: specialties.educationLevel,
            preferredRegions: studentProfiles.preferredRegions,
            county: regions.code,
            cityCode: regions.cityCode,
            province: regions.provinceCode,
          })
          .from(studentProfiles)
          .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
          .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
          .innerJoin(regions, eq(regions.code, organisations.regionCode))
          .where(eq(studentProfiles.visibleToEnterprises, true))
      ).map((r) => [r.userId, r.specialtyCode, r.domainCode, r.enrolmentYear, r.birthDate, r.county, r.cityCode ?? r.county, r.province, r.educationLevel, r.preferredRegions] as const);
      // Each student scores the posting as in their own recommendations (without its freshness and seats).
      const posting = { specialties: codes.map(([code, c]) => ({ code, classDomain: c, groupDomain: c.slice(0, 2) })), region: { county: region[0], city: region[1], province: region[2] }, industryDivision, kind, publishedAt: null, openSeats: null };
      const expected = students
        .filter(([, , domain, year, birth]) => groups.has(domain.slice(0, 2)) && !checkNotFirstYear(year, startDate) && !checkMinimumAge(birth, startDate) && !(minors && ageOn(birth, startDate) < 18))
        .map(([userId, code, domain, year, , county, city, province, level, preferredRegions]) => {
          const divisions = divisionsOf(industryMap, [domain]);
          const profile: MatchProfile = {
            specialties: [{ code, classDomain: domain, groupDomain: domain.slice(0, 2) }],
            region: { county, city, province },
            preferredRegions,
            primaryDivisions: divisions.primary,
            relatedDivisions: divisions.related,
            stage: stageOf(year, level, todayInChina()),
          };
          const match = scoreMatch(profile, posting, now);
          return { userId, score: match.score, key: studentTieKey(match, preferredRegions), id: userId };
        })
        .sort(byKeyThenId)
        .slice(0, 10)
        .map(({ userId, score }) => ({ userId, score }));
      expect(result.students.map(({ userId, score }) => ({ userId, score }))).toEqual(expected);
      if (expected.length) compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });
});
