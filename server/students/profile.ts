import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/create";
import { findMajor, regionsExist } from "../../db/queries/reference";
import { applications, memberships, studentProfiles, users } from "../../db/schema";
import type { updateStudentProfileInput } from "../schemas/students";
import { FieldError, findMembership, type SessionUser } from "../trpc";

export async function updateStudentProfile(db: Db, userId: string, input: z.output<typeof updateStudentProfileInput>) {
  if (!(await findMajor(db, input.specialtyCode))) throw new FieldError({ specialtyCode: "errors.specialtyNotMajor" });
  if (!(await regionsExist(db, input.preferredRegions))) throw new FieldError({ preferredRegions: "errors.regionUnknown" });
  db.transaction((tx) => {
    tx.update(users).set({ name: input.name }).where(eq(users.id, userId)).run();
    const result = tx
      .update(studentProfiles)
      .set({
        specialtyCode: input.specialtyCode,
        enrolmentYear: input.enrolmentYear,
        birthDate: input.birthDate,
        preferredRegions: [...new Set(input.preferredRegions)],
        bio: input.bio,
        visibleToEnterprises: input.visibleToEnterprises,
        skills: input.skills,
        certificates: input.certificates,
      })
      .where(eq(studentProfiles.userId, userId))
      .run();
    if (result.changes === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  });
}

/**
 * Who may read a student's personal data (birth date, contact, CV): the student, staff of the student's
 * school, administrators, and members of an enterprise the student applied to or — when the student made
 * the profile visible — any enterprise's members.
 */
export async function canReadStudent(db: Db, viewer: SessionUser, student: { userId: string; schoolId: string; visibleToEnterprises: boolean }) {
  if (viewer.id === student.userId || viewer.role === "admin") return true;
  if (viewer.role === "school") return !!(await findMembership(db, viewer.id, student.schoolId));
  if (viewer.role !== "enterprise") return false;
  if (student.visibleToEnterprises) return true;
  const appliedTo = await db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(memberships, and(eq(memberships.organisationId, applications.hostId), eq(memberships.userId, viewer.id)))
    .where(eq(applications.studentId, student.userId))
    .get();
  return !!appliedTo;
}
