import { TRPCError } from "@trpc/server";
import { applicantsOfPosting, applicationsOfSchool, applicationsOfStudent, studentsWithoutPlacement } from "../../db/queries/placements";
import { findPosting } from "../../db/queries/postings";
import { applicationEligibility, applyToPosting, moveApplicant, respondToOffer, seatsTaken, withdrawApplication } from "../applications/manage";
import { applicantsInput, applicationIdInput, applyInput, hostMoveInput, respondToOfferInput, schoolApplicationsInput } from "../schemas/applications";
import { applicantNameFor } from "../students/visibility";
import { router, schoolMemberProcedure, studentProcedure, verifiedEnterpriseMemberProcedure } from "../trpc";

export const applicationsRouter = router({
  /** Before applying: the rules that would refuse this student, each named, and the seats left. */
  eligibility: studentProcedure.input(applicantsInput).query(({ ctx, input }) => applicationEligibility(ctx.db, ctx.user.id, input.postingId)),
  submit: studentProcedure.input(applyInput).mutation(({ ctx, input }) => applyToPosting(ctx.db, ctx.user.id, input)),
  mine: studentProcedure.query(({ ctx }) => applicationsOfStudent(ctx.db, ctx.user.id)),
  withdraw: studentProcedure.input(applicationIdInput).mutation(({ ctx, input }) => withdrawApplication(ctx.db, ctx.user.id, input.applicationId)),
  respond: studentProcedure.input(respondToOfferInput).mutation(({ ctx, input }) => respondToOffer(ctx.db, ctx.user.id, input)),

  /**
   * The host's pipeline for one of its postings (a verified host only). A closed application keeps the
   * student's display name, not the full name (server/students/visibility.ts).
   */
  applicants: verifiedEnterpriseMemberProcedure.input(applicantsInput).query(async ({ ctx, input }) => {
    const posting = await findPosting(ctx.db, input.postingId, input.organisationId);
    if (!posting) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    const items = (await applicantsOfPosting(ctx.db, input.organisationId, input.postingId)).map((item) => ({ ...item, studentName: applicantNameFor(item) }));
    return { posting: { id: posting.id, title: posting.title, kind: posting.kind, quantity: posting.quantity, startDate: posting.startDate, endDate: posting.endDate }, seatsTaken: await seatsTaken(ctx.db, posting.id), items };
  }),
  // A host that went back to pending or was rejected no longer moves applicants (issue 13): verified rung.
  move: verifiedEnterpriseMemberProcedure
    .input(applicationIdInput.extend({ move: hostMoveInput }))
    .mutation(({ ctx, input }) => moveApplicant(ctx.db, input.organisationId, input.applicationId, input.move)),

  /** All applications of the school's students, and who has no placement yet. */
  forSchool: schoolMemberProcedure.input(schoolApplicationsInput).query(({ ctx, input }) => applicationsOfSchool(ctx.db, input.organisationId, input.status)),
  withoutPlacement: schoolMemberProcedure.query(({ ctx, input }) => studentsWithoutPlacement(ctx.db, input.organisationId)),
});
