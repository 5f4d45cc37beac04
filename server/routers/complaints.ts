import { allComplaints, complaintsOfPlacement, complaintsOfSchool, fileComplaint, getComplaint, replyToComplaint } from "../complaints/manage";
import { reportPosting, suspendedPostings } from "../complaints/posting-reports";
import { adminComplaintsInput, complaintIdInput, fileComplaintInput, replyComplaintInput, reportPostingInput, schoolComplaintsInput } from "../schemas/protection";
import { placementIdInput } from "../schemas/applications";
import { adminProcedure, publicProcedure, router, schoolMemberProcedure, signedInProcedure } from "../trpc";

/**
 * 实习权益投诉 and reports of postings. Complaints are read by the student who filed them, their school's
 * members and administrators; a host's members get nothing (FORBIDDEN on the placement's list, NOT_FOUND on
 * a complaint), so they cannot learn that one exists.
 */
export const complaintsRouter = router({
  file: signedInProcedure.input(fileComplaintInput).mutation(({ ctx, input }) => fileComplaint(ctx.db, ctx.user, input)),
  forPlacement: signedInProcedure.input(placementIdInput).query(({ ctx, input }) => complaintsOfPlacement(ctx.db, ctx.user, input.placementId)),
  get: signedInProcedure.input(complaintIdInput).query(async ({ ctx, input }) => (await getComplaint(ctx.db, ctx.user, input.complaintId)).complaint),
  reply: signedInProcedure.input(replyComplaintInput).mutation(({ ctx, input }) => replyToComplaint(ctx.db, ctx.user, input)),
  forSchool: schoolMemberProcedure.input(schoolComplaintsInput).query(({ ctx, input }) => complaintsOfSchool(ctx.db, input.organisationId, input.status)),
  all: adminProcedure.input(adminComplaintsInput).query(({ ctx, input }) => allComplaints(ctx.db, input.status)),

  /** Anyone, signed in or not, reports a published posting; three distinct reporters suspend it for review. */
  reportPosting: publicProcedure.input(reportPostingInput).mutation(({ ctx, input }) => reportPosting(ctx.db, ctx.user, ctx.address, input)),
  suspendedPostings: adminProcedure.query(({ ctx }) => suspendedPostings(ctx.db)),
});
