import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { enterpriseParticipation, platformOverview, schoolOutcomes } from "../reports/outcomes";
import { supplyDemand } from "../reports/supply-demand";
import { adminProcedure, findMembership, router, signedInProcedure } from "../trpc";

/** Members of the organisation (of the given kind) and administrators; FORBIDDEN for everyone else. */
function organisationReport(kind: "school" | "enterprise") {
  return signedInProcedure.input(z.object({ organisationId: z.string().uuid() })).use(async ({ ctx, input, next }) => {
    if (ctx.user.role !== "admin") {
      const membership = await findMembership(ctx.db, ctx.user.id, input.organisationId);
      if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "errors.notOrgMember" });
      if (membership.kind !== kind) throw new TRPCError({ code: "FORBIDDEN", message: "errors.FORBIDDEN" });
    }
    return next();
  });
}

/** Reports read ctx.reportsDb (a read replica when REPORTS_DATABASE_URL is set); who may read them is checked on the primary. */
export const reportsRouter = router({
  /** Aggregates only (no personal data): any signed-in user, e.g. an education bureau planning specialties. */
  supplyDemand: signedInProcedure
    .input(z.object({ provinceCode: z.string().regex(/^\d{2}0000$/).optional(), graduationYear: z.number().int().min(2000).max(2100).optional() }))
    .query(({ ctx, input }) => supplyDemand(ctx.reportsDb, input)),
  schoolOutcomes: organisationReport("school").query(({ ctx, input }) => schoolOutcomes(ctx.reportsDb, input.organisationId)),
  enterpriseParticipation: organisationReport("enterprise").query(({ ctx, input }) => enterpriseParticipation(ctx.reportsDb, input.organisationId)),
  overview: adminProcedure.query(({ ctx }) => platformOverview(ctx.reportsDb)),
});
