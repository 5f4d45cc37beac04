import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { studentDetail, studentsOfSchool } from "../../db/queries/students";
import { updateStudentProfileInput } from "../schemas/students";
import { canReadStudent, updateStudentProfile } from "../students/profile";
import { router, schoolMemberProcedure, signedInProcedure, studentProcedure } from "../trpc";

export const studentsRouter = router({
  me: studentProcedure.query(async ({ ctx }) => {
    const profile = await studentDetail(ctx.db, ctx.user.id);
    if (!profile) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    return profile;
  }),

  update: studentProcedure.input(updateStudentProfileInput).mutation(({ ctx, input }) => updateStudentProfile(ctx.db, ctx.user.id, input)),

  /** A student's profile for those allowed to see it; NOT_FOUND for everyone else, not revealing the student. */
  get: signedInProcedure.input(z.object({ userId: z.string().uuid() })).query(async ({ ctx, input }) => {
    const profile = await studentDetail(ctx.db, input.userId);
    if (!profile || !(await canReadStudent(ctx.db, ctx.user, profile))) {
      throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    }
    return profile;
  }),

  /** The students of a school, for its staff. */
  listForSchool: schoolMemberProcedure
    .input(z.object({ query: z.string().trim().max(40).optional(), cursor: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => studentsOfSchool(ctx.db, input.organisationId, input)),
});
