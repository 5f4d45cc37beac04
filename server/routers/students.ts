import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { studentDetail, studentsOfSchool } from "../../db/queries/students";
import { updateStudentProfileInput } from "../schemas/students";
import { updateStudentProfile } from "../students/profile";
import { accessLogOf, readStudent, studentInView } from "../students/visibility";
import { router, schoolMemberProcedure, signedInProcedure, studentProcedure } from "../trpc";

export const studentsRouter = router({
  me: studentProcedure.query(async ({ ctx }) => {
    const profile = await studentDetail(ctx.db, ctx.user.id);
    if (!profile) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    return studentInView(profile, "self");
  }),

  update: studentProcedure.input(updateStudentProfileInput).mutation(({ ctx, input }) => updateStudentProfile(ctx.db, ctx.user.id, input)),

  /**
   * A student in the caller's view (server/students/visibility.ts: full, applicant or visible profile);
   * NOT_FOUND for everyone else, not revealing the student. Hosts' and administrators' reads are logged.
   */
  get: signedInProcedure.input(z.object({ userId: z.string().uuid() })).query(({ ctx, input }) => readStudent(ctx.db, ctx.user, input.userId)),

  /** Who read the student's contact data or CV ("谁查看了我的信息"): their own entries, newest first. */
  accessLog: studentProcedure.query(({ ctx }) => accessLogOf(ctx.db, ctx.user.id)),

  /** The students of a school, for its staff. */
  listForSchool: schoolMemberProcedure
    .input(z.object({ query: z.string().trim().max(40).optional(), cursor: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => studentsOfSchool(ctx.db, input.organisationId, input)),
});
