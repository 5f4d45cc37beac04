import { z } from "zod";
import {
  addRoundPosting,
  advanceRound,
  computeRound,
  createRound,
  createSecondRound,
  hostRoundView,
  publishRound,
  rankAsHost,
  rankAsStudent,
  removeRoundPosting,
  replayRound,
  roundDetail,
  roundsForHost,
  roundsForStudent,
  roundsOfSchool,
  studentRoundView,
} from "../allocation/rounds";
import { id } from "../schemas/common";
import { addRoundPostingInput, advanceRoundInput, computeRoundInput, createRoundInput, hostRankInput, roundIdInput, secondRoundInput, studentRankInput } from "../schemas/allocation";
import { router, studentProcedure, verifiedEnterpriseMemberProcedure, verifiedSchoolMemberProcedure } from "../trpc";

/**
 * Allocation rounds (issue 21). School staff of the round's school run it (the round is read with the
 * school's id in the query: another school's round is NOT_FOUND); students of that school in the round's
 * cohort rank; members of a verified host rank the students who chose its postings and see only them.
 */
export const allocationRouter = router({
  // School staff (a verified school; `organisationId` is the school).
  list: verifiedSchoolMemberProcedure.query(({ ctx, input }) => roundsOfSchool(ctx.db, input.organisationId)),
  get: verifiedSchoolMemberProcedure.input(roundIdInput).query(({ ctx, input }) => roundDetail(ctx.db, input.organisationId, input.roundId)),
  create: verifiedSchoolMemberProcedure.input(z.object({ round: createRoundInput })).mutation(({ ctx, input }) => createRound(ctx.db, ctx.user.id, input.organisationId, input.round)),
  addPosting: verifiedSchoolMemberProcedure.input(addRoundPostingInput).mutation(({ ctx, input }) => addRoundPosting(ctx.db, ctx.user.id, input.organisationId, input)),
  removePosting: verifiedSchoolMemberProcedure.input(roundIdInput.extend({ postingId: id })).mutation(({ ctx, input }) => removeRoundPosting(ctx.db, ctx.user.id, input.organisationId, input.roundId, input.postingId)),
  advance: verifiedSchoolMemberProcedure.input(advanceRoundInput).mutation(({ ctx, input }) => advanceRound(ctx.db, ctx.user.id, input.organisationId, input.roundId, input.to)),
  compute: verifiedSchoolMemberProcedure.input(computeRoundInput).mutation(({ ctx, input }) => computeRound(ctx.db, ctx.user.id, input.organisationId, input)),
  replay: verifiedSchoolMemberProcedure.input(roundIdInput).query(({ ctx, input }) => replayRound(ctx.db, input.organisationId, input.roundId)),
  publish: verifiedSchoolMemberProcedure.input(roundIdInput).mutation(({ ctx, input }) => publishRound(ctx.db, ctx.user.id, input.organisationId, input.roundId)),
  secondRound: verifiedSchoolMemberProcedure.input(secondRoundInput).mutation(({ ctx, input }) => createSecondRound(ctx.db, ctx.user.id, input.organisationId, input)),

  // Students.
  mine: studentProcedure.query(({ ctx }) => roundsForStudent(ctx.db, ctx.user.id)),
  studentView: studentProcedure.input(roundIdInput).query(({ ctx, input }) => studentRoundView(ctx.db, ctx.user.id, input.roundId)),
  rank: studentProcedure.input(studentRankInput).mutation(({ ctx, input }) => rankAsStudent(ctx.db, ctx.user.id, input)),

  // Hosts (a verified enterprise; `organisationId` is the host).
  forHost: verifiedEnterpriseMemberProcedure.query(({ ctx, input }) => roundsForHost(ctx.db, input.organisationId)),
  hostView: verifiedEnterpriseMemberProcedure.input(roundIdInput).query(({ ctx, input }) => hostRoundView(ctx.db, input.organisationId, input.roundId)),
  hostRank: verifiedEnterpriseMemberProcedure.input(hostRankInput).mutation(({ ctx, input }) => rankAsHost(ctx.db, ctx.user.id, input.organisationId, input)),
});
