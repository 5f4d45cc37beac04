import { and, asc, desc, eq, inArray, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../create";
import {
  applications,
  evaluations,
  logComments,
  organisations,
  placements,
  postings,
  regions,
  specialties,
  studentProfiles,
  users,
  weeklyLogs,
  type ApplicationStatus,
  type PlacementStatus,
} from "../schema";
import { seatHoldingPlacementStatuses } from "../schema-enums";

const schoolOrg = alias(organisations, "school_org");
const hostOrg = alias(organisations, "host_org");
const schoolTutor = alias(users, "school_tutor");
const hostTutor = alias(users, "host_tutor");
const student = alias(users, "student");

/** Everything about a placement that its page, its rules and its agreement need. Callers check access. */
export async function placementDetail(db: Db, placementId: string) {
  const rows = await db
    .select({
      placement: placements,
      posting: {
        id: postings.id,
        kind: postings.kind,
        title: postings.title,
        description: postings.description,
        address: postings.address,
        details: postings.details,
        contactName: postings.contactName,
        contactPhone: postings.contactPhone,
      },
      student: { name: student.name, email: student.email, mobile: student.mobile },
      profile: { birthDate: studentProfiles.birthDate, enrolmentYear: studentProfiles.enrolmentYear },
      specialtyName: specialties.name,
      school: { name: schoolOrg.name, address: schoolOrg.address, contactName: schoolOrg.contactName, contactPhone: schoolOrg.contactPhone, code: schoolOrg.schoolCode },
      host: { name: hostOrg.name, address: hostOrg.address, uscc: hostOrg.uscc },
      schoolTutorName: schoolTutor.name,
      hostTutorName: hostTutor.name,
      regionName: regions.name,
    })
    .from(placements)
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .innerJoin(student, eq(student.id, placements.studentId))
    .innerJoin(studentProfiles, eq(studentProfiles.userId, placements.studentId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .innerJoin(schoolOrg, eq(schoolOrg.id, placements.schoolId))
    .innerJoin(hostOrg, eq(hostOrg.id, placements.hostId))
    .innerJoin(regions, eq(regions.code, postings.regionCode))
    .leftJoin(schoolTutor, eq(schoolTutor.id, placements.schoolTutorId))
    .leftJoin(hostTutor, eq(hostTutor.id, placements.hostTutorId))
    .where(eq(placements.id, placementId))
    .limit(1);
  return rows[0];
}
export type PlacementDetail = NonNullable<Awaited<ReturnType<typeof placementDetail>>>;

/** Weekly logs, newest week first, each with its comments in order. */
export async function logsOfPlacement(db: Db, placementId: string) {
  const logs = await db.select().from(weeklyLogs).where(eq(weeklyLogs.placementId, placementId)).orderBy(desc(weeklyLogs.weekStart));
  const comments = logs.length
    ? await db
        .select({ id: logComments.id, logId: logComments.logId, party: logComments.party, content: logComments.content, createdAt: logComments.createdAt, authorName: users.name })
        .from(logComments)
        .leftJoin(users, eq(users.id, logComments.authorId))
        .where(inArray(logComments.logId, logs.map((l) => l.id)))
        .orderBy(asc(logComments.createdAt))
    : [];
  return logs.map((l) => ({ ...l, comments: comments.filter((c) => c.logId === l.id) }));
}

export async function evaluationsOf(db: Db, placementId: string) {
  return db
    .select({ party: evaluations.party, score: evaluations.score, comment: evaluations.comment, createdAt: evaluations.createdAt, authorName: users.name })
    .from(evaluations)
    .leftJoin(users, eq(users.id, evaluations.authorId))
    .where(eq(evaluations.placementId, placementId));
}

const applicationColumns = {
  id: applications.id,
  status: applications.status,
  coverNote: applications.coverNote,
  rejectionReason: applications.rejectionReason,
  interviewAt: applications.interviewAt,
  interviewLocation: applications.interviewLocation,
  offerStartDate: applications.offerStartDate,
  offerNote: applications.offerNote,
  createdAt: applications.createdAt,
  updatedAt: applications.updatedAt,
  postingId: postings.id,
  postingTitle: postings.title,
  postingKind: postings.kind,
  placementId: placements.id,
  placementStatus: placements.status,
};

/** A student's own applications, newest first, with the posting, its organisation and any placement. */
export async function applicationsOfStudent(db: Db, studentId: string) {
  return db
    .select({ ...applicationColumns, hostName: hostOrg.name })
    .from(applications)
    .innerJoin(postings, eq(postings.id, applications.postingId))
    .innerJoin(hostOrg, eq(hostOrg.id, applications.hostId))
    .leftJoin(placements, eq(placements.applicationId, applications.id))
    .where(eq(applications.studentId, studentId))
    .orderBy(desc(applications.createdAt));
}

/** The applicants of one posting of the host, for its pipeline. */
export async function applicantsOfPosting(db: Db, hostId: string, postingId: string) {
  return db
    .select({
      ...applicationColumns,
      studentId: student.id,
      studentName: student.name,
      schoolName: schoolOrg.name,
      specialtyName: specialties.name,
      enrolmentYear: studentProfiles.enrolmentYear,
    })
    .from(applications)
    .innerJoin(postings, eq(postings.id, applications.postingId))
    .innerJoin(student, eq(student.id, applications.studentId))
    .innerJoin(studentProfiles, eq(studentProfiles.userId, applications.studentId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .innerJoin(schoolOrg, eq(schoolOrg.id, applications.schoolId))
    .leftJoin(placements, eq(placements.applicationId, applications.id))
    .where(and(eq(applications.hostId, hostId), eq(applications.postingId, postingId)))
    .orderBy(asc(applications.createdAt));
}

/** Applications of a school's students (all hosts), newest first, optionally one state only. */
export async function applicationsOfSchool(db: Db, schoolId: string, status?: ApplicationStatus) {
  return db
    .select({ ...applicationColumns, hostName: hostOrg.name, studentId: student.id, studentName: student.name, specialtyName: specialties.name })
    .from(applications)
    .innerJoin(postings, eq(postings.id, applications.postingId))
    .innerJoin(hostOrg, eq(hostOrg.id, applications.hostId))
    .innerJoin(student, eq(student.id, applications.studentId))
    .innerJoin(studentProfiles, eq(studentProfiles.userId, applications.studentId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .leftJoin(placements, eq(placements.applicationId, applications.id))
    .where(and(eq(applications.schoolId, schoolId), status ? eq(applications.status, status) : undefined))
    .orderBy(desc(applications.createdAt))
    .limit(500);
}

/** Placements where the organisation is the school or the host, newest first. */
export async function placementsOfOrganisation(db: Db, organisationId: string, side: "school" | "host", status?: PlacementStatus) {
  return db
    .select({
      id: placements.id,
      status: placements.status,
      startDate: placements.startDate,
      endDate: placements.endDate,
      postingId: postings.id,
      postingTitle: postings.title,
      postingKind: postings.kind,
      studentId: student.id,
      studentName: student.name,
      schoolName: schoolOrg.name,
      hostName: hostOrg.name,
    })
    .from(placements)
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .innerJoin(student, eq(student.id, placements.studentId))
    .innerJoin(schoolOrg, eq(schoolOrg.id, placements.schoolId))
    .innerJoin(hostOrg, eq(hostOrg.id, placements.hostId))
    .where(and(side === "school" ? eq(placements.schoolId, organisationId) : eq(placements.hostId, organisationId), status ? eq(placements.status, status) : undefined))
    .orderBy(desc(placements.createdAt))
    .limit(500);
}

/** A school's students with no placement in progress or done: who still needs one. */
export async function studentsWithoutPlacement(db: Db, schoolId: string, limit = 200) {
  return db
    .select({ userId: users.id, name: users.name, specialtyName: specialties.name, enrolmentYear: studentProfiles.enrolmentYear })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .where(
      and(
        eq(studentProfiles.schoolId, schoolId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(placements)
            .where(and(sql`"placements"."student_id" = "student_profiles"."user_id"`, inArray(placements.status, [...seatHoldingPlacementStatuses, "completed"]))),
        ),
      ),
    )
    .orderBy(asc(studentProfiles.enrolmentYear), asc(users.name))
    .limit(limit);
}
