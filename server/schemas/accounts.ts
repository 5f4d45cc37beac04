import { z } from "zod";
import { educationLevels } from "../../db/schema-enums";
import { unstorableText } from "../security/unstorable-text";
import {
  email,
  industryCode,
  isoDate,
  mobile,
  optional,
  organisationName,
  password,
  personName,
  regionCode,
  schoolCode,
  specialtyCode,
  uscc,
} from "./common";

// Made once: building an Intl formatter costs far more than formatting with it (this runs per request).
const chinaDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

/** Today's date in China, as YYYY-MM-DD. */
export function todayInChina(now = new Date()): string {
  return chinaDate.format(now);
}

/**
 * China's date (YYYY-MM-DD) of an instant, by arithmetic: China keeps UTC+8 all year. For the paths that date
 * every item they touch (the index's apply-by days, the funnel's counts), where the formatter would cost more.
 */
export function chinaDateOf(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** This year in China (from 16:00 UTC on 31 December it is already the next one). */
export function yearInChina(now = new Date()): number {
  return Number(todayInChina(now).slice(0, 4));
}

const accountFields = z.object({
  name: personName,
  email: optional(email),
  mobile: optional(mobile),
  password,
});

function requireEmailOrMobile(value: { email?: string; mobile?: string }, ctx: z.RefinementCtx) {
  if (!value.email && !value.mobile) {
    ctx.addIssue({ code: "custom", path: ["email"], message: "errors.identifierMissing" });
  }
}

export const birthDate = isoDate
  .refine((d) => d <= todayInChina(), "errors.birthDateFuture")
  .refine((d) => d >= "1940-01-01", "errors.birthDateOld");

export const enrolmentYear = z.coerce
  .number({ message: "errors.enrolmentYear" })
  .int("errors.enrolmentYear")
  .min(2000, "errors.enrolmentYear")
  .refine((y) => y <= yearInChina() + 1, "errors.enrolmentYear");

/** Enrolment at 10 or older: catches swapped or mistyped years without judging real school careers. */
export function checkEnrolmentAfterBirth(value: { birthDate: string; enrolmentYear: number }, ctx: z.RefinementCtx) {
  if (value.enrolmentYear < Number(value.birthDate.slice(0, 4)) + 10) {
    ctx.addIssue({ code: "custom", path: ["enrolmentYear"], message: "errors.enrolmentBeforeBirth" });
  }
}

export const staffCount = z.coerce
  .number({ message: "errors.staffCount" })
  .int("errors.staffCount")
  .min(1, "errors.staffCount")
  .max(10_000_000, "errors.staffCount");

export const enterpriseFields = z.object({
  organisationName,
  uscc,
  industryCode,
  staffCount,
  integrationCertified: z.boolean().default(false),
  regionCode,
  address: z.string().trim().min(2, "errors.address").max(200, "errors.address"),
});

export const schoolFields = z.object({
  organisationName,
  schoolCode,
  schoolLevel: z.enum(educationLevels, { message: "errors.schoolLevel" }),
  regionCode,
  address: z.string().trim().min(2, "errors.address").max(200, "errors.address"),
});

export const invitationCode = z
  .string()
  .trim()
  .toUpperCase()
  .transform((c) => c.replace(/\s/g, ""))
  .pipe(z.string().regex(/^[A-Z2-9]{4}-?[A-Z2-9]{4}$/, "errors.invitationCode"))
  .transform((c) => (c.includes("-") ? c : `${c.slice(0, 4)}-${c.slice(4)}`));

export const studentFields = z.object({
  invitationCode,
  specialtyCode,
  enrolmentYear,
  birthDate,
});

export const signUpEnterpriseInput = accountFields.extend(enterpriseFields.shape).superRefine(requireEmailOrMobile);
export type SignUpEnterpriseInput = z.input<typeof signUpEnterpriseInput>;

export const signUpSchoolInput = accountFields.extend(schoolFields.shape).superRefine(requireEmailOrMobile);
export type SignUpSchoolInput = z.input<typeof signUpSchoolInput>;

export const signUpStudentInput = accountFields
  .extend(studentFields.shape)
  .superRefine(requireEmailOrMobile)
  .superRefine(checkEnrolmentAfterBirth);
export type SignUpStudentInput = z.input<typeof signUpStudentInput>;

/**
 * Parsed by Auth.js's credentials sign-in, outside tRPC and so outside its refusal of unstorable text: an
 * identifier holding U+0000 reached the sign-in throttle's queries, a 500 on PostgreSQL.
 */
export const signInInput = z.object({
  identifier: z
    .string()
    .trim()
    .min(1, "errors.required")
    .max(254)
    .superRefine((text, ctx) => {
      const problem = unstorableText(text);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  password: z.string().min(1, "errors.required").max(128),
});
export type SignInInput = z.infer<typeof signInInput>;
