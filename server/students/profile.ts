import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/create";
import { findMajor, regionsExist } from "../../db/queries/reference";
import { studentProfiles, users } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import type { updateStudentProfileInput } from "../schemas/students";
import { FieldError } from "../trpc";

export async function updateStudentProfile(db: Db, userId: string, input: z.output<typeof updateStudentProfileInput>) {
  if (!(await findMajor(db, input.specialtyCode))) throw new FieldError({ specialtyCode: "errors.specialtyNotMajor" });
  if (!(await regionsExist(db, input.preferredRegions))) throw new FieldError({ preferredRegions: "errors.regionUnknown" });
  await withTransaction(db, async (tx) => {
    await tx.update(users).set({ name: input.name }).where(eq(users.id, userId));
    const updated = await tx
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
      .returning({ userId: studentProfiles.userId });
    if (updated.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  });
}

// Who may read what of a student is decided in ./visibility.ts (studentAccessFor, studentFieldsByView).
