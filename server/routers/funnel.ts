import { TRPCError } from "@trpc/server";
import { mayReadPostingFunnel } from "../funnel/access";
import { applicantCounts, funnelsByRegion, lastDays, postingFunnel } from "../funnel/read";
import { funnelsByRegionInput, postingFunnelInput } from "../schemas/funnel";
import { adminProcedure, MessageError, organisationMemberProcedure, router, signedInProcedure } from "../trpc";

export const funnelRouter = router({
  /**
   * A posting's funnel over the last `days` days, per day and source: impressions and views counted as they
   * happen, applications, interviews, offers and placements read from the applications. Members of the owning
   * organisation and administrators only.
   */
  forPosting: signedInProcedure.input(postingFunnelInput).query(async ({ ctx, input }) => {
    const allowed = await mayReadPostingFunnel(ctx.db, ctx.user, input.postingId);
    if (allowed === null) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    if (!allowed) throw new MessageError("FORBIDDEN", "errors.funnelForbidden");
    return postingFunnel(ctx.db, input.postingId, lastDays(input.days));
  }),

  /** Applications per posting of the caller's organisation (for its postings list). */
  applicantCounts: organisationMemberProcedure.query(({ ctx, input }) => applicantCounts(ctx.db, input.organisationId)),

  /** Every posting's funnel summed by province and kind (administrators; read from the reports database). */
  byRegion: adminProcedure.input(funnelsByRegionInput).query(({ ctx, input }) => funnelsByRegion(ctx.reportsDb, lastDays(input.days), input.kind)),
});
