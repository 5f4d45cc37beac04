import { and, avg, count, countDistinct, eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/create";
import { first, rawRows } from "../../db/sql";
import { cooperationProjects, evaluations, organisations, placements, postings, postingSpecialties, regions, specialties, studentProfiles, users } from "../../db/schema";

/** Placements that count as outcomes: under way or finished (not pending, not terminated). */
const realised = ["approved", "active", "completed"] as const;
/**
 * The year of a 'YYYY-MM-DD' date column, the same SQL on both engines (no strftime/extract): the cast to
 * text is a no-op on SQLite's text dates and gives the ISO form of a PostgreSQL date.
 */
const yearOf = (column: SQLWrapper) => sql<number>`cast(substr(cast(${column} as text), 1, 4) as integer)`.mapWith(Number);
/** A sum that comes back as a number on both engines (PostgreSQL's sum of integers is a bigint). */
const total = (expression: SQL) => sql<number>`sum(${expression})`.mapWith(Number);
/** How many rows a condition holds for: 1/0 per row, as SQLite's integer booleans and PostgreSQL's booleans both allow. */
const countIf = (condition: SQL) => total(sql`case when ${condition} then 1 else 0 end`);
const year = yearOf(placements.startDate);
const hired = countIf(sql`${placements.hiredAfter}`);
const host = alias(organisations, "host");
const school = alias(organisations, "school");

/**
 * A school's cooperation outcomes, the figures schools are judged on: partner enterprises, students placed
 * and where, order-class and apprenticeship students, the share placed within their specialty group, host
 * ratings by students, and hires after placement.
 */
export async function schoolOutcomes(db: Db, schoolId: string) {
  const where = and(eq(placements.schoolId, schoolId), inArray(placements.status, [...realised]));
  const byYear = await db
    .select({
      year,
      placed: count(),
      orderClass: countIf(sql`${postings.kind} = 'order_class'`),
      apprentices: countIf(sql`${postings.kind} = 'apprenticeship'`),
      hired,
      // Within the student's specialty group: the posting names a specialty of the same group key.
      withinGroup: countIf(sql`exists (select 1 from ${postingSpecialties} where ${postingSpecialties.postingId} = ${placements.postingId} and ${postingSpecialties.groupDomain} = substr(${specialties.domainCode}, 1, 2))`),
      hosts: countDistinct(placements.hostId),
    })
    .from(placements)
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .innerJoin(studentProfiles, eq(studentProfiles.userId, placements.studentId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .where(where)
    .groupBy(year)
    .orderBy(year);

  const hosts = await db
    .select({
      hostId: host.id,
      hostName: host.name,
      regionName: regions.name,
      placed: count(),
      hired,
      rating: avg(evaluations.score),
    })
    .from(placements)
    .innerJoin(host, eq(host.id, placements.hostId))
    .innerJoin(regions, eq(regions.code, host.regionCode))
    .leftJoin(evaluations, and(eq(evaluations.placementId, placements.id), eq(evaluations.party, "student")))
    .where(where)
    // Grouped by every selected column (host.id decides them): PostgreSQL asks for that, SQLite does not mind.
    .groupBy(host.id, host.name, regions.name)
    .orderBy(sql`count(*) desc`, host.name);

  const projects = await db
    .select({ kind: cooperationProjects.kind, projects: count(), students: total(sql`${cooperationProjects.studentCount}`) })
    .from(cooperationProjects)
    .where(eq(cooperationProjects.schoolId, schoolId))
    .groupBy(cooperationProjects.kind);
  const projectPartners = await db.select({ id: cooperationProjects.enterpriseId }).from(cooperationProjects).where(eq(cooperationProjects.schoolId, schoolId));
  const partners = new Set([...hosts.map((h) => h.hostId), ...projectPartners.map((p) => p.id)]);

  // Who was placed where: personal data (the export of this list is audited).
  const placedStudents = await db
    .select({ studentName: users.name, specialtyName: specialties.name, hostName: host.name, postingTitle: postings.title, kind: postings.kind, startDate: placements.startDate, endDate: placements.endDate, status: placements.status })
    .from(placements)
    .innerJoin(users, eq(users.id, placements.studentId))
    .innerJoin(studentProfiles, eq(studentProfiles.userId, placements.studentId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .innerJoin(host, eq(host.id, placements.hostId))
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .where(where)
    .orderBy(placements.startDate, users.name)
    .limit(2000);

  const placed = byYear.reduce((a, r) => a + r.placed, 0);
  const withinGroup = byYear.reduce((a, r) => a + Number(r.withinGroup), 0);
  const ratings = first(
    await db
      .select({ rating: avg(evaluations.score) })
      .from(evaluations)
      .innerJoin(placements, eq(placements.id, evaluations.placementId))
      .where(and(eq(placements.schoolId, schoolId), eq(evaluations.party, "student"))),
  );
  return {
    summary: {
      partnerEnterprises: partners.size,
      studentsPlaced: placed,
      orderClassStudents: byYear.reduce((a, r) => a + Number(r.orderClass), 0) + Number(projects.find((p) => p.kind === "order_class")?.students ?? 0),
      apprentices: byYear.reduce((a, r) => a + Number(r.apprentices), 0) + Number(projects.find((p) => p.kind === "apprenticeship")?.students ?? 0),
      withinGroupShare: placed ? Math.round((withinGroup / placed) * 1000) / 10 : 0,
      hostRating: ratings?.rating ? Math.round(Number(ratings.rating) * 10) / 10 : null,
      hiredAfter: byYear.reduce((a, r) => a + Number(r.hired), 0),
    },
    byYear: byYear.map((r) => ({ year: r.year, placed: r.placed, orderClass: Number(r.orderClass), apprentices: Number(r.apprentices), withinGroup: Number(r.withinGroup), hired: Number(r.hired), hosts: r.hosts })),
    hosts: hosts.map((h) => ({ ...h, hired: Number(h.hired), rating: h.rating === null ? null : Math.round(Number(h.rating) * 10) / 10 })),
    projects: projects.map((p) => ({ kind: p.kind, projects: p.projects, students: Number(p.students) })),
    placedStudents,
  };
}

/**
 * An enterprise's participation by year — interns, apprentices, order-class students, training bases,
 * mentors, schools worked with — the evidence a 产教融合型企业 application asks for.
 */
export async function enterpriseParticipation(db: Db, enterpriseId: string) {
  const fromPlacements = await db
    .select({
      year,
      interns: countIf(sql`${postings.kind} = 'placement_internship'`),
      apprentices: countIf(sql`${postings.kind} = 'apprenticeship'`),
      orderClass: countIf(sql`${postings.kind} = 'order_class'`),
      observation: countIf(sql`${postings.kind} = 'observation_visit'`),
      hired,
    })
    .from(placements)
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .where(and(eq(placements.hostId, enterpriseId), inArray(placements.status, [...realised])))
    .groupBy(year);
  const projectYear = yearOf(cooperationProjects.startDate);
  const fromProjects = await db
    .select({
      year: projectYear,
      trainingBases: countIf(sql`${cooperationProjects.kind} = 'training_base'`),
      mentors: total(sql`${cooperationProjects.mentorCount}`),
      orderClass: total(sql`case when ${cooperationProjects.kind} = 'order_class' then ${cooperationProjects.studentCount} else 0 end`),
      apprentices: total(sql`case when ${cooperationProjects.kind} = 'apprenticeship' then ${cooperationProjects.studentCount} else 0 end`),
    })
    .from(cooperationProjects)
    .where(eq(cooperationProjects.enterpriseId, enterpriseId))
    .groupBy(projectYear);
  const postingYear = yearOf(postings.startDate);
  const fromPostings = await db
    .select({
      year: postingYear,
      trainingBases: countIf(sql`${postings.kind} = 'enterprise_training_base'`),
      mentors: total(sql`case when ${postings.kind} = 'mentor_offer' then ${postings.quantity} else 0 end`),
    })
    .from(postings)
    .where(and(eq(postings.organisationId, enterpriseId), inArray(postings.status, ["published", "closed"])))
    .groupBy(postingYear);
  // Partner schools of a year: those whose students it hosted and those it started a cooperation project with
  // (an order class is run with a school, so 45 order-class students and 0 partner schools cannot both hold).
  const schoolYears = [
    ...(await db.selectDistinct({ year, schoolId: placements.schoolId }).from(placements).where(and(eq(placements.hostId, enterpriseId), inArray(placements.status, [...realised])))),
    ...(await db.selectDistinct({ year: projectYear, schoolId: cooperationProjects.schoolId }).from(cooperationProjects).where(eq(cooperationProjects.enterpriseId, enterpriseId))),
  ];
  const schoolsByYear = [...new Set(schoolYears.map((r) => r.year))].map((y) => ({ year: y, schools: new Set(schoolYears.filter((r) => r.year === y).map((r) => r.schoolId)).size }));
  const years = [...new Set([...fromPlacements, ...fromProjects, ...fromPostings].map((r) => r.year))].sort();
  const at = <T extends { year: number }>(rows: T[], y: number) => rows.find((r) => r.year === y);
  const byYear = years.map((y) => {
    const p = at(fromPlacements, y);
    const j = at(fromProjects, y);
    const q = at(fromPostings, y);
    return {
      year: y,
      interns: Number(p?.interns ?? 0),
      apprentices: Number(p?.apprentices ?? 0) + Number(j?.apprentices ?? 0),
      orderClass: Number(p?.orderClass ?? 0) + Number(j?.orderClass ?? 0),
      trainingBases: Number(q?.trainingBases ?? 0) + Number(j?.trainingBases ?? 0),
      mentors: Number(q?.mentors ?? 0) + Number(j?.mentors ?? 0),
      schools: at(schoolsByYear, y)?.schools ?? 0,
      hired: Number(p?.hired ?? 0),
    };
  });
  const schools = await db
    .select({ schoolId: school.id, schoolName: school.name, students: count() })
    .from(placements)
    .innerJoin(school, eq(school.id, placements.schoolId))
    .where(and(eq(placements.hostId, enterpriseId), inArray(placements.status, [...realised])))
    .groupBy(school.id, school.name)
    .orderBy(sql`count(*) desc`, school.name);
  return { byYear, schools };
}

/**
 * The administrator's overview of the whole platform. Postings, applications, placements and students are read
 * from the aggregates triggers keep (drizzle reports_custom, student_supply), not counted from a million rows;
 * organisations, memberships and projects are small tables counted directly.
 */
export async function platformOverview(db: Db) {
  // Keys sorted here, by code unit (SQLite's BINARY order): PostgreSQL's `order by` follows the database's
  // collation, which may order '_' and ':' differently. Table and column names are this file's constants.
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const counted = (rows: { k: string; n: number | string }[]) => rows.map((r) => ({ key: r.k, count: Number(r.n) })).filter((r) => r.count > 0).sort((a, b) => byKey(a.key, b.key));
  const group = async (table: "organisations" | "cooperation_projects", column: string) =>
    counted(await rawRows<{ k: string; n: number }>(db, sql`select ${sql.raw(column)} as k, count(*) as n from ${sql.raw(table)} group by ${sql.raw(column)}`));
  const statuses = async (subject: "applications" | "placements") => counted(await rawRows<{ k: string; n: number }>(db, sql`select status as k, n from report_status_counts where subject = ${subject}`));
  const fold = async (column: "status" | "kind") => counted(await rawRows<{ k: string; n: number }>(db, sql`select ${sql.raw(column)} as k, sum(n) as n from report_posting_counts group by ${sql.raw(column)}`));
  const top = await rawRows<{ code: string; n: number }>(db, sql`select province_code as code, sum(n) as n from report_posting_counts where status = 'published' group by province_code order by n desc, province_code limit 10`);
  const names = new Map((await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, top.map((r) => r.code).concat("_")))).map((r) => [r.code, r.name]));
  const provinces = top.map((r) => ({ provinceCode: r.code, name: names.get(r.code) ?? r.code, postings: Number(r.n) }));
  // Every profile has a school and a specialty, so student_supply counts each student exactly once.
  const students = Number(first(await rawRows<{ n: number | null }>(db, sql`select sum(n) as n from student_supply`))?.n ?? 0);
  // By role without scanning every user: students from their profiles, staff from memberships, admins by index.
  const staff = await rawRows<{ k: string; n: number }>(db, sql`select o.kind as k, count(distinct m.user_id) as n from memberships m join organisations o on o.id = m.organisation_id group by o.kind order by o.kind`);
  const admins = first(await db.select({ n: count() }).from(users).where(eq(users.role, "admin")))?.n ?? 0;
  const usersByRole = [{ key: "student", count: students }, ...staff.map((r) => ({ key: r.k, count: Number(r.n) })), { key: "admin", count: admins }];
  return {
    students,
    usersByRole,
    organisations: await group("organisations", "kind || ':' || verification_status"),
    postingsByStatus: await fold("status"),
    postingsByKind: await fold("kind"),
    applications: await statuses("applications"),
    placements: await statuses("placements"),
    projects: await group("cooperation_projects", "kind"),
    topProvinces: provinces,
  };
}
