import { eq, sql, type SQL } from "drizzle-orm";
import { rawFirst, rawRows, rawRun } from "@/db/sql";
import { describe, expect, it } from "vitest";
import { organisations, placements, postings } from "@/db/schema";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { enterpriseParticipation, schoolOutcomes } from "@/server/reports/outcomes";
import { currentCohortYear, demandKinds, supplyDemand, type SupplyDemandReport } from "@/server/reports/supply-demand";
import { todayInChina } from "@/server/schemas/accounts";
import { postingInput } from "@/server/schemas/postings";
import { reportTables, toCsv } from "@/server/reports/export";
import { supplyDemandTables } from "@/server/reports/tables";
import { translator } from "@/server/i18n/messages";
import { callerFor, createTestDb } from "../helpers/db";
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
    await enrol(gz, "510201", 4); // 计算机类 1102, graduating 2027
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
    const hospital = await createEnterprise(db, { regionCode: "320102", industryCode: "8411", staffCount: 5000 });
    await publish(hospital, placementInput({ quantity: 5, regionCode: "320102", industryCode: "8411", specialtyCodes: ["520201"] }));
    // An expired posting is not demand.
    const expired = await publish(software, placementInput({ quantity: 5, regionCode: "440106" }));
    await db.update(postings).set({ applyBy: "2020-01-01" }).where(eq(postings.id, expired));

    const nationwide = await supplyDemand(db, { graduationYear: 2027 });
    const cell = (report: SupplyDemandReport, region: string, cls: string) => report.rows.find((r) => r.regionCode === region && r.classCode === cls);
    expect(nationwide.graduationYear).toBe(2027);
    expect(cell(nationwide, "440000", "1102")).toMatchObject({ regionName: "广东省", className: "计算机类", supply: 4, namedDemand: 10, inferredDemand: 0, demand: 10, gap: 6 });
    expect(cell(nationwide, "440000", "1202")).toMatchObject({ supply: 3, demand: 0, gap: -3 });
    expect(cell(nationwide, "320000", "1202")).toMatchObject({ supply: 1, namedDemand: 5, demand: 5, gap: 4 });
    // The hospital names 护理类: none of the eight other medical classes its industry maps to get its seats.
    expect(nationwide.rows.filter((r) => r.classCode.startsWith("12") && r.classCode !== "1202")).toEqual([]);
    expect(nationwide.totals).toEqual({ supply: 8, namedDemand: 15, inferredDemand: 0, demand: 15 });

    const guangdong = await supplyDemand(db, { provinceCode: "440000", graduationYear: 2027 });
    expect(cell(guangdong, "440100", "1102")).toMatchObject({ regionName: "广州市", supply: 4, demand: 6 });
    expect(cell(guangdong, "440300", "1102")).toMatchObject({ regionName: "深圳市", supply: 0, demand: 4 });
    expect(guangdong.rows.every((r) => r.regionCode.startsWith("44"))).toBe(true);
    // The 2028 cohort: the Shenzhen 2025 intake.
    expect(cell(await supplyDemand(db, { graduationYear: 2028 }), "440000", "1102")?.supply).toBe(2);

    // The export holds the page's numbers under Chinese headers, totals first.
    const csv = toCsv(supplyDemandTables(nationwide, translator("zh-CN"), "省份"));
    expect(csv.startsWith("\uFEFF合计\r\n省份,专业类,专业类代码,供给：2027届毕业生,需求（岗位所列专业）,需求（按行业推断）,需求（剩余名额）,缺口（需求−供给）\r\n全部地区,,,8,15,0,15,7")).toBe(true);
    expect(csv).toContain("广东省,计算机类,1102,4,10,0,10,6");
    expect(csv).toContain("广东省,护理类,1202,3,0,0,0,-3");
  });

  it("counts a posting once: shared over the classes it names, inferred from its industry only when it names none", async () => {
    const db = await createTestDb();
    const admin = await createAdmin(db);
    const hospital = await createEnterprise(db, { regionCode: "320102", industryCode: "8411", staffCount: 5000 });
    const publish = async (input: ReturnType<typeof placementInput>) => {
      const { id } = await createPosting(db, { organisationId: hospital.organisationId, userId: hospital.userId, posting: postingInput.parse({ ...input, postId: hospital.postId }), submit: true });
      await approvePosting(db, id, admin.id);
      return id;
    };
    // 320 seats naming no specialty (specialties removed, as on a posting from before they were required).
    const unnamed = await publish(placementInput({ quantity: 320, regionCode: "320102", industryCode: "8411", specialtyCodes: ["520201"] }));
    await rawRun(db, sql`delete from posting_specialties where posting_id = ${unnamed}`);
    // 5 seats naming two classes: 护理类 (1202) and 药学类 (1203): 3 to the first by code, 2 to the second.
    await publish(placementInput({ quantity: 5, regionCode: "320102", industryCode: "8411", specialtyCodes: ["520201", "520301"] }));
    const report = await supplyDemand(db, { graduationYear: 2027 });
    const medical = report.rows.filter((r) => r.regionCode === "320000");
    // Division 84 maps to nine medical classes: 320 seats shared, 36 × 5 + 35 × 4, never 320 in each.
    const inferred = medical.filter((r) => r.inferredDemand > 0).map((r) => [r.classCode, r.inferredDemand] as const);
    expect(inferred.sort(([a], [b]) => a.localeCompare(b))).toEqual(["1201", "1202", "1203", "1204", "1205", "1206", "1207", "1208", "1209"].map((c, i) => [c, i < 5 ? 36 : 35]));
    expect(medical.find((r) => r.classCode === "1202")).toMatchObject({ namedDemand: 3, inferredDemand: 36, demand: 39 });
    expect(medical.find((r) => r.classCode === "1203")).toMatchObject({ namedDemand: 2, inferredDemand: 36 });
    // Total demand is the open seats of the postings in scope, each counted once.
    expect(report.totals).toMatchObject({ namedDemand: 5, inferredDemand: 320, demand: 325 });
    expect(medical.reduce((a, r) => a + r.demand, 0)).toBe(325);
  });

  it("takes the cohort in its final year as the default supply", () => {
    expect(currentCohortYear("2026-11-30")).toBe(2027);
    expect(currentCohortYear("2027-06-30")).toBe(2027);
    expect(currentCohortYear("2027-07-01")).toBe(2028);
  });

  it("subtracts seats already held by placements from the demand", async () => {
    const world = await buildWorld();
    const seats = (await supplyDemand(world.db)).totals.demand;
    // The world's open postings: their seats, less the seats placements hold.
    const open = await world.db.select({ q: postings.quantity, id: postings.id, kind: postings.kind, applyBy: postings.applyBy }).from(postings).where(eq(postings.status, "published"));
    const today = todayInChina();
    const demandOpen = open.filter((p) => (demandKinds as readonly string[]).includes(p.kind) && p.applyBy >= today);
    const held = (await world.db.select().from(placements)).filter((p) => ["pending_approval", "approved", "active"].includes(p.status) && demandOpen.some((o) => o.id === p.postingId)).length;
    expect(held).toBeGreaterThan(0);
    expect(seats).toBe(demandOpen.reduce((a, p) => a + p.q, 0) - held);
  });

  it("leaves out the seats of hosts that are not verified (and the placements holding them)", async () => {
    const world = await buildWorld();
    const db = world.db;
    const demand = async (provinceCode?: string) => (await supplyDemand(db, provinceCode ? { provinceCode } : {})).rows.find((r) => r.regionCode === (provinceCode ? "440100" : "440000") && r.classCode === "1102")?.demand ?? 0;
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
  });

  it("exports exactly the tables the page shows, through the report procedure", async () => {
    const world = await buildWorld();
    const caller = await callerFor(world.db, world.ids.admin);
    const t = translator("zh-CN");
    for (const query of ["", "province=440000", "year=2028"]) {
      const params = new URLSearchParams(query);
      const page = supplyDemandTables(await caller.reports.supplyDemand({ provinceCode: params.get("province") || undefined, graduationYear: params.get("year") ? Number(params.get("year")) : undefined }), t, params.get("province") ? t("report.city") : t("report.province"));
      const exported = await reportTables(caller, "supply-demand", params, t);
      expect(exported).toEqual(page);
      expect(toCsv(exported)).toBe(toCsv(page));
    }
    const totals = (await reportTables(caller, "supply-demand", new URLSearchParams(), t))[0]!.rows[0]!;
    expect(totals.demand).toBe((await supplyDemand(world.db)).totals.demand);
    expect(Number(totals.demand)).toBeGreaterThan(0);
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
    // and the placements. Partner schools count the training base's school too (issue 20: partners include projects).
    const postingStarts = [monthStart(-1), monthStart(4), monthStart(6), monthStart(8), monthStart(10), monthStart(12)];
    const hostYears = [...new Set([2026, ...postingStarts.map((d) => Number(d.slice(0, 4))), ...years])].sort();
    expect(host.byYear).toEqual(
      hostYears.map((year) => ({ year, interns: placedIn(year), apprentices: 0, orderClass: 0, trainingBases: year === 2026 ? 1 : 0, mentors: year === 2026 ? 3 : 0, schools: placedIn(year) || year === 2026 ? 1 : 0, hired: hiredIn(year) })),
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
