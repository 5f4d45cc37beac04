import { and, avg, count, countDistinct, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/create";
import { cooperationProjects, evaluations, organisations, placements, postings, postingSpecialties, regions, specialties, studentProfiles, users } from "../../db/schema";

/** Placements that count as outcomes: under way or finished (not pending, not terminated). */
const realised = ["approved", "active", "completed"] as const;
const year = sql<number>`cast(substr(${placements.startDate}, 1, 4) as integer)`;
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
      orderClass: sql<number>`sum(case when ${postings.kind} = 'order_class' then 1 else 0 end)`,
      apprentices: sql<number>`sum(case when ${postings.kind} = 'apprenticeship' then 1 else 0 end)`,
      hired: sql<number>`sum(${placements.hiredAfter})`,
      // Within the student's specialty group: the posting names a specialty of the same group key.
      withinGroup: sql<number>`sum(case when exists (select 1 from ${postingSpecialties} where ${postingSpecialties.postingId} = ${placements.postingId} and ${postingSpecialties.groupDomain} = substr(${specialties.domainCode}, 1, 2)) then 1 else 0 end)`,
      hosts: countDistinct(placements.hostId),
    })
    .from(placements)
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .innerJoin(studentProfiles, eq(studentProfiles.userId, placements.studentId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .where(where)
    .groupBy(year)
    .orderBy(year)
    .all();

  const hosts = await db
    .select({
      hostId: host.id,
      hostName: host.name,
      regionName: regions.name,
      placed: count(),
      hired: sql<number>`sum(${placements.hiredAfter})`,
      rating: avg(evaluations.score),
    })
    .from(placements)
    .innerJoin(host, eq(host.id, placements.hostId))
    .innerJoin(regions, eq(regions.code, host.regionCode))
    .leftJoin(evaluations, and(eq(evaluations.placementId, placements.id), eq(evaluations.party, "student")))
    .where(where)
    .groupBy(host.id)
    .orderBy(sql`count(*) desc`, host.name)
    .all();

  const projects = await db
    .select({ kind: cooperationProjects.kind, projects: count(), students: sql<number>`sum(${cooperationProjects.studentCount})` })
    .from(cooperationProjects)
    .where(eq(cooperationProjects.schoolId, schoolId))
    .groupBy(cooperationProjects.kind)
    .all();
  const projectPartners = await db.select({ id: cooperationProjects.enterpriseId }).from(cooperationProjects).where(eq(cooperationProjects.schoolId, schoolId)).all();
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
    .limit(2000)
    .all();

  const placed = byYear.reduce((a, r) => a + r.placed, 0);
  const withinGroup = byYear.reduce((a, r) => a + Number(r.withinGroup), 0);
  const ratings = await db
    .select({ rating: avg(evaluations.score) })
    .from(evaluations)
    .innerJoin(placements, eq(placements.id, evaluations.placementId))
    .where(and(eq(placements.schoolId, schoolId), eq(evaluations.party, "student")))
    .get();
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
      interns: sql<number>`sum(case when ${postings.kind} = 'placement_internship' then 1 else 0 end)`,
      apprentices: sql<number>`sum(case when ${postings.kind} = 'apprenticeship' then 1 else 0 end)`,
      orderClass: sql<number>`sum(case when ${postings.kind} = 'order_class' then 1 else 0 end)`,
      observation: sql<number>`sum(case when ${postings.kind} = 'observation_visit' then 1 else 0 end)`,
      hired: sql<number>`sum(${placements.hiredAfter})`,
    })
    .from(placements)
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .where(and(eq(placements.hostId, enterpriseId), inArray(placements.status, [...realised])))
    .groupBy(year)
    .all();
  const projectYear = sql<number>`cast(substr(${cooperationProjects.startDate}, 1, 4) as integer)`;
  const fromProjects = await db
    .select({
      year: projectYear,
      trainingBases: sql<number>`sum(case when ${cooperationProjects.kind} = 'training_base' then 1 else 0 end)`,
      mentors: sql<number>`sum(${cooperationProjects.mentorCount})`,
      orderClass: sql<number>`sum(case when ${cooperationProjects.kind} = 'order_class' then ${cooperationProjects.studentCount} else 0 end)`,
      apprentices: sql<number>`sum(case when ${cooperationProjects.kind} = 'apprenticeship' then ${cooperationProjects.studentCount} else 0 end)`,
    })
    .from(cooperationProjects)
    .where(eq(cooperationProjects.enterpriseId, enterpriseId))
    .groupBy(projectYear)
    .all();
  const postingYear = sql<number>`cast(substr(${postings.startDate}, 1, 4) as integer)`;
  const fromPostings = await db
    .select({
      year: postingYear,
      trainingBases: sql<number>`sum(case when ${postings.kind} = 'enterprise_training_base' then 1 else 0 end)`,
      mentors: sql<number>`sum(case when ${postings.kind} = 'mentor_offer' then ${postings.quantity} else 0 end)`,
    })
    .from(postings)
    .where(and(eq(postings.organisationId, enterpriseId), inArray(postings.status, ["published", "closed"])))
    .groupBy(postingYear)
    .all();
  const schoolsByYear = await db
    .select({ year, schools: countDistinct(placements.schoolId) })
    .from(placements)
    .where(and(eq(placements.hostId, enterpriseId), inArray(placements.status, [...realised])))
    .groupBy(year)
    .all();
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
    .groupBy(school.id)
    .orderBy(sql`count(*) desc`, school.name)
    .all();
  return { byYear, schools };
}

/** The administrator's overview of the whole platform. */
export async function platformOverview(db: Db) {
  const group = async <T extends string>(table: "organisations" | "applications" | "placements" | "cooperation_projects", column: string) =>
    (db.$client.prepare(`select ${column} as k, count(*) as n from ${table} group by ${column} order by ${column}`).all() as { k: T; n: number }[]).map((r) => ({ key: r.k, count: r.n }));
  // Postings by status and by kind in one pass over an index; provinces named after grouping.
  const byStatusKind = db.$client.prepare("select status as s, kind as k, count(*) as n from postings group by status, kind").all() as { s: string; k: string; n: number }[];
  const fold = (key: "s" | "k") => [...byStatusKind.reduce((m, r) => m.set(r[key], (m.get(r[key]) ?? 0) + r.n), new Map<string, number>())].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => ({ key: k, count: n }));
  const top = db.$client.prepare("select province_code as code, count(*) as n from postings where status = 'published' group by province_code order by n desc limit 10").all() as { code: string; n: number }[];
  const names = new Map((await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, top.map((r) => r.code).concat("_"))).all()).map((r) => [r.code, r.name]));
  const provinces = top.map((r) => ({ provinceCode: r.code, name: names.get(r.code) ?? r.code, postings: r.n }));
  const students = (await db.select({ n: count() }).from(studentProfiles).get())?.n ?? 0;
  // By role without scanning every user: students from their profiles, staff from memberships, admins by index.
  const staff = db.$client.prepare("select o.kind as k, count(distinct m.user_id) as n from memberships m join organisations o on o.id = m.organisation_id group by o.kind").all() as { k: string; n: number }[];
  const admins = (await db.select({ n: count() }).from(users).where(eq(users.role, "admin")).get())?.n ?? 0;
  const usersByRole = [{ key: "student", count: students }, ...staff.map((r) => ({ key: r.k, count: r.n })), { key: "admin", count: admins }];
  return {
    students,
    usersByRole,
    organisations: await group("organisations", "kind || ':' || verification_status"),
    postingsByStatus: fold("s"),
    postingsByKind: fold("k"),
    applications: await group("applications", "status"),
    placements: await group("placements", "status"),
    projects: await group("cooperation_projects", "kind"),
    topProvinces: provinces,
  };
}
