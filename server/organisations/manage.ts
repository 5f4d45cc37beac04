import { TRPCError } from "@trpc/server";
import { audit } from "../admin/audit";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/create";
import { findOrganisation } from "../../db/queries/organisations";
import { findMajor, industryExists, isLeafRegion, specialtiesExist } from "../../db/queries/reference";
import { invitations, organisations, schoolSpecialties } from "../../db/schema";
import type { createInvitationInput, rejectOrganisationInput, updateOrganisationInput } from "../schemas/organisations";
import { FieldError } from "../trpc";

/**
 * Saves an organisation's profile. A rejected organisation goes back to the verification queue when
 * it is corrected; a verified one does too when its name changes, since the name is what was verified.
 */
export async function updateOrganisation(db: Db, input: z.output<typeof updateOrganisationInput>) {
  const current = await findOrganisation(db, input.organisationId);
  if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (current.kind !== input.kind) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.BAD_REQUEST" });
  if (!(await isLeafRegion(db, input.regionCode))) throw new FieldError({ regionCode: "errors.region" });

  const backToReview = current.verificationStatus === "rejected" || (current.verificationStatus === "verified" && current.name !== input.name);
  const common = {
    name: input.name,
    regionCode: input.regionCode,
    address: input.address,
    description: input.description,
    contactName: input.contactName ?? "",
    contactPhone: input.contactPhone ?? "",
    website: input.website ?? "",
    verificationEvidence: input.verificationEvidence,
    ...(backToReview ? { verificationStatus: "pending" as const, rejectionReason: null } : {}),
  };

  if (input.kind === "enterprise") {
    if (!(await industryExists(db, input.industryCode))) throw new FieldError({ industryCode: "errors.industryUnknown" });
    db.update(organisations)
      .set({ ...common, industryCode: input.industryCode, staffCount: input.staffCount, integrationCertified: input.integrationCertified })
      .where(eq(organisations.id, current.id))
      .run();
    return;
  }

  const codes = [...new Set(input.specialtyCodes)];
  if (!(await specialtiesExist(db, codes))) throw new FieldError({ specialtyCodes: "errors.specialtyUnknown" });
  for (const code of codes) {
    if (!(await findMajor(db, code))) throw new FieldError({ specialtyCodes: "errors.specialtyNotMajor" });
  }
  db.transaction((tx) => {
    tx.update(organisations).set({ ...common, schoolLevel: input.schoolLevel }).where(eq(organisations.id, current.id)).run();
    tx.delete(schoolSpecialties).where(eq(schoolSpecialties.organisationId, current.id)).run();
    if (codes.length) tx.insert(schoolSpecialties).values(codes.map((specialtyCode) => ({ organisationId: current.id, specialtyCode }))).run();
  });
}

export async function verifyOrganisation(db: Db, organisationId: string, adminId: string) {
  db.transaction((tx) => {
    const org = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get();
    if (!org) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    tx.update(organisations).set({ verificationStatus: "verified", rejectionReason: null, reviewedAt: new Date(), reviewedBy: adminId }).where(eq(organisations.id, organisationId)).run();
    audit(tx, { actorId: adminId, action: "organisation.verify", targetType: "organisation", targetId: organisationId, summary: org.name });
  });
}

export async function rejectOrganisation(db: Db, input: z.output<typeof rejectOrganisationInput>, adminId: string) {
  db.transaction((tx) => {
    const org = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.organisationId)).get();
    if (!org) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    tx.update(organisations).set({ verificationStatus: "rejected", rejectionReason: input.reason, reviewedAt: new Date(), reviewedBy: adminId }).where(eq(organisations.id, input.organisationId)).run();
    audit(tx, { actorId: adminId, action: "organisation.reject", targetType: "organisation", targetId: input.organisationId, summary: org.name, details: { reason: input.reason } });
  });
}

// Unambiguous characters only (no 0/O, 1/I/L), so a code read aloud or off a slide is typed right.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newInvitationCode(random: (n: number) => number = (n) => crypto.getRandomValues(new Uint32Array(1))[0]! % n): string {
  const pick = () => codeAlphabet.charAt(random(codeAlphabet.length));
  const part = () => Array.from({ length: 4 }, pick).join("");
  return `${part()}-${part()}`;
}

export async function createInvitation(db: Db, input: z.output<typeof createInvitationInput>, userId: string) {
  const expiresAt = new Date(Date.now() + input.validDays * 86_400_000);
  // A collision among 31^8 codes is unlikely but possible: retry with a fresh code.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newInvitationCode();
    const row = db
      .insert(invitations)
      .values({ organisationId: input.organisationId, code, label: input.label, maxUses: input.maxUses, expiresAt, createdBy: userId })
      .onConflictDoNothing()
      .returning()
      .get();
    if (row) return row;
  }
  throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "errors.INTERNAL_SERVER_ERROR" });
}

export async function revokeInvitation(db: Db, organisationId: string, invitationId: string) {
  const result = db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, organisationId)))
    .run();
  if (result.changes === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
}
