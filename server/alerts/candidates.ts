import { and, eq, gt, inArray, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { memberships, organisations, regions, savedSearchSightings, specialties, studentProfiles, users } from "../../db/schema";
import type { SavedCandidateParams } from "../schemas/saved-searches";
import { displayNameOf } from "../students/visibility";

/**
 * Which students a candidate search finds: those who let enterprises find them (the visible profile, as
 * match.forPosting lists them: studentProfiles.visibleToEnterprises), by specialty at any level (a specialty,
 * its class or its group, across education levels as the search does), the school's region at any level and
 * the intake year. A condition on student_profiles only.
 */
export async function candidateCondition(db: Runner, params: SavedCandidateParams): Promise<SQL> {
  const conditions: (SQL | undefined)[] = [eq(studentProfiles.visibleToEnterprises, true)];
  const code = params.specialtyCode;
  if (code && code.length >= 6) conditions.push(eq(studentProfiles.specialtyCode, code));
  else if (code) {
    const [ref] = await db.select({ domainCode: specialties.domainCode }).from(specialties).where(eq(specialties.code, code)).limit(1);
    // An unknown class or group finds nobody, rather than everybody.
    const domain = ref?.domainCode ?? "-";
    const sameDomain = code.length === 4 ? eq(specialties.domainCode, domain) : sql`substr(${specialties.domainCode}, 1, 2) = ${domain.slice(0, 2)}`;
    conditions.push(inArray(studentProfiles.specialtyCode, db.select({ code: specialties.code }).from(specialties).where(sameDomain)));
  }
  if (params.regionCode) {
    const r = params.regionCode;
    conditions.push(inArray(studentProfiles.schoolRegionCode, db.select({ code: regions.code }).from(regions).where(or(eq(regions.code, r), eq(regions.cityCode, r), eq(regions.provinceCode, r)))));
  }
  if (params.enrolmentYear !== undefined) conditions.push(eq(studentProfiles.enrolmentYear, params.enrolmentYear));
  return and(...conditions)!;
}

/**
 * Whether the user may still search candidates for the organisation: a member of it, and it a verified
 * enterprise (the rule of verifiedEnterpriseMemberProcedure, read again at each alert: a membership or a
 * verification can end after the search was saved).
 */
export async function maySearchCandidates(db: Runner, userId: string, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.organisationId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId), eq(organisations.kind, "enterprise"), eq(organisations.verificationStatus, "verified")))
    .limit(1);
  return !!row;
}

/** Records every student the search finds now, so that only students found later are alerted. */
export async function recordCurrentCandidates(tx: Runner, savedSearchId: string, params: SavedCandidateParams) {
  const where = await candidateCondition(tx, params);
  await tx
    .insert(savedSearchSightings)
    .select(tx.select({ savedSearchId: sql<string>`${savedSearchId}`.as("saved_search_id"), studentId: studentProfiles.userId }).from(studentProfiles).where(where))
    .onConflictDoNothing();
}

/**
 * Students the search finds that it has not found before, among profiles changed since `since` (a student
 * becoming visible, or changing specialty, moves their profile's updated_at): only visible-profile fields.
 */
export async function newCandidates(db: Db, savedSearchId: string, params: SavedCandidateParams, since: Date, limit = 100) {
  const where = await candidateCondition(db, params);
  const seen = db.select({ one: sql`1` }).from(savedSearchSightings).where(and(eq(savedSearchSightings.savedSearchId, savedSearchId), eq(savedSearchSightings.studentId, studentProfiles.userId)));
  const rows = await db
    .select({ userId: studentProfiles.userId, name: users.name, specialtyName: specialties.name, schoolName: organisations.name, enrolmentYear: studentProfiles.enrolmentYear })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
    .where(and(where, gt(studentProfiles.updatedAt, since), notExists(seen)))
    .orderBy(studentProfiles.userId)
    .limit(limit);
  // The full name never leaves here: a display name as the visible profile shows it.
  return rows.map(({ name, ...r }) => ({ ...r, displayName: displayNameOf(name) }));
}
