import { TRPCError } from "@trpc/server";
import { studentFacingKinds } from "../compliance/posting";
import { appliedRowids, studentMatchProfile } from "../matching/profile";
import { matchForStudentInput } from "../schemas/search";
import { findPostings } from "../search/search-postings";
import { logImpressions } from "../funnel/record";
import { z } from "zod";
import { matchForOrganisation, matchForPosting } from "../matching/counterparts";
import { router, studentProcedure, verifiedMemberProcedure } from "../trpc";

export const matchRouter = router({
  /**
   * Postings recommended to the signed-in student, best first, each with why. Postings the compliance rules
   * bar them from (year one, under 16 at the start, work forbidden to minors, outside their specialty group:
   * server/matching/eligibility.ts) and postings they already applied to are left out, not just ranked low.
   */
  forStudent: studentProcedure.input(matchForStudentInput).query(async ({ ctx, input }) => {
    // Both read by the student's id alone: side by side (on PostgreSQL each read is a round trip).
    const [student, applied] = await Promise.all([studentMatchProfile(ctx.db, ctx.user.id), appliedRowids(ctx.db, ctx.user.id)]);
    if (!student) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    const eligibility = { ...student.eligibility, applied };
    return logImpressions(ctx.db, "recommendation", await findPostings(ctx.db, { filters: { kinds: [...studentFacingKinds] }, sort: "relevance", profile: student.profile, eligibility, cursor: input.cursor, limit: input.limit, counts: false }));
  }),

  /**
   * For one of the caller's organisation's published postings: the counterparts that fit it, ranked and
   * explained (students in their visible profile only). Verified organisations only.
   */
  forPosting: verifiedMemberProcedure
    .input(z.object({ postingId: z.string().uuid() }))
    .query(({ ctx, input }) => matchForPosting(ctx.db, input.organisationId, input.postingId)),

  /** The counterpart organisations most worth contacting for the caller's school or enterprise. */
  forOrganisation: verifiedMemberProcedure.query(({ ctx, input }) => matchForOrganisation(ctx.db, input.organisationId)),
});
