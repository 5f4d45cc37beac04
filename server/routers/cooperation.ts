import { acceptProposal, completeProject, declineProposal, ledgerOf, postMessage, propose, threadOf, withdrawProposal } from "../cooperation/manage";
import { acceptProposalInput, projectIdInput, proposalIdInput, proposalMessageInput, proposeInput } from "../schemas/cooperation";
import { organisationMemberProcedure, router, verifiedMemberProcedure } from "../trpc";

/**
 * Cooperation between a school and an enterprise. Every procedure acts for `input.organisationId`, whose
 * membership the ladder checks; a proposal is visible only to its two organisations. Proposing, answering
 * and accepting need the acting organisation to be verified.
 */
export const cooperationRouter = router({
  ledger: organisationMemberProcedure.query(({ ctx, input }) => ledgerOf(ctx.db, input.organisationId)),
  thread: organisationMemberProcedure.input(proposalIdInput).query(({ ctx, input }) => threadOf(ctx.db, input.proposalId, input.organisationId)),
  propose: verifiedMemberProcedure.input(proposeInput).mutation(({ ctx, input }) => propose(ctx.db, ctx.user.id, input.organisationId, input)),
  message: verifiedMemberProcedure.input(proposalMessageInput).mutation(({ ctx, input }) => postMessage(ctx.db, ctx.user.id, input.organisationId, input)),
  accept: verifiedMemberProcedure.input(acceptProposalInput).mutation(({ ctx, input }) => acceptProposal(ctx.db, input.organisationId, input)),
  decline: organisationMemberProcedure.input(proposalIdInput).mutation(({ ctx, input }) => declineProposal(ctx.db, input.organisationId, input.proposalId)),
  withdraw: organisationMemberProcedure.input(proposalIdInput).mutation(({ ctx, input }) => withdrawProposal(ctx.db, input.organisationId, input.proposalId)),
  completeProject: organisationMemberProcedure.input(projectIdInput).mutation(({ ctx, input }) => completeProject(ctx.db, input.organisationId, input.projectId)),
});
