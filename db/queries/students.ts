import { and, asc, count, eq, or } from "drizzle-orm";
import type { Db } from "../create";
import { organisations, specialties, studentProfiles, users } from "../schema";
import { containsText } from "./like";

/** A student's profile with the names of their school and specialty. Personal data: callers check access. */
export async function studentDetail(db: Db, userId: string) {
  const [student] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      mobile: users.mobile,
      schoolId: studentProfiles.schoolId,
      schoolName: organisations.name,
      specialtyCode: studentProfiles.specialtyCode,
      specialtyName: specialties.name,
      enrolmentYear: studentProfiles.enrolmentYear,
      birthDate: studentProfiles.birthDate,
      preferredRegions: studentProfiles.preferredRegions,
      bio: studentProfiles.bio,
      visibleToEnterprises: studentProfiles.visibleToEnterprises,
      skills: studentProfiles.skills,
      certificates: studentProfiles.certificates,
      cvFileName: studentProfiles.cvFileName,
      cvFileSize: studentProfiles.cvFileSize,
    })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .where(eq(studentProfiles.userId, userId))
    .limit(1);
  return student;
}

export async function studentsOfSchool(db: Db, schoolId: string, opts: { query?: string; cursor: number; limit: number }) {
  const where = and(
    eq(studentProfiles.schoolId, schoolId),
    opts.query ? or(containsText(db, users.name, opts.query), containsText(db, specialties.name, opts.query)) : undefined,
  );
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      specialtyCode: studentProfiles.specialtyCode,
      specialtyName: specialties.name,
      enrolmentYear: studentProfiles.enrolmentYear,
    })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .where(where)
    .orderBy(asc(studentProfiles.enrolmentYear), asc(users.name), asc(users.id))
    .limit(opts.limit + 1)
    .offset(opts.cursor);
  const [total] = await db
    .select({ n: count() })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .where(where);
  const hasMore = rows.length > opts.limit;
  return { items: rows.slice(0, opts.limit), total: total?.n ?? 0, nextCursor: hasMore ? opts.cursor + opts.limit : null };
}
