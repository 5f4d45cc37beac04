import { z } from "zod";
import { postingKinds, postingStatuses, type PostingKind } from "../../db/schema-enums";
import { insurancePayers, labourIntensityLevels, payFrequencies } from "../compliance/rules";
import { highRiskKinds, minorForbiddenWorkKinds, minorForbiddenWorkOf } from "../compliance/working-time";
import { id, industryCode, isoDate, phone, regionCode, specialtyCode } from "./common";

/** Zod schemas of postings, one per kind, shared by the forms and the procedures. */

const wholeNumber = (min: number, max: number, message: string) =>
  z.coerce.number({ message }).int(message).min(min, message).max(max, message);
const money = wholeNumber(0, 1_000_000, "errors.money");
const shortText = (max = 200) => z.string().trim().max(max, "errors.text");
const requiredText = (max = 2000) => z.string().trim().min(1, "errors.required").max(max, "errors.text");
const flag = z.boolean().default(false);

const common = {
  title: z.string().trim().min(2, "errors.title").max(60, "errors.title"),
  description: z.string().trim().min(10, "errors.description").max(5000, "errors.description"),
  regionCode,
  address: z.string().trim().min(2, "errors.address").max(200, "errors.address"),
  industryCode,
  specialtyCodes: z.array(specialtyCode).min(1, "errors.specialties").max(10, "errors.specialties"),
  quantity: wholeNumber(1, 10_000, "errors.quantity"),
  startDate: isoDate,
  endDate: isoDate,
  applyBy: isoDate,
  contactName: z.string().trim().min(1, "errors.required").max(40, "errors.text"),
  contactPhone: phone,
  /** The host's declared post (岗位) a placement internship is for; required for one (checked when written). */
  postId: z.preprocess((v) => (v === "" || v === null ? undefined : v), id.optional()),
};

/** Hours a day in half hours: 8 passes, 8.5 is refused by the rule (not by the schema) so the form says why. */
const dailyHours = z.coerce
  .number({ message: "errors.dailyHours" })
  .min(0.5, "errors.dailyHours")
  .max(24, "errors.dailyHours")
  .refine((n) => Number.isInteger(n * 2), "errors.dailyHours");
/** "" (not given) or a date; the rules decide when the filing date is required. */
const optionalDate = z.union([z.literal(""), isoDate]).default("");

export const placementInternshipDetails = z.object({
  monthlyPay: money,
  /** The host's wage for the same post, or its lowest wage grade. */
  sameWage: wholeNumber(1, 1_000_000, "errors.money"),
  payFrequency: z.enum(payFrequencies),
  feesToStudents: money.default(0),
  withholdsIdDocuments: flag,
  dailyHours,
  weeklyDays: wholeNumber(1, 7, "errors.weeklyDays"),
  nightShifts: flag,
  overtime: flag,
  holidayWork: flag,
  /** The kinds of high-risk work (高空、井下、放射性、有毒、易燃易爆、其他). */
  riskKinds: z.array(z.enum(highRiskKinds)).max(highRiskKinds.length).default([]),
  /** Derived from riskKinds when the posting is written; kept for postings written before riskKinds. */
  highRisk: flag,
  exceptionFiled: flag,
  /** The filing with the education authority: its reference and the day it was filed. */
  exceptionReference: shortText(60).default(""),
  exceptionFiledOn: optionalDate,
  labourIntensity: z.enum(labourIntensityLevels),
  /** 职业危害与防护: required, the form marks it so. */
  hazards: requiredText(500),
  /** 《未成年工特殊保护规定》第三条 categories the post involves. */
  minorForbiddenWork: z.array(z.enum(minorForbiddenWorkKinds)).max(minorForbiddenWorkKinds.length).default([]),
  /** Derived from minorForbiddenWork and riskKinds when written; read by search and the applying rules. */
  forbiddenForMinors: flag,
  liabilityInsurance: flag,
  insurancePaidBy: z.enum(insurancePayers),
  /** Staff on the post as stated by postings written before hosts declared posts; new ones name a post (postId). */
  postStaffCount: wholeNumber(1, 10_000_000, "errors.postStaffCount").optional(),
  // The duration is computed from startDate/endDate (compliance/dates.ts); a `durationMonths` stored by older
  // versions is ignored (z.object drops it when the posting is written again).
});

export const observationVisitDetails = z.object({
  agenda: requiredText(),
  safetyArrangements: requiredText(),
  feesToStudents: money.default(0),
});

export const apprenticeshipDetails = z.object({
  monthlyPay: money,
  apprenticesPerMaster: wholeNumber(1, 10, "errors.apprenticesPerMaster"),
  certificate: requiredText(200),
  termMonths: wholeNumber(1, 60, "errors.termMonths"),
  feesToStudents: money.default(0),
});

export const orderClassDetails = z.object({
  intakeYear: wholeNumber(2000, 2100, "errors.year"),
  trainingPlan: requiredText(),
  hiringCommitment: wholeNumber(0, 10_000, "errors.hiringCommitment"),
  costSharing: requiredText(),
  feesToStudents: money.default(0),
});

export const trainingBaseDirections = ["in_enterprise", "in_school", "shared"] as const;
export const trainingBaseDetails = z.object({
  direction: z.enum(trainingBaseDirections),
  equipment: requiredText(),
  openPeriods: requiredText(500),
});

export const technicalNeedDetails = z.object({
  budget: money.default(0),
  deliverables: requiredText(),
});

export const mentorOfferDetails = z.object({
  expertise: requiredText(),
  hoursPerWeek: wholeNumber(1, 40, "errors.hoursPerWeek"),
});

export const programmeCohortDetails = z.object({
  graduationYear: wholeNumber(2000, 2100, "errors.year"),
  skills: requiredText(),
});

export const trainingServiceDetails = z.object({
  serviceType: requiredText(200),
  price: money.default(0),
});

/** The details schema of each kind. */
export const detailsSchemas = {
  placement_internship: placementInternshipDetails,
  observation_visit: observationVisitDetails,
  apprenticeship: apprenticeshipDetails,
  order_class: orderClassDetails,
  enterprise_training_base: trainingBaseDetails,
  technical_need: technicalNeedDetails,
  mentor_offer: mentorOfferDetails,
  programme_cohort: programmeCohortDetails,
  school_training_base: trainingBaseDetails,
  training_service: trainingServiceDetails,
} satisfies Record<PostingKind, z.ZodObject>;

export type PostingDetails<K extends PostingKind> = z.output<(typeof detailsSchemas)[K]>;

function datesInOrder(value: { startDate: string; endDate: string; applyBy: string }, ctx: z.RefinementCtx) {
  if (value.endDate < value.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "errors.endBeforeStart" });
  if (value.applyBy > value.endDate) ctx.addIssue({ code: "custom", path: ["applyBy"], message: "errors.applyByAfterEnd" });
}

/**
 * Facts derived from what the owner ticked, so the stored details say them plainly: high risk when any
 * risk kind is named, and work forbidden to minors when any 《未成年工特殊保护规定》 category is named or
 * implied by a risk kind (toxic, underground, radioactive, flammable/explosive).
 */
function deriveFacts<T extends { kind: PostingKind; details: object }>(value: T): T {
  if (value.kind !== "placement_internship") return value;
  const d = value.details as z.output<typeof placementInternshipDetails>;
  const minorForbiddenWork = minorForbiddenWorkOf(d.minorForbiddenWork, d.riskKinds);
  return { ...value, details: { ...d, minorForbiddenWork, highRisk: d.riskKinds.length > 0, forbiddenForMinors: minorForbiddenWork.length > 0 } };
}

const postingOf = <K extends PostingKind>(kind: K) =>
  z.object({ kind: z.literal(kind), ...common, details: detailsSchemas[kind] });

/** A posting as written by its owner: the common fields and the details of its kind. */
export const postingInput = z
  .discriminatedUnion("kind", [
    postingOf("placement_internship"),
    postingOf("observation_visit"),
    postingOf("apprenticeship"),
    postingOf("order_class"),
    postingOf("enterprise_training_base"),
    postingOf("technical_need"),
    postingOf("mentor_offer"),
    postingOf("programme_cohort"),
    postingOf("school_training_base"),
    postingOf("training_service"),
  ])
  .superRefine(datesInOrder)
  .transform(deriveFacts);
export type PostingInput = z.input<typeof postingInput>;
export type PostingValues = z.output<typeof postingInput>;

export const createPostingInput = z.object({ organisationId: id, posting: postingInput, submit: z.boolean().default(false) });
export const updatePostingInput = z.object({ organisationId: id, postingId: id, posting: postingInput, submit: z.boolean().default(false) });

export const listOwnPostingsInput = z.object({
  organisationId: id,
  status: z.enum([...postingStatuses, "expired"]).optional(),
});

export const reviewQueueInput = z.object({
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const rejectPostingInput = z.object({
  postingId: id,
  reason: z.string().trim().min(2, "errors.rejectReason").max(200, "errors.rejectReason"),
});

export const postingKind = z.enum(postingKinds);
