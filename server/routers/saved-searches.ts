import { deleteSavedSearch, listSavedSearches, saveCandidateSearch, savePostingSearch, updateSavedSearch } from "../alerts/saved-searches";
import { outboxPage } from "../mail/outbox";
import { renameSavedSearchInput, saveCandidateSearchInput, savedSearchRef, savePostingSearchInput, updateSavedSearchInput } from "../schemas/saved-searches";
import { adminProcedure, router, signedInProcedure, verifiedEnterpriseMemberProcedure } from "../trpc";
import { z } from "zod";

/**
 * Saved searches and their alerts (issue 18, item 4). Each user sees and changes only their own (another's is
 * NOT_FOUND); candidate searches are for members of a verified enterprise, as matching students is.
 */
export const savedSearchesRouter = router({
  list: signedInProcedure.query(({ ctx }) => listSavedSearches(ctx.db, ctx.user.id)),
  savePostings: signedInProcedure.input(savePostingSearchInput).mutation(({ ctx, input }) => savePostingSearch(ctx.db, ctx.user.id, input)),
  saveCandidates: verifiedEnterpriseMemberProcedure.input(saveCandidateSearchInput).mutation(({ ctx, input }) => saveCandidateSearch(ctx.db, ctx.user.id, input)),
  rename: signedInProcedure.input(renameSavedSearchInput).mutation(({ ctx, input }) => updateSavedSearch(ctx.db, ctx.user.id, input.savedSearchId, { name: input.name })),
  update: signedInProcedure.input(updateSavedSearchInput).mutation(({ ctx, input }) => updateSavedSearch(ctx.db, ctx.user.id, input.savedSearchId, { frequency: input.frequency, mailEnabled: input.mailEnabled })),
  delete: signedInProcedure.input(savedSearchRef).mutation(({ ctx, input }) => deleteSavedSearch(ctx.db, ctx.user.id, input.savedSearchId)),
  /** Every mail the platform wrote, newest first: held ones (no SMTP_URL) and the delivery status of the others. */
  outbox: adminProcedure.input(z.object({ offset: z.number().int().min(0).max(100_000).default(0) })).query(({ ctx, input }) => outboxPage(ctx.db, { offset: input.offset })),
});
