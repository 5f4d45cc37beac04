import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { postingDetail, postingsOf, reviewQueue } from "../../db/queries/postings";
import { findOrganisation } from "../../db/queries/organisations";
import { approvePosting, closePosting, createPosting, displayStatus, kindsFor, rejectPosting, submitPosting, updatePosting, withdrawPosting } from "../postings/manage";
import { createPostingInput, listOwnPostingsInput, rejectPostingInput, reviewQueueInput, updatePostingInput } from "../schemas/postings";
import { adminProcedure, findMembership, organisationMemberProcedure, publicProcedure, router } from "../trpc";

const postingId = z.object({ postingId: z.string().uuid() });

export const postingsRouter = router({
  /**
   * A posting's page. Published postings (open or expired) are public; drafts and postings under review
   * are shown only to the owning organisation's members and administrators — NOT_FOUND for others.
   */
  get: publicProcedure.input(postingId).query(async ({ ctx, input }) => {
    const posting = await postingDetail(ctx.db, input.postingId);
    if (!posting) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    const isMember = !!ctx.user && !!(await findMembership(ctx.db, ctx.user.id, posting.organisationId));
    const isPublic = posting.status === "published" || posting.status === "closed";
    if (!isPublic && !isMember && ctx.user?.role !== "admin") throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    return { ...posting, displayStatus: displayStatus(posting.status, posting.applyBy), canEdit: isMember, viewerIsAdmin: ctx.user?.role === "admin" };
  }),

  /** The organisation's own postings with their state, and how many are in each state. */
  listOwn: organisationMemberProcedure.input(listOwnPostingsInput).query(async ({ ctx, input }) => {
    const all = (await postingsOf(ctx.db, input.organisationId)).map((p) => ({ ...p, displayStatus: displayStatus(p.status, p.applyBy) }));
    const counts: Record<string, number> = {};
    for (const p of all) counts[p.displayStatus] = (counts[p.displayStatus] ?? 0) + 1;
    return { items: input.status ? all.filter((p) => p.displayStatus === input.status) : all, counts, total: all.length };
  }),

  /** What the posting form needs about its organisation: allowed kinds, defaults and the host facts for the rules. */
  formContext: organisationMemberProcedure.query(async ({ ctx, input }) => {
    const organisation = (await findOrganisation(ctx.db, input.organisationId))!;
    return {
      kinds: kindsFor(organisation.kind),
      verified: organisation.verificationStatus === "verified",
      defaults: { regionCode: organisation.regionCode, address: organisation.address, industryCode: organisation.industryCode ?? "", contactName: organisation.contactName, contactPhone: organisation.contactPhone },
      host: { staffCount: organisation.staffCount, industryCode: organisation.industryCode },
    };
  }),

  create: organisationMemberProcedure
    .input(createPostingInput)
    .mutation(({ ctx, input }) => createPosting(ctx.db, { organisationId: input.organisationId, userId: ctx.user.id, posting: input.posting, submit: input.submit })),
  update: organisationMemberProcedure.input(updatePostingInput).mutation(({ ctx, input }) => updatePosting(ctx.db, input)),
  submit: organisationMemberProcedure.input(postingId).mutation(({ ctx, input }) => submitPosting(ctx.db, input.organisationId, input.postingId)),
  withdraw: organisationMemberProcedure.input(postingId).mutation(({ ctx, input }) => withdrawPosting(ctx.db, input.organisationId, input.postingId)),
  close: organisationMemberProcedure.input(postingId).mutation(({ ctx, input }) => closePosting(ctx.db, input.organisationId, input.postingId)),

  reviewQueue: adminProcedure.input(reviewQueueInput).query(({ ctx, input }) => reviewQueue(ctx.db, input.cursor, input.limit)),
  approve: adminProcedure.input(postingId).mutation(({ ctx, input }) => approvePosting(ctx.db, input.postingId, ctx.user.id)),
  reject: adminProcedure.input(rejectPostingInput).mutation(({ ctx, input }) => rejectPosting(ctx.db, input.postingId, input.reason, ctx.user.id)),
});
