import { TRPCError } from "@trpc/server";
import { audit } from "../admin/audit";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Runner } from "../../db/create";
import { findOrganisation } from "../../db/queries/organisations";
import { withTransaction } from "../../db/transaction";
import { findMajor, industryExists, isLeafRegion, specialtiesExist } from "../../db/queries/reference";
import { invitations, organisationChanges, organisations, schoolSpecialties } from "../../db/schema";
import { memberIdsOf, notify } from "../notifications/notify";
import type { createInvitationInput, rejectOrganisationInput, updateOrganisationInput } from "../schemas/organisations";
import { FieldError } from "../trpc";

/**
 * The facts an administrator verified (issue 13, M7): the name, the USCC, the industry, the staff count
 * (which sizes the 10% intern cap) and the 产教融合型企业 flag. A verified organisation's change to any of
 * them is held for verification while the verified values stay in force; its other data applies at once.
 * (The USCC is not editable today; it is listed so that it is held the day it becomes so.)
 */
export const verifiedOrganisationFields = ["name", "uscc", "industryCode", "staffCount", "integrationCertified"] as const;
type VerifiedField = (typeof verifiedOrganisationFields)[number];
export type OrganisationChangeValues = Partial<Record<VerifiedField, string | number | boolean | null>>;

/** The verified facts an edit would change: field → proposed value. */
export function heldOrganisationChanges(current: Record<VerifiedField, unknown>, proposed: OrganisationChangeValues): OrganisationChangeValues {
  const held: OrganisationChangeValues = {};
  for (const field of verifiedOrganisationFields) {
    if (field in proposed && (proposed[field] ?? null) !== (current[field] ?? null)) held[field] = proposed[field];
  }
  return held;
}

/**
 * Saves an organisation's profile. A pending organisation's edit applies as it is, and a rejected one
 * goes back to the verification queue when it is corrected. A verified one stays verified: a change to
 * its verified facts is held as an organisation change for an administrator (replacing one already
 * waiting; an edit back to the verified values drops it), and the rest applies at once.
 */
export async function updateOrganisation(db: Db, input: z.output<typeof updateOrganisationInput>, userId?: string) {
  const current = await findOrganisation(db, input.organisationId);
  if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (current.kind !== input.kind) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.BAD_REQUEST" });
  if (!(await isLeafRegion(db, input.regionCode))) throw new FieldError({ regionCode: "errors.region" });

  const proposed: { name: string; industryCode?: string; staffCount?: number; integrationCertified?: boolean } =
    input.kind === "enterprise" ? { name: input.name, industryCode: input.industryCode, staffCount: input.staffCount, integrationCertified: input.integrationCertified } : { name: input.name };
  if (input.kind === "enterprise" && !(await industryExists(db, input.industryCode))) throw new FieldError({ industryCode: "errors.industryUnknown" });
  const codes = input.kind === "school" ? [...new Set(input.specialtyCodes)] : [];
  if (input.kind === "school") {
    if (!(await specialtiesExist(db, codes))) throw new FieldError({ specialtyCodes: "errors.specialtyUnknown" });
    for (const code of codes) {
      if (!(await findMajor(db, code))) throw new FieldError({ specialtyCodes: "errors.specialtyNotMajor" });
    }
  }

  const verified = current.verificationStatus === "verified";
  const held = verified ? heldOrganisationChanges(current, proposed) : {};
  const profile = {
    regionCode: input.regionCode,
    address: input.address,
    description: input.description,
    contactName: input.contactName ?? "",
    contactPhone: input.contactPhone ?? "",
    website: input.website ?? "",
    verificationEvidence: input.verificationEvidence,
    ...(input.kind === "school" ? { schoolLevel: input.schoolLevel } : {}),
    // Unverified: everything applies, and a rejected organisation's correction goes back to the queue.
    ...(verified ? {} : { ...proposed, ...(current.verificationStatus === "rejected" ? { verificationStatus: "pending" as const, rejectionReason: null } : {}) }),
  };

  return withTransaction(db, async (tx) => {
    await tx.update(organisations).set(profile).where(eq(organisations.id, current.id));
    if (input.kind === "school") {
      await tx.delete(schoolSpecialties).where(eq(schoolSpecialties.organisationId, current.id));
      if (codes.length) await tx.insert(schoolSpecialties).values(codes.map((specialtyCode) => ({ organisationId: current.id, specialtyCode })));
    }
    if (!verified) return { changePending: false };
    await tx.update(organisationChanges).set({ status: "superseded" }).where(and(eq(organisationChanges.organisationId, current.id), eq(organisationChanges.status, "pending")));
    if (Object.keys(held).length === 0) return { changePending: false };
    await tx.insert(organisationChanges).values({ organisationId: current.id, values: held, submittedBy: userId ?? null });
    await notify(tx, { to: await memberIdsOf(tx, current.id), except: userId, type: "notify.organisationChangeSubmitted", params: { organisation: current.name }, link: `/organisations/${current.id}/edit` });
    return { changePending: true };
  });
}

export async function verifyOrganisation(db: Db, organisationId: string, adminId: string) {
  await withTransaction(db, async (tx) => {
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
    if (!org) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    // The trigger of migration 0015 brings the organisation's postings back into search with this update.
    await tx.update(organisations).set({ verificationStatus: "verified", rejectionReason: null, reviewedAt: new Date(), reviewedBy: adminId }).where(eq(organisations.id, organisationId));
    await audit(tx, { actorId: adminId, action: "organisation.verify", targetType: "organisation", targetId: organisationId, summary: org.name });
    await notify(tx, { to: await memberIdsOf(tx, organisationId), except: adminId, type: "notify.organisationVerified", params: { organisation: org.name }, link: `/organisations/${organisationId}` });
  });
}

export async function rejectOrganisation(db: Db, input: z.output<typeof rejectOrganisationInput>, adminId: string) {
  await withTransaction(db, async (tx) => {
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.organisationId)).limit(1);
    if (!org) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    // The trigger of migration 0015 takes the organisation's postings out of search with this update.
    await tx.update(organisations).set({ verificationStatus: "rejected", rejectionReason: input.reason, reviewedAt: new Date(), reviewedBy: adminId }).where(eq(organisations.id, input.organisationId));
    // A held change is moot: the corrected profile is verified as a whole.
    await tx.update(organisationChanges).set({ status: "superseded" }).where(and(eq(organisationChanges.organisationId, input.organisationId), eq(organisationChanges.status, "pending")));
    await audit(tx, { actorId: adminId, action: "organisation.reject", targetType: "organisation", targetId: input.organisationId, summary: org.name, details: { reason: input.reason } });
    await notify(tx, { to: await memberIdsOf(tx, input.organisationId), except: adminId, type: "notify.organisationRejected", params: { organisation: org.name, reason: input.reason }, link: `/organisations/${input.organisationId}/edit` });
  });
}

/** Decides a held organisation change; the status condition is part of the UPDATE, so one decision lands. */
async function decideChange(tx: Runner, changeId: string, to: { status: "approved" | "rejected"; reason?: string }, adminId: string) {
  const [row] = await tx
    .select({ change: organisationChanges, name: organisations.name })
    .from(organisationChanges)
    .innerJoin(organisations, eq(organisations.id, organisationChanges.organisationId))
    .where(eq(organisationChanges.id, changeId))
    .limit(1);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  const decided = await tx
    .update(organisationChanges)
    .set({ status: to.status, reason: to.reason ?? null, reviewedBy: adminId, reviewedAt: new Date() })
    .where(and(eq(organisationChanges.id, changeId), eq(organisationChanges.status, "pending")))
    .returning({ id: organisationChanges.id });
  if (decided.length === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.changeNotPending" });
  return row;
}

/** Applies a held change to a verified organisation's verified facts; it stays verified. */
export async function approveOrganisationChange(db: Db, changeId: string, adminId: string) {
  await withTransaction(db, async (tx) => {
    const { change, name } = await decideChange(tx, changeId, { status: "approved" }, adminId);
    const values = change.values as OrganisationChangeValues;
    const set: Partial<typeof organisations.$inferInsert> = {};
    if (typeof values.name === "string") set.name = values.name;
    if (typeof values.uscc === "string") set.uscc = values.uscc;
    if (typeof values.industryCode === "string") set.industryCode = values.industryCode;
    if (typeof values.staffCount === "number") set.staffCount = values.staffCount;
    if (typeof values.integrationCertified === "boolean") set.integrationCertified = values.integrationCertified;
    if (Object.keys(set).length) await tx.update(organisations).set({ ...set, reviewedAt: new Date(), reviewedBy: adminId }).where(eq(organisations.id, change.organisationId));
    await audit(tx, { actorId: adminId, action: "organisation.change.approve", targetType: "organisation", targetId: change.organisationId, summary: name, details: { values } });
    await notify(tx, { to: await memberIdsOf(tx, change.organisationId), except: adminId, type: "notify.organisationChangeApproved", params: { organisation: set.name ?? name }, link: `/organisations/${change.organisationId}` });
  });
}

/** Refuses a held change: the verified values stay, and the members are told why. */
export async function rejectOrganisationChange(db: Db, changeId: string, reason: string, adminId: string) {
  await withTransaction(db, async (tx) => {
    const { change, name } = await decideChange(tx, changeId, { status: "rejected", reason }, adminId);
    await audit(tx, { actorId: adminId, action: "organisation.change.reject", targetType: "organisation", targetId: change.organisationId, summary: name, details: { values: change.values, reason } });
    await notify(tx, { to: await memberIdsOf(tx, change.organisationId), except: adminId, type: "notify.organisationChangeRejected", params: { organisation: name, reason }, link: `/organisations/${change.organisationId}/edit` });
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
    const [row] = await db
      .insert(invitations)
      .values({ organisationId: input.organisationId, code, label: input.label, maxUses: input.maxUses, expiresAt, createdBy: userId })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
  }
  throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "errors.INTERNAL_SERVER_ERROR" });
}

export async function revokeInvitation(db: Db, organisationId: string, invitationId: string) {
  const revoked = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, organisationId)))
    .returning({ id: invitations.id });
  if (revoked.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
}
