import { TRPCError } from "@trpc/server";
import { audit } from "../admin/audit";
import { and, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { findOrganisation } from "../../db/queries/organisations";
import { findPosting, writeSearchText } from "../../db/queries/postings";
import { isLeafRegion } from "../../db/queries/reference";
import { industries, postings, postingSpecialties, regions, specialties, type PostingKind, type PostingStatus } from "../../db/schema";
import { enterprisePostingKinds, schoolPostingKinds, type OrganisationKind } from "../../db/schema-enums";
import { checkPosting, errorsOnly } from "../compliance/posting";
import { todayInChina } from "../schemas/accounts";
import { postingSearchText } from "../search/text";
import type { PostingValues } from "../schemas/postings";
import { ComplianceError, FieldError } from "../trpc";

export function kindsFor(organisationKind: OrganisationKind): readonly PostingKind[] {
  return organisationKind === "enterprise" ? enterprisePostingKinds : schoolPostingKinds;
}

/** Published and still open for applications: a posting past its apply-by date is shown as expired. */
export function displayStatus(status: PostingStatus, applyBy: string, today = todayInChina()) {
  return status === "published" && applyBy < today ? ("expired" as const) : status;
}

/**
 * Seats of the host's other placement internships that are under review or open, counted against
 * the 10% cap together with the posting being written.
 */
async function otherInternSeats(db: Db, organisationId: string, excludePostingId?: string) {
  const row = await db
    .select({ seats: sql<number>`coalesce(sum(${postings.quantity}), 0)` })
    .from(postings)
    .where(
      and(
        eq(postings.organisationId, organisationId),
        eq(postings.kind, "placement_internship"),
        inArray(postings.status, ["submitted", "published"]),
        gte(postings.endDate, todayInChina()),
        excludePostingId ? ne(postings.id, excludePostingId) : undefined,
      ),
    )
    .get();
  return row?.seats ?? 0;
}

/** Checks the codes against the reference tables and derives the denormalised columns. */
async function resolveReferences(db: Db, posting: PostingValues) {
  const region = await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions).where(eq(regions.code, posting.regionCode)).get();
  if (!region || !(await isLeafRegion(db, region.code))) throw new FieldError({ regionCode: "errors.region" });
  const industry = await db.select({ level: industries.level }).from(industries).where(eq(industries.code, posting.industryCode)).get();
  if (!industry) throw new FieldError({ industryCode: "errors.industryUnknown" });
  if (industry.level === "section") throw new FieldError({ industryCode: "errors.industryTooBroad" });
  const codes = [...new Set(posting.specialtyCodes)];
  const found = await db.select({ code: specialties.code, domainCode: specialties.domainCode }).from(specialties).where(and(inArray(specialties.code, codes), eq(specialties.level, "major"))).all();
  if (found.length !== codes.length) throw new FieldError({ specialtyCodes: "errors.specialtyNotMajor" });
  return {
    provinceCode: region.provinceCode,
    cityCode: region.cityCode ?? region.code,
    industryDivision: posting.industryCode.slice(0, 2),
    specialties: found.map((s) => ({ specialtyCode: s.code, classDomain: s.domainCode, groupDomain: s.domainCode.slice(0, 2) })),
  };
}

function columnsOf(posting: PostingValues, refs: Awaited<ReturnType<typeof resolveReferences>>) {
  return {
    kind: posting.kind,
    title: posting.title,
    description: posting.description,
    regionCode: posting.regionCode,
    provinceCode: refs.provinceCode,
    cityCode: refs.cityCode,
    address: posting.address,
    industryCode: posting.industryCode,
    industryDivision: refs.industryDivision,
    quantity: posting.quantity,
    monthlyPay: "monthlyPay" in posting.details ? posting.details.monthlyPay : null,
    startDate: posting.startDate,
    endDate: posting.endDate,
    applyBy: posting.applyBy,
    contactName: posting.contactName,
    contactPhone: posting.contactPhone,
    details: posting.details as Record<string, unknown>,
  };
}

/** Everything a write must pass before it touches the database: kind, references, the internship rules. */
async function validateWrite(db: Db, organisationId: string, posting: PostingValues, excludePostingId?: string) {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (!kindsFor(organisation.kind).includes(posting.kind)) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.kindNotAllowed" });
  const refs = await resolveReferences(db, posting);
  const violations = errorsOnly(
    checkPosting(posting, {
      staffCount: organisation.staffCount,
      industryCode: organisation.industryCode,
      otherInternSeats: await otherInternSeats(db, organisationId, excludePostingId),
    }),
  );
  if (violations.length) throw new ComplianceError(violations);
  return { organisation, refs };
}

function assertMayPublish(organisation: { verificationStatus: string }) {
  if (organisation.verificationStatus !== "verified") throw new TRPCError({ code: "FORBIDDEN", message: "errors.orgNotVerified" });
}

export async function createPosting(db: Db, args: { organisationId: string; userId: string; posting: PostingValues; submit: boolean }) {
  const { organisation, refs } = await validateWrite(db, args.organisationId, args.posting);
  if (args.submit) assertMayPublish(organisation);
  const id = crypto.randomUUID();
  db.transaction((tx) => {
    tx.insert(postings)
      .values({
        id,
        organisationId: args.organisationId,
        ...columnsOf(args.posting, refs),
        status: args.submit ? "submitted" : "draft",
        submittedAt: args.submit ? new Date() : null,
        createdBy: args.userId,
      })
      .run();
    tx.insert(postingSpecialties).values(refs.specialties.map((s) => ({ postingId: id, ...s }))).run();
    writeSearchText(tx, id, postingSearchText(args.posting));
  });
  return { id };
}

/** Fields whose change to a published posting sends it back to review: pay, dates, seats and hazards. */
const materialDetailFields = ["monthlyPay", "sameWage", "nightShifts", "overtime", "holidayWork", "highRisk", "labourIntensity", "hazards", "forbiddenForMinors", "feesToStudents"];

export function isMaterialChange(before: { quantity: number; startDate: string; endDate: string; applyBy: string; details: Record<string, unknown> }, after: PostingValues) {
  if (before.quantity !== after.quantity || before.startDate !== after.startDate || before.endDate !== after.endDate || before.applyBy !== after.applyBy) return true;
  const details = after.details as Record<string, unknown>;
  return materialDetailFields.some((f) => (f in details || f in before.details) && before.details[f] !== details[f]);
}

const editableStatuses: PostingStatus[] = ["draft", "submitted", "published", "rejected"];

export async function updatePosting(db: Db, args: { organisationId: string; postingId: string; posting: PostingValues; submit: boolean }) {
  const current = await findPosting(db, args.postingId, args.organisationId);
  if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (!editableStatuses.includes(current.status)) throw new TRPCError({ code: "CONFLICT", message: "errors.postingNotEditable" });
  if (current.kind !== args.posting.kind) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.BAD_REQUEST" });
  const { organisation, refs } = await validateWrite(db, args.organisationId, args.posting, current.id);

  let status = current.status;
  if (current.status === "published" && isMaterialChange(current, args.posting)) status = "submitted";
  if ((current.status === "draft" || current.status === "rejected") && args.submit) status = "submitted";
  if (status === "submitted" && current.status !== "submitted") assertMayPublish(organisation);

  db.transaction((tx) => {
    tx.update(postings)
      .set({
        ...columnsOf(args.posting, refs),
        status,
        ...(status === "submitted" && current.status !== "submitted" ? { submittedAt: new Date(), rejectionReason: null } : {}),
      })
      .where(and(eq(postings.id, current.id), eq(postings.organisationId, args.organisationId)))
      .run();
    tx.delete(postingSpecialties).where(eq(postingSpecialties.postingId, current.id)).run();
    tx.insert(postingSpecialties).values(refs.specialties.map((s) => ({ postingId: current.id, ...s }))).run();
    writeSearchText(tx, current.id, postingSearchText(args.posting));
  });
  return { id: current.id, status };
}

/**
 * Moves a posting between states; `from` lists the states the move starts from. The condition is part
 * of the UPDATE, so two racing moves cannot both succeed.
 */
function transition(db: Runner, where: { postingId: string; organisationId?: string }, from: PostingStatus[], to: Partial<typeof postings.$inferInsert>) {
  const exists = db
    .select({ id: postings.id })
    .from(postings)
    .where(and(eq(postings.id, where.postingId), where.organisationId ? eq(postings.organisationId, where.organisationId) : undefined))
    .get();
  if (!exists) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  const result = db
    .update(postings)
    .set(to)
    .where(and(eq(postings.id, where.postingId), inArray(postings.status, from)))
    .run();
  if (result.changes === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.postingWrongState" });
}

export async function submitPosting(db: Db, organisationId: string, postingId: string) {
  const organisation = await findOrganisation(db, organisationId);
  if (organisation) assertMayPublish(organisation);
  transition(db, { postingId, organisationId }, ["draft", "rejected"], { status: "submitted", submittedAt: new Date(), rejectionReason: null });
}

export async function withdrawPosting(db: Db, organisationId: string, postingId: string) {
  transition(db, { postingId, organisationId }, ["draft", "submitted", "published", "rejected"], { status: "withdrawn" });
}

export async function closePosting(db: Db, organisationId: string, postingId: string) {
  transition(db, { postingId, organisationId }, ["published"], { status: "closed" });
}

export async function approvePosting(db: Db, postingId: string, adminId: string) {
  db.transaction((tx) => {
    transition(tx, { postingId }, ["submitted"], { status: "published", publishedAt: new Date(), reviewedBy: adminId, rejectionReason: null });
    logReview(tx, postingId, adminId, "posting.approve");
  });
}

export async function rejectPosting(db: Db, postingId: string, reason: string, adminId: string) {
  db.transaction((tx) => {
    transition(tx, { postingId }, ["submitted"], { status: "rejected", rejectionReason: reason, reviewedBy: adminId });
    logReview(tx, postingId, adminId, "posting.reject", { reason });
  });
}

function logReview(db: Runner, postingId: string, adminId: string, action: "posting.approve" | "posting.reject", details: Record<string, unknown> = {}) {
  const posting = db.select({ title: postings.title }).from(postings).where(eq(postings.id, postingId)).get();
  audit(db, { actorId: adminId, action, targetType: "posting", targetId: postingId, summary: posting?.title ?? "", details });
}
