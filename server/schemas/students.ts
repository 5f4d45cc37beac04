import { z } from "zod";
import { birthDate, checkEnrolmentAfterBirth, enrolmentYear } from "./accounts";
import { longText, personName, regionCode, specialtyCode } from "./common";

/** Certificates as a list; the form sends one per line. */
const certificateList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set((Array.isArray(v) ? v : v.split("\n")).map((c) => c.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(60, "errors.certificates")).max(20, "errors.certificates"));

export const updateStudentProfileInput = z
  .object({
    name: personName,
    specialtyCode,
    enrolmentYear,
    birthDate,
    /** Any level: a province, a city or a county. */
    preferredRegions: z.array(regionCode).max(5, "errors.tooManyRegions").default([]),
    bio: longText.default(""),
    visibleToEnterprises: z.boolean().default(false),
    skills: z.string().trim().max(500, "errors.text").default(""),
    certificates: certificateList.default([]),
  })
  .superRefine(checkEnrolmentAfterBirth);
export type UpdateStudentProfileInput = z.input<typeof updateStudentProfileInput>;
