import { z } from "zod";
import { applicationStatuses, placementStatuses } from "../../db/schema-enums";
import { insurancePayers } from "../compliance/rules";
import { id, isoDate } from "./common";

/** Zod schemas of applications and placements, shared by the forms and the procedures. */

export const coverNote = z.string().trim().max(1000, "errors.coverNote").default("");
export const applyInput = z.object({ postingId: id, coverNote });
export type ApplyInput = z.input<typeof applyInput>;

export const applicationIdInput = z.object({ applicationId: id });
export const respondToOfferInput = z.object({ applicationId: id, accept: z.boolean() });

const reason = z.string().trim().min(2, "errors.rejectReason").max(200, "errors.rejectReason");

/** The host's moves along its pipeline, one shape per move. */
export const hostMoveInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("screen") }),
  z.object({
    action: z.literal("interview"),
    interviewAt: z.coerce.date({ message: "errors.interviewAt" }),
    interviewLocation: z.string().trim().min(2, "errors.interviewLocation").max(200, "errors.interviewLocation"),
  }),
  z.object({ action: z.literal("offer"), offerStartDate: isoDate, offerNote: z.string().trim().max(500, "errors.text").default("") }),
  z.object({ action: z.literal("reject"), reason }),
]);
export type HostMoveInput = z.input<typeof hostMoveInput>;

export const applicantsInput = z.object({ postingId: id });
export const schoolApplicationsInput = z.object({ status: z.enum(applicationStatuses).optional() });
export const organisationPlacementsInput = z.object({ status: z.enum(placementStatuses).optional() });

export const placementIdInput = z.object({ placementId: id });
/** The reason is required (by the rule, compliance/dates.ts) when a 岗位实习 runs longer than six months. */
export const approvePlacementInput = z.object({ placementId: id, schoolTutorId: id, longPlacementReason: z.string().trim().max(500, "errors.text").optional() });
/** A new end date (extension or early end) with its reason, proposed by the school or the host. */
export const proposeAmendmentInput = z.object({
  placementId: id,
  newEndDate: isoDate,
  reason: z.string().trim().min(2, "errors.amendmentReason").max(500, "errors.amendmentReason"),
});
export type ProposeAmendmentInput = z.input<typeof proposeAmendmentInput>;
export const confirmAmendmentInput = z.object({ placementId: id, amendmentId: id });
export const assignTutorInput = z.object({ placementId: id, tutorId: id });
export const terminatePlacementInput = z.object({ placementId: id, reason });

export const insuranceInput = z.object({
  placementId: id,
  insurer: z.string().trim().min(2, "errors.insurer").max(80, "errors.insurer"),
  policyNumber: z.string().trim().min(3, "errors.policyNumber").max(60, "errors.policyNumber"),
  /** "student" is accepted here so that the rule, not the form, says why it is refused. */
  paidBy: z.enum(insurancePayers),
});
export type InsuranceInput = z.input<typeof insuranceInput>;

export const consentInput = z.object({
  placementId: id,
  guardianName: z.string().trim().max(40, "errors.name").optional(),
  guardianRelation: z.string().trim().max(20, "errors.text").optional(),
});

export const confirmAgreementInput = z.object({ placementId: id, digest: z.string().regex(/^[0-9a-f]{16}$/) });

export const weeklyLogInput = z.object({
  placementId: id,
  weekStart: isoDate,
  content: z.string().trim().min(10, "errors.logContent").max(5000, "errors.logContent"),
});
export type WeeklyLogInput = z.input<typeof weeklyLogInput>;

export const logCommentInput = z.object({ logId: id, content: z.string().trim().min(1, "errors.comment").max(2000, "errors.comment") });

export const evaluationInput = z.object({
  placementId: id,
  score: z.coerce.number({ message: "errors.score" }).int("errors.score").min(1, "errors.score").max(5, "errors.score"),
  comment: z.string().trim().min(1, "errors.comment").max(2000, "errors.comment"),
});
export type EvaluationInput = z.input<typeof evaluationInput>;
