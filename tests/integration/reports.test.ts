import { eq, sql, type SQL } from "drizzle-orm";
import { rawFirst, rawRows, rawRun } from "@/db/sql";
import { isPostgres } from "@/db/transaction";
import { describe, expect, it } from "vitest";
import { organisations, placements, postings, specialtyIndustryMap } from "@/db/schema";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { enterpriseParticipation, schoolOutcomes } from "@/server/reports/outcomes";
import { postedSeatsQuery, supplyDemand } from "@/server/reports/supply-demand";
import { postingInput } from "@/server/schemas/postings";
import { toCsv } from "@/server/reports/export";
import { supplyDemandTables } from "@/server/reports/tables";
import { translator } from "@/server/i18n/messages";
import { createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { buildWorld } from "../helpers/world";
import { monthStart } from "../helpers/dates";

describe("talent supply and demand", () => {
  it("counts students and open seats by province and class, and drills down to cities, as computed by hand", async () => {
    const db = await createTestDb();
    const admin = await createAdmin(db);
    // Guangzhou (440106) and Shenzhen (440305) schools; a Nanjing (320102) school.
    const gz = await createSchool(db, { regionCode: "440106" });
    const sz = await createSchool(db, { regionCode: "440305" });
    const nj = await createSchool(db, { regionCode: "320102" });
    const enrol = async (school: typeof gz, specialtyCode: string, n: number, enrolmentYear = 2024) => {
      const { code } = await createInvitationFor(db, school);
      for (let i = 0; i < n; i++) await createStudent(db, code, { specialtyCode, enrolmentYear });
    };
    await enrol(gz, "510201", 4); // 计算机类 1102
    await enrol(sz, "510203", 2, 2025); // 计算机类, graduating 2028
    await enrol(gz, "520201", 3); // 护理类 1202
    await enrol(nj, "520201", 1);

    const publish = async (enterprise: { organisationId: string; userId: string; postId: string }, input: ReturnType<typeof placementInput>) => {
      const { id } = await createPosting(db, { organisationId: enterprise.organisationId, userId: enterprise.userId, posting: postingInput.parse({ ...input, postId: enterprise.postId }), submit: true });
      await approvePosting(db, id, admin.id);
      return id;
    };
    const software = await createEnterprise(db, { regionCode: "440106", industryCode: "6513", staffCount: 1000 });
    await publish(software, placementInput({ quantity: 6, regionCode: "440106" }));
    await publish(software, placementInput({ quantity: 4, regionCode: "440305" }));
    const hospital = await createEnterprise(db, { regionCode: "320102", industryCode: "8411", staffCount: 500 });
    await publish(hospital, placementInput({ quantity: 5, regionCode: "320102", industryCode: "8411", specialtyCodes: ["520201"] }));
    // An expired posting is not demand.
    const expired = await publish(software, placementInput({ quantity: 5, regionCode: "440106" }));
    await db.update(postings).set({ applyBy: "2020-01-01" }).where(eq(postings.id, expired));

    // By hand: 计算机类 maps to divisions 65 and 64 (the software posts are 65), 护理类 to 84 (the hospital).
    const map = (await db.select().from(specialtyIndustryMap).where(eq(specialtyIndustryMap.domainCode, "1102")).limit(1))[0]!;
    expect(map.primaryDivisions).toContain("65");
    const nationwide = await supplyDemand(db);
    const cell = (region: string, cls: string) => nationwide.find((r) => r.regionCode === region && r.classCode === cls);
    expect(cell("440000", "1102")).toMatchObject({ regionName: "广东省", className: "计算机类", supply: 6, demand: 10, gap: 4 });
    expect(cell("440000", "1202")).toMatchObject({ supply: 3, demand: 0, gap: -3 });
    expect(cell("320000", "1202")).toMatchObject({ supply: 1, demand: 5, gap: 4 });

    const guangdong = await supplyDemand(db, { provinceCode: "440000" });
    expect(guangdong.find((r) => r.regionCode === "440100" && r.classCode === "1102")).toMatchObject({ regionName: "广州市", supply: 4, demand: 6 });
    expect(guangdong.find((r) => r.regionCode === "440300" && r.classCode === "1102")).toMatchObject({ regionName: "深圳市", supply: 2, demand: 4 });
    expect(guangdong.every((r) => r.regionCode.startsWith("44"))).toBe(true);
    // Graduation year: 2024 高职 intake graduates in 2027; the Shenzhen 2025 intake in 2028.
    expect((await supplyDemand(db, { graduationYear: 2028 })).find((r) => r.regionCode === "440000" && r.classCode === "1102")?.supply).toBe(2);

    // The export holds the page's numbers under Chinese headers.
    const csv = toCsv(supplyDemandTables(nationwide, translator("zh-CN"), "省份"));
    expect(csv.startsWith("\uFEFF人才短缺（需求大于供给）\r\n省份,专业类,专业类代码,供给（学生数）,需求（剩余名额）,缺口（需求−供给）")).toBe(true);
    expect(csv).toContain("广东省,计算机类,1102,6,10,4");
    expect(csv).toContain("广东省,护理类,1202,3,0,-3");
  });

  it("subtracts seats already held by placements from the demand", async () => {
    const world = await buildWorld();
    const seats = (await supplyDemand(world.db)).find((r) => r.regionCode === "440000" && r.classCode === "1102")!.demand;
    // The world's open postings: 5 of 3 seats each are open (apply-by in three months); three placements hold a seat each.
    const open = await world.db.select({ q: postings.quantity, id: postings.id }).from(postings).where(eq(postings.status, "published"));
    const held = (await world.db.select().from(placements)).filter((p) => ["pending_approval", "approved", "active"].includes(p.status)).length;
    expect(seats).toBe(open.reduce((a, p) => a + p.q, 0) - held);
  });

  it("leaves out the seats of hosts that are not verified (and the placements holding them), index-only", async () => {
    const world = await buildWorld();
    const db = world.db;
    const demand = async (provinceCode?: string) => (await supplyDemand(db, provinceCode ? { provinceCode } : {})).find((r) => r.regionCode === (provinceCode ? "440100" : "440000") && r.classCode === "1102")?.demand ?? 0;
    // A second, verified host with 4 open seats in Guangzhou beside the world's host.
    const other = await createEnterprise(db, { regionCode: "440106", industryCode: "6513", staffCount: 1000 });
    const { id } = await createPosting(db, { organisationId: other.organisationId, userId: other.userId, posting: postingInput.parse({ ...placementInput({ quantity: 4, regionCode: "440106" }), postId: other.postId }), submit: true });
    await approvePosting(db, id, world.ids.admin);
    const both = await demand();
    expect(both).toBeGreaterThan(4);
    expect(await demand("440000")).toBe(both);

    // The world's host goes back to pending (its placements keep running): only the other host's seats remain.
    await db.update(organisations).set({ verificationStatus: "pending" }).where(eq(organisations.id, world.enterprise.organisationId));
    expect(await demand()).toBe(4);
    expect(await demand("440000")).toBe(4);
    await db.update(organisations).set({ verificationStatus: "rejected" }).where(eq(organisations.id, other.organisationId));
    expect(await demand()).toBe(0);
    await db.update(organisations).set({ verificationStatus: "verified" }).where(eq(organisations.id, world.enterprise.organisationId));
    expect(await demand()).toBe(both - 4);

    // The posted seats are still read from postings_demand_idx alone, nationwide and per city (SQLite's plan:
    // PostgreSQL plans by its statistics, and its EXPLAIN says it otherwise).
    for (const options of isPostgres(db) ? [] : [{ byCity: false }, { byCity: true, provinceCode: "440000" }]) {
      const plan = await rawRows<{ detail: string }>(db, sql`explain query plan ${postedSeatsQuery(db, { ...options, today: "2026-01-01" }).getSQL()}`);
      expect(plan.map((p) => p.detail)).toContainEqual(expect.stringContaining("USING COVERING INDEX postings_demand_idx"));
      expect(plan.map((p) => p.detail).join("\n")).not.toMatch(/SCAN postings(?! USING COVERING)/);
    }
  });
});

describe("cooperation outcomes", () => {
  it("a school's figures and an enterprise's participation match the fixture", async () => {
    const w = await buildWorld();
    await w.db.update(placements).set({ hiredAfter: true }).where(eq(placements.id, w.placements.active));
    // The fixture's placement running today (pay and complaints) starts on a date that moves with the calendar: not counted here.
    await w.db.delete(placements).where(eq(placements.id, w.placements.running));
    const school = await schoolOutcomes(w.db, w.school.organisationId);
    // Realised placements: approved (in 6 months), active (8, hired after) and completed (12); the pending one is not.
    // Counted by the year each starts in, which depends on today's month: one or two years.
    const starts = [monthStart(6), monthStart(8), monthStart(12)];
    const years = [...new Set(starts.map((d) => Number(d.slice(0, 4))))];
    const placedIn = (year: number) => starts.filter((d) => Number(d.slice(0, 4)) === year).length;
    const hiredIn = (year: number) => (Number(starts[1]!.slice(0, 4)) === year ? 1 : 0);
    expect(school.summary).toEqual({ partnerEnterprises: 1, studentsPlaced: 3, orderClassStudents: 0, apprentices: 0, withinGroupShare: 100, hostRating: null, hiredAfter: 1 });
    expect(school.byYear).toEqual(years.map((year) => ({ year, placed: placedIn(year), orderClass: 0, apprentices: 0, withinGroup: placedIn(year), hired: hiredIn(year), hosts: 1 })));
    expect(school.hosts).toEqual([expect.objectContaining({ hostId: w.enterprise.organisationId, placed: 3, hired: 1, rating: null })]);
    expect(school.projects).toEqual([{ kind: "training_base", projects: 1, students: 40 }]);
    expect(school.placedStudents.map((p) => p.startDate)).toEqual(starts);

    const host = await enterpriseParticipation(w.db, w.enterprise.organisationId);
    // A row for each year something starts in: the training base the world agreed (a fixed fact: it started on
    // 2026-09-01), the host's published postings (the running one last month, the others 4 to 12 months ahead)
    // and the placements.
    const postingStarts = [monthStart(-1), monthStart(4), monthStart(6), monthStart(8), monthStart(10), monthStart(12)];
    const hostYears = [...new Set([2026, ...postingStarts.map((d) => Number(d.slice(0, 4))), ...years])].sort();
    expect(host.byYear).toEqual(
      hostYears.map((year) => ({ year, interns: placedIn(year), apprentices: 0, orderClass: 0, trainingBases: year === 2026 ? 1 : 0, mentors: year === 2026 ? 3 : 0, schools: placedIn(year) ? 1 : 0, hired: hiredIn(year) })),
    );
    expect(host.schools.map((s) => [s.schoolId, s.students])).toEqual([[w.school.organisationId, 3]]);
  });
});

describe("the student supply aggregate", () => {
  it("stays equal to counting the profiles through sign-ups, profile edits, deletions and a school's move", async () => {
    const db = await createTestDb();
    const school = await createSchool(db, { regionCode: "440106" });
    const { code } = await createInvitationFor(db, school);
    const students = [];
    for (let i = 0; i < 5; i++) students.push(await createStudent(db, code, { specialtyCode: i < 3 ? "510201" : "520201" }));
    // The same SQL on both engines (PostgreSQL's triggers keep the aggregate there); counts as numbers.
    const keyed = (rows: { k: string; n: number }[]) => rows.map((r) => ({ k: r.k, n: Number(r.n) }));
    const recount = async () =>
      keyed(
        await rawRows(
          db,
          sql`select o.region_code || '|' || s.domain_code || '|' || (sp.enrolment_year + case s.education_level when 'vocational_bachelor' then 4 else 3 end) as k, count(*) as n
           from student_profiles sp join organisations o on o.id = sp.school_id join specialties s on s.code = sp.specialty_code group by k order by k`,
        ),
      );
    const aggregate = async () => keyed(await rawRows(db, sql`select region_code || '|' || class_code || '|' || graduation_year as k, n from student_supply order by k`));
    const count = async (query: SQL) => Number((await rawFirst<{ n: number }>(db, query))?.n);
    // The copy of the school's county that matching reads (drizzle/0012) follows the same changes.
    const staleRegions = () => count(sql`select count(*) as n from student_profiles sp join organisations o on o.id = sp.school_id where sp.school_region_code is distinct from o.region_code`);
    expect(await aggregate()).toEqual(await recount());
    expect(await staleRegions()).toBe(0);
    expect(await count(sql`select count(*) as n from student_profiles where school_region_code = '440106'`)).toBe(5);
    await rawRun(db, sql`update student_profiles set specialty_code = '520201', enrolment_year = 2025 where user_id = ${students[0]!.userId}`);
    await rawRun(db, sql`delete from users where id = ${students[4]!.userId}`);
    expect(await aggregate()).toEqual(await recount());
    await rawRun(db, sql`update organisations set region_code = '320102' where id = ${school.organisationId}`);
    expect(await aggregate()).toEqual(await recount());
    expect(await staleRegions()).toBe(0);
    expect(await count(sql`select count(*) as n from student_profiles where school_region_code = '320102'`)).toBe(4);
    expect(await aggregate()).toEqual([
      { k: "320102|1102|2027", n: 2 },
      { k: "320102|1202|2027", n: 1 },
      { k: "320102|1202|2028", n: 1 },
    ]);
    const other = await createSchool(db, { regionCode: "110108" });
    await rawRun(db, sql`update student_profiles set school_id = ${other.organisationId} where user_id = ${students[1]!.userId}`);
    expect(await staleRegions()).toBe(0);
    expect(await aggregate()).toEqual(await recount());
  });
});
