import { evaluationsOf, logsOfPlacement, placementsOfOrganisation } from "../../db/queries/placements";
import {
  approvePlacement,
  assignTutor,
  commentOnLog,
  completePlacement,
  confirmAgreement,
  evaluatePlacement,
  loadPlacement,
  markHired,
  placementState,
  recordConsent,
  recordInsurance,
  startPlacement,
  terminatePlacement,
  writeWeeklyLog,
} from "../placements/manage";
import { amendmentsOf, confirmAmendment, proposeAmendment } from "../placements/amendments";
import {
  approvePlacementInput,
  assignTutorInput,
  confirmAgreementInput,
  confirmAmendmentInput,
  consentInput,
  evaluationInput,
  insuranceInput,
  logCommentInput,
  organisationPlacementsInput,
  placementIdInput,
  proposeAmendmentInput,
  terminatePlacementInput,
  weeklyLogInput,
} from "../schemas/applications";
import { logPlacementRead } from "../students/visibility";
import { organisationMemberProcedure, router, signedInProcedure } from "../trpc";

/**
 * Placements are read and moved by their parties: the student, the school's members, the host's members
 * (administrators read). Each procedure resolves the caller's party from the database.
 */
export const placementsRouter = router({
  get: signedInProcedure.input(placementIdInput).query(async ({ ctx, input }) => {
    const { detail, party } = await loadPlacement(ctx.db, ctx.user, input.placementId);
    // The page names the student's birth date and contact: the host's and administrators' reads are logged.
    await logPlacementRead(ctx.db, ctx.user, party, detail.placement);
    const state = placementState(detail);
    const { agreementSnapshot: _snapshot, ...placement } = detail.placement;
    return {
      ...detail,
      placement,
      party,
      agreement: state.agreement,
      confirmations: state.confirmations,
      agreementReady: state.agreementReady,
      missing: state.missing,
      guardianConsentNeeded: state.guardianConsentNeeded,
      logs: await logsOfPlacement(ctx.db, input.placementId),
      evaluations: await evaluationsOf(ctx.db, input.placementId),
      amendments: await amendmentsOf(ctx.db, input.placementId),
    };
  }),
  /** The agreement alone, for its printable page and PDF. */
  agreement: signedInProcedure.input(placementIdInput).query(async ({ ctx, input }) => {
    const { detail, party } = await loadPlacement(ctx.db, ctx.user, input.placementId);
    await logPlacementRead(ctx.db, ctx.user, party, detail.placement);
    const { agreement, confirmations } = placementState(detail);
    return {
      agreement,
      confirmations,
      parties: { student: detail.student.name, school: detail.school.name, host: detail.host.name },
    };
  }),
  listForOrganisation: organisationMemberProcedure
    .input(organisationPlacementsInput)
    .query(({ ctx, input }) => placementsOfOrganisation(ctx.db, input.organisationId, ctx.membership.kind === "school" ? "school" : "host", input.status)),

  approve: signedInProcedure.input(approvePlacementInput).mutation(({ ctx, input }) => approvePlacement(ctx.db, ctx.user, input)),
  assignTutor: signedInProcedure.input(assignTutorInput).mutation(({ ctx, input }) => assignTutor(ctx.db, ctx.user, input)),
  recordInsurance: signedInProcedure.input(insuranceInput).mutation(({ ctx, input }) => recordInsurance(ctx.db, ctx.user, input)),
  consent: signedInProcedure.input(consentInput).mutation(({ ctx, input }) => recordConsent(ctx.db, ctx.user, input)),
  confirmAgreement: signedInProcedure.input(confirmAgreementInput).mutation(({ ctx, input }) => confirmAgreement(ctx.db, ctx.user, input)),
  start: signedInProcedure.input(placementIdInput).mutation(({ ctx, input }) => startPlacement(ctx.db, ctx.user, input.placementId)),
  terminate: signedInProcedure.input(terminatePlacementInput).mutation(({ ctx, input }) => terminatePlacement(ctx.db, ctx.user, input)),
  complete: signedInProcedure.input(placementIdInput).mutation(({ ctx, input }) => completePlacement(ctx.db, ctx.user, input.placementId)),
  writeLog: signedInProcedure.input(weeklyLogInput).mutation(({ ctx, input }) => writeWeeklyLog(ctx.db, ctx.user, input)),
  commentLog: signedInProcedure.input(logCommentInput).mutation(({ ctx, input }) => commentOnLog(ctx.db, ctx.user, input)),
  evaluate: signedInProcedure.input(evaluationInput).mutation(({ ctx, input }) => evaluatePlacement(ctx.db, ctx.user, input)),
  /** A new end date by tripartite amendment: proposed by the school or the host, applied once all three confirm. */
  proposeAmendment: signedInProcedure.input(proposeAmendmentInput).mutation(({ ctx, input }) => proposeAmendment(ctx.db, ctx.user, input)),
  confirmAmendment: signedInProcedure.input(confirmAmendmentInput).mutation(({ ctx, input }) => confirmAmendment(ctx.db, ctx.user, input)),
  markHired: signedInProcedure.input(placementIdInput).mutation(({ ctx, input }) => markHired(ctx.db, ctx.user, input.placementId)),
});
