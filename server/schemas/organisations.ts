import { z } from "zod";
import { educationLevels, organisationKinds, verificationStatuses } from "../../db/schema-enums";
import { staffCount } from "./accounts";
import { id, industryCode, longText, optional, organisationName, phone, regionCode, specialtyCode, website } from "./common";

const profileFields = {
  name: organisationName,
  regionCode,
  address: z.string().trim().min(2, "errors.address").max(200, "errors.address"),
  description: longText.default(""),
  contactName: optional(z.string().trim().max(40, "errors.text")),
  contactPhone: optional(phone),
  website: optional(website),
  verificationEvidence: longText.default(""),
};

export const updateSchoolInput = z.object({
  organisationId: id,
  kind: z.literal("school"),
  ...profileFields,
  schoolLevel: z.enum(educationLevels, { message: "errors.schoolLevel" }),
  specialtyCodes: z.array(specialtyCode).max(200).default([]),
});

export const updateEnterpriseInput = z.object({
  organisationId: id,
  kind: z.literal("enterprise"),
  ...profileFields,
  industryCode,
  staffCount,
  integrationCertified: z.boolean().default(false),
});

/** One procedure edits either kind; the kind must match the stored organisation's. */
export const updateOrganisationInput = z.discriminatedUnion("kind", [updateSchoolInput, updateEnterpriseInput]);
export type UpdateOrganisationInput = z.input<typeof updateOrganisationInput>;

export const listOrganisationsInput = z.object({
  status: z.enum(verificationStatuses).optional(),
  kind: z.enum(organisationKinds).optional(),
  query: z.string().trim().max(80).optional(),
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListOrganisationsInput = z.input<typeof listOrganisationsInput>;

export const rejectOrganisationInput = z.object({
  organisationId: id,
  reason: z.string().trim().min(2, "errors.rejectReason").max(200, "errors.rejectReason"),
});

export const createInvitationInput = z.object({
  organisationId: id,
  label: z.string().trim().max(40, "errors.text").default(""),
  maxUses: z.coerce.number({ message: "errors.maxUses" }).int("errors.maxUses").min(1, "errors.maxUses").max(1000, "errors.maxUses"),
  validDays: z.coerce.number({ message: "errors.validDays" }).int("errors.validDays").min(1, "errors.validDays").max(365, "errors.validDays"),
});
export type CreateInvitationInput = z.input<typeof createInvitationInput>;
