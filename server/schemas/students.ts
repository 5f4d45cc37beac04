import { z } from "zod";
import { birthDate, checkEnrolmentAfterBirth, enrolmentYear } from "./accounts";
import { longText, personName, regionCode, specialtyCode } from "./common";

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
  })
  .superRefine(checkEnrolmentAfterBirth);
export type UpdateStudentProfileInput = z.input<typeof updateStudentProfileInput>;
