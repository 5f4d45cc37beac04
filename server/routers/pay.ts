import { payOverview, recordPay, respondToPay } from "../pay/manage";
import { placementIdInput } from "../schemas/applications";
import { recordPayInput, respondPayInput } from "../schemas/protection";
import { router, signedInProcedure } from "../trpc";

/** Pay actually paid on a placement: its parties (and administrators) read it, the host records, the student answers. */
export const payRouter = router({
  overview: signedInProcedure.input(placementIdInput).query(({ ctx, input }) => payOverview(ctx.db, ctx.user, input.placementId)),
  record: signedInProcedure.input(recordPayInput).mutation(({ ctx, input }) => recordPay(ctx.db, ctx.user, input)),
  respond: signedInProcedure.input(respondPayInput).mutation(({ ctx, input }) => respondToPay(ctx.db, ctx.user, input)),
});
