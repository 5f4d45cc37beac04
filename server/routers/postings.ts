import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { latestRevision, pendingRevisions, postingDetail, postingsOf, reviewQueue, specialtiesOfPostings } from "../../db/queries/postings";
import { findOrganisation } from "../../db/queries/organisations";
import { approvePosting, approvePostingRevision, closePosting, createPosting, displayStatus, kindsFor, rejectPosting, rejectPostingRevision, submitPosting, updatePosting, withdrawPosting } from "../postings/manage";
import { postingChanges, valuesOf } from "../postings/revisions";
import { rejectRevisionInput, revisionDecisionInput, revisionQueueInput } from "../schemas/review-holds";
import type { PostingValues } from "../schemas/postings";
import { createPostingInput, listOwnPostingsInput, rejectPostingInput, reviewQueueInput, updatePostingInput } from "../schemas/postings";
import { canSeeContacts, publicPostingView } from "../security/redaction";
import { withFeeFlags } from "../postings/fee-flags";
import { feeFlagsOf } from "../compliance/fees";
import { adminProcedure, findMembership, organisationMemberProcedure, publicProcedure, router } from "../trpc";
import { withSuspensions } from "../complaints/posting-reports";
import { industryBySpecialty, schoolIndustryCode } from "../admin/specialty-map";

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
    // An organisation that is not verified (pending, rejected) has no public postings (issue 13).
    const isPublic = (posting.status === "published" || posting.status === "closed") && posting.hostVerified;
    if (!isPublic && !isMember && ctx.user?.role !== "admin") throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    // No internal user ids; the contact only for students, verified organisations, members, admins (server/security/redaction.ts).
    const view = publicPostingView(posting, await canSeeContacts(ctx.db, ctx.user, posting.organisationId));
    return { ...view, displayStatus: displayStatus(posting.status, posting.applyBy), canEdit: isMember, viewerIsAdmin: ctx.user?.role === "admin" };
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
      // A school's own industry is 83 教育; its postings default to the industry of the chosen specialty (issue 20).
      defaults: { regionCode: organisation.regionCode, address: organisation.address, industryCode: organisation.industryCode ?? (organisation.kind === "school" ? schoolIndustryCode(organisation.schoolLevel) : ""), contactName: organisation.contactName, contactPhone: organisation.contactPhone },
      industryBySpecialty: organisation.kind === "school" ? await industryBySpecialty(ctx.db, organisation.id) : {},
      host: { staffCount: organisation.staffCount, industryCode: organisation.industryCode },
    };
  }),

  create: organisationMemberProcedure
    .input(createPostingInput)
    .mutation(({ ctx, input }) => createPosting(ctx.db, { organisationId: input.organisationId, userId: ctx.user.id, posting: input.posting, submit: input.submit })),
  update: organisationMemberProcedure.input(updatePostingInput).mutation(({ ctx, input }) => updatePosting(ctx.db, { ...input, userId: ctx.user.id })),

  /** For the owner's edit page: the newest held change of a published posting (waiting or refused), or null. */
  revision: organisationMemberProcedure.input(postingId).query(async ({ ctx, input }) => {
    const posting = await postingDetail(ctx.db, input.postingId);
    if (!posting || posting.organisationId !== input.organisationId) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    const revision = posting.status === "published" ? await latestRevision(ctx.db, input.postingId) : undefined;
    return revision ? { ...revision, values: revision.values as PostingValues } : null;
  }),
  submit: organisationMemberProcedure.input(postingId).mutation(({ ctx, input }) => submitPosting(ctx.db, input.organisationId, input.postingId)),
  withdraw: organisationMemberProcedure.input(postingId).mutation(({ ctx, input }) => withdrawPosting(ctx.db, input.organisationId, input.postingId)),
  close: organisationMemberProcedure.input(postingId).mutation(({ ctx, input }) => closePosting(ctx.db, input.organisationId, input.postingId)),

  // Each item carries the fee phrases of its text (issue 14: a hit is never approved unseen), and a posting
  // suspended by reports says so with the reports' reasons (server/complaints/posting-reports.ts).
  reviewQueue: adminProcedure.input(reviewQueueInput).query(async ({ ctx, input }) => {
    const page = await reviewQueue(ctx.db, input.cursor, input.limit);
    return { ...page, items: await withSuspensions(ctx.db, await withFeeFlags(ctx.db, page.items)) };
  }),
  approve: adminProcedure.input(postingId).mutation(({ ctx, input }) => approvePosting(ctx.db, input.postingId, ctx.user.id)),
  reject: adminProcedure.input(rejectPostingInput).mutation(({ ctx, input }) => rejectPosting(ctx.db, input.postingId, input.reason, ctx.user.id)),

  /** Held changes to published postings, each with its field-by-field diff against the published version. */
  revisionQueue: adminProcedure.input(revisionQueueInput).query(async ({ ctx, input }) => {
    const page = await pendingRevisions(ctx.db, input.cursor, input.limit);
    const codes = await specialtiesOfPostings(ctx.db, page.rows.map((r) => r.posting.id));
    const items = page.rows.map(({ revision, posting, organisationName }) => ({
      id: revision.id,
      version: revision.version,
      submittedAt: revision.createdAt,
      postingId: posting.id,
      title: posting.title,
      kind: posting.kind,
      organisationId: posting.organisationId,
      organisationName,
      changes: postingChanges(valuesOf(posting, (codes.get(posting.id) ?? []).map((s) => s.code)), revision.values as PostingValues),
      // The held version's fee phrases (issue 14), like the review queue's.
      feeFlags: feeFlagsOf(revision.values as PostingValues),
    }));
    return { items, total: page.total, nextCursor: page.nextCursor };
  }),
  approveRevision: adminProcedure.input(revisionDecisionInput).mutation(({ ctx, input }) => approvePostingRevision(ctx.db, input.revisionId, ctx.user.id)),
  rejectRevision: adminProcedure.input(rejectRevisionInput).mutation(({ ctx, input }) => rejectPostingRevision(ctx.db, input.revisionId, input.reason, ctx.user.id)),
});
