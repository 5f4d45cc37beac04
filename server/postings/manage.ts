import { TRPCError } from "@trpc/server";
import { audit } from "../admin/audit";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { first } from "../../db/sql";
import { withTransaction } from "../../db/transaction";
import { findOrganisation } from "../../db/queries/organisations";
import { findPosting, writeSearchText } from "../../db/queries/postings";
import { isLeafRegion } from "../../db/queries/reference";
import { industries, postingRevisions, postings, postingSpecialties, regions, specialties, type PostingKind, type PostingStatus } from "../../db/schema";
import { enterprisePostingKinds, schoolPostingKinds, type OrganisationKind } from "../../db/schema-enums";
import { capViolations, postingCaps } from "../applications/caps";
import { checkCaps } from "../compliance/caps";
import { checkPosting, errorsOnly } from "../compliance/posting";
import { todayInChina } from "../schemas/accounts";
import { postingSearchText } from "../search/text";
import { postingInput, type PostingValues } from "../schemas/postings";
import { memberIdsOf, notify } from "../notifications/notify";
import { isMaterialChange, valuesOf } from "./revisions";
import { ComplianceError, FieldError } from "../trpc";
import { recordWebhookEvent } from "../webhooks/events";

export function kindsFor(organisationKind: OrganisationKind): readonly PostingKind[] {
  return organisationKind === "enterprise" ? enterprisePostingKinds : schoolPostingKinds;
}

/** Published and still open for applications: a posting past its apply-by date is shown as expired. */
export function displayStatus(status: PostingStatus, applyBy: string, today = todayInChina()) {
  return status === "published" && applyBy < today ? ("expired" as const) : status;
}

/** Checks the codes against the reference tables and derives the denormalised columns. */
async function resolveReferences(db: Db, posting: PostingValues) {
  const region = (await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions).where(eq(regions.code, posting.regionCode)).limit(1))[0];
  if (!region || !(await isLeafRegion(db, region.code))) throw new FieldError({ regionCode: "errors.region" });
  const industry = (await db.select({ level: industries.level }).from(industries).where(eq(industries.code, posting.industryCode)).limit(1))[0];
  if (!industry) throw new FieldError({ industryCode: "errors.industryUnknown" });
  if (industry.level === "section") throw new FieldError({ industryCode: "errors.industryTooBroad" });
  const codes = [...new Set(posting.specialtyCodes)];
  const found = await db.select({ code: specialties.code, domainCode: specialties.domainCode }).from(specialties).where(and(inArray(specialties.code, codes), eq(specialties.level, "major")));
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
    postId: posting.kind === "placement_internship" ? (posting.postId ?? null) : null,
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
      otherInternSeats: 0,
      caps: await postingCaps(db, organisationId, posting, excludePostingId),
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
  await withTransaction(db, async (tx) => {
    await tx.insert(postings).values({
      id,
      organisationId: args.organisationId,
      ...columnsOf(args.posting, refs),
      status: args.submit ? "submitted" : "draft",
      submittedAt: args.submit ? new Date() : null,
      createdBy: args.userId,
    });
    await tx.insert(postingSpecialties).values(refs.specialties.map((s) => ({ postingId: id, ...s })));
    await writeSearchText(tx, id, postingSearchText(args.posting));
  });
  return { id };
}

const editableStatuses: PostingStatus[] = ["draft", "submitted", "published", "rejected"];

/**
 * Saves the owner's edit. Drafts, postings under review and rejected ones take it as it is. A published
 * posting keeps what was approved: a material change (see revisions.ts) is held as a new revision for
 * review, and only the direct fields (the contact) apply at once; an edit back to the approved values
 * drops the held change.
 */
export async function updatePosting(db: Db, args: { organisationId: string; postingId: string; posting: PostingValues; submit: boolean; userId?: string }) {
  const current = await findPosting(db, args.postingId, args.organisationId);
  if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (!editableStatuses.includes(current.status)) throw new TRPCError({ code: "CONFLICT", message: "errors.postingNotEditable" });
  if (current.kind !== args.posting.kind) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.BAD_REQUEST" });
  const { organisation, refs } = await validateWrite(db, args.organisationId, args.posting, current.id);

  if (current.status === "published") {
    const approved = valuesOf(current, await specialtyCodesOf(db, current.id));
    const held = isMaterialChange(approved, args.posting);
    if (held) assertMayPublish(organisation);
    const revision = await withTransaction(db, async (tx) => {
      const applied = await tx
        .update(postings)
        .set({ contactName: args.posting.contactName, contactPhone: args.posting.contactPhone })
        .where(and(eq(postings.id, current.id), eq(postings.organisationId, args.organisationId), eq(postings.status, "published")))
        .returning({ id: postings.id });
      // Closed or withdrawn since it was read: nothing is held for a posting no longer published.
      if (applied.length === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.postingWrongState" });
      await supersedePendingRevisions(tx, current.id);
      if (!held) return null;
      const last = first(await tx.select({ v: sql<number>`coalesce(max(${postingRevisions.version}), 0)`.mapWith(Number) }).from(postingRevisions).where(eq(postingRevisions.postingId, current.id)));
      const version = (last?.v ?? 0) + 1;
      await tx.insert(postingRevisions).values({ postingId: current.id, version, values: args.posting as Record<string, unknown>, submittedBy: args.userId ?? null });
      await notify(tx, { to: await memberIdsOf(tx, args.organisationId), except: args.userId, type: "notify.postingRevisionSubmitted", params: { posting: current.title }, link: editLink(args.organisationId, current.id) });
      return version;
    });
    return { id: current.id, status: current.status, revisionPending: revision !== null };
  }

  let status = current.status;
  if ((current.status === "draft" || current.status === "rejected") && args.submit) status = "submitted";
  if (status === "submitted" && current.status !== "submitted") assertMayPublish(organisation);

  await withTransaction(db, async (tx) => {
    await tx
      .update(postings)
      .set({
        ...columnsOf(args.posting, refs),
        status,
        ...(status === "submitted" && current.status !== "submitted" ? { submittedAt: new Date(), rejectionReason: null } : {}),
      })
      .where(and(eq(postings.id, current.id), eq(postings.organisationId, args.organisationId)));
    await tx.delete(postingSpecialties).where(eq(postingSpecialties.postingId, current.id));
    await tx.insert(postingSpecialties).values(refs.specialties.map((s) => ({ postingId: current.id, ...s })));
    await writeSearchText(tx, current.id, postingSearchText(args.posting));
  });
  return { id: current.id, status, revisionPending: false };
}

async function specialtyCodesOf(db: Db, postingId: string) {
  return (await db.select({ code: postingSpecialties.specialtyCode }).from(postingSpecialties).where(eq(postingSpecialties.postingId, postingId))).map((r) => r.code);
}

/** A held change no longer wanted (replaced, reverted, or its posting withdrawn or closed) is kept as superseded. */
async function supersedePendingRevisions(tx: Runner, postingId: string) {
  await tx.update(postingRevisions).set({ status: "superseded" }).where(and(eq(postingRevisions.postingId, postingId), eq(postingRevisions.status, "pending")));
}

const editLink = (organisationId: string, postingId: string) => `/organisations/${organisationId}/postings/${postingId}/edit`;

/**
 * Moves a posting between states; `from` lists the states the move starts from. The condition is part
 * of the UPDATE, so two racing moves cannot both succeed.
 */
async function transition(db: Runner, where: { postingId: string; organisationId?: string }, from: PostingStatus[], to: Partial<typeof postings.$inferInsert>) {
  const [exists] = await db
    .select({ id: postings.id })
    .from(postings)
    .where(and(eq(postings.id, where.postingId), where.organisationId ? eq(postings.organisationId, where.organisationId) : undefined))
    .limit(1);
  if (!exists) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  const moved = await db
    .update(postings)
    .set(to)
    .where(and(eq(postings.id, where.postingId), inArray(postings.status, from)))
    .returning({ id: postings.id });
  if (moved.length === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.postingWrongState" });
}

export async function submitPosting(db: Db, organisationId: string, postingId: string) {
  const organisation = await findOrganisation(db, organisationId);
  if (organisation) assertMayPublish(organisation);
  await transition(db, { postingId, organisationId }, ["draft", "rejected"], { status: "submitted", submittedAt: new Date(), rejectionReason: null });
}

export async function withdrawPosting(db: Db, organisationId: string, postingId: string) {
  await withTransaction(db, async (tx) => {
    await transition(tx, { postingId, organisationId }, ["draft", "submitted", "published", "rejected"], { status: "withdrawn" });
    await supersedePendingRevisions(tx, postingId);
  });
}

export async function closePosting(db: Db, organisationId: string, postingId: string) {
  await withTransaction(db, async (tx) => {
    await transition(tx, { postingId, organisationId }, ["published"], { status: "closed" });
    await supersedePendingRevisions(tx, postingId);
  });
}

/**
 * Publishes a posting under review. A review decision ends a suspension by reports (suspendedAt cleared), and
 * the caps are counted again: a draft sent with postings.submit, or a posting suspended while the host's
 * other postings filled up, was not counted when they were.
 */
export async function approvePosting(db: Db, postingId: string, adminId: string) {
  await withTransaction(db, async (tx) => {
    await transition(tx, { postingId }, ["submitted"], { status: "published", publishedAt: new Date(), reviewedBy: adminId, rejectionReason: null, suspendedAt: null });
    await assertCapsAtApproval(tx, postingId);
    const posting = await logReview(tx, postingId, adminId, "posting.approve");
    await notify(tx, { to: await memberIdsOf(tx, posting.organisationId), except: adminId, type: "notify.postingApproved", params: { posting: posting.title }, link: `/postings/${postingId}` });
    await recordWebhookEvent(tx, { type: "posting.approved", postingId });
  });
}

/** The 10%/20% caps of a placement internship with its seats as they are, refused with the rules' messages. */
async function assertCapsAtApproval(tx: Runner, postingId: string) {
  const [row] = await tx.select({ kind: postings.kind, quantity: postings.quantity, postId: postings.postId, organisationId: postings.organisationId, details: postings.details }).from(postings).where(eq(postings.id, postingId)).limit(1);
  if (!row || row.kind !== "placement_internship") return;
  const legacyPostStaff = typeof row.details.postStaffCount === "number" ? row.details.postStaffCount : null;
  const over = await capViolations(tx, row.organisationId, { kind: "write", postingId, postId: row.postId, quantity: row.quantity }, { postId: row.postId, legacyPostStaff });
  if (over.length) throw new ComplianceError(over);
}

export async function rejectPosting(db: Db, postingId: string, reason: string, adminId: string) {
  await withTransaction(db, async (tx) => {
    await transition(tx, { postingId }, ["submitted"], { status: "rejected", rejectionReason: reason, reviewedBy: adminId, suspendedAt: null });
    const posting = await logReview(tx, postingId, adminId, "posting.reject", { reason });
    await notify(tx, { to: await memberIdsOf(tx, posting.organisationId), except: adminId, type: "notify.postingRejected", params: { posting: posting.title, reason }, link: editLink(posting.organisationId, postingId) });
  });
}

type ReviewAction = "posting.approve" | "posting.reject" | "posting.revision.approve" | "posting.revision.reject";

async function logReview(db: Runner, postingId: string, adminId: string, action: ReviewAction, details: Record<string, unknown> = {}) {
  const [posting] = await db.select({ title: postings.title, organisationId: postings.organisationId }).from(postings).where(eq(postings.id, postingId)).limit(1);
  if (!posting) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  await audit(db, { actorId: adminId, action, targetType: "posting", targetId: postingId, summary: posting.title, details });
  return posting;
}

/** A held revision with its posting, for a decision on it. */
async function pendingRevision(db: Runner, revisionId: string) {
  const [row] = await db
    .select({ revision: postingRevisions, posting: postings })
    .from(postingRevisions)
    .innerJoin(postings, eq(postings.id, postingRevisions.postingId))
    .where(eq(postingRevisions.id, revisionId))
    .limit(1);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (row.revision.status !== "pending" || row.posting.status !== "published") throw new TRPCError({ code: "CONFLICT", message: "errors.revisionNotPending" });
  return row;
}

/** Marks a pending revision decided; the condition is part of the UPDATE, so two decisions cannot both land. */
async function decideRevision(tx: Runner, revisionId: string, to: { status: "approved" | "rejected"; reason?: string }, adminId: string) {
  const decided = await tx
    .update(postingRevisions)
    .set({ status: to.status, reason: to.reason ?? null, reviewedBy: adminId, reviewedAt: new Date() })
    .where(and(eq(postingRevisions.id, revisionId), eq(postingRevisions.status, "pending")))
    .returning({ id: postingRevisions.id });
  if (decided.length === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.revisionNotPending" });
}

/**
 * Publishes a held revision: its values replace the approved ones after the internship rules are run
 * again on them (the host's facts or other postings may have changed since it was submitted). The
 * contact fields stay as they are now: they applied at once and may have been edited since.
 */
export async function approvePostingRevision(db: Db, revisionId: string, adminId: string) {
  const { revision, posting } = await pendingRevision(db, revisionId);
  const parsed = postingInput.safeParse(revision.values);
  if (!parsed.success || parsed.data.kind !== posting.kind) throw new TRPCError({ code: "CONFLICT", message: "errors.revisionStale" });
  const values: PostingValues = { ...parsed.data, contactName: posting.contactName, contactPhone: posting.contactPhone };
  const { organisation, refs } = await validateWrite(db, posting.organisationId, values, posting.id);
  assertMayPublish(organisation);
  await withTransaction(db, async (tx) => {
    // The 10%/20% caps once more inside the write (the writers' lock): another approval or publication between
    // validateWrite and here may have taken the seats this revision adds.
    const caps = await postingCaps(tx, posting.organisationId, values, posting.id);
    const over = caps ? checkCaps(caps) : [];
    if (over.length) throw new ComplianceError(over);
    await decideRevision(tx, revisionId, { status: "approved" }, adminId);
    const updated = await tx
      .update(postings)
      .set({ ...columnsOf(values, refs), reviewedBy: adminId })
      .where(and(eq(postings.id, posting.id), eq(postings.status, "published")))
      .returning({ id: postings.id });
    if (updated.length === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.revisionNotPending" });
    await tx.delete(postingSpecialties).where(eq(postingSpecialties.postingId, posting.id));
    await tx.insert(postingSpecialties).values(refs.specialties.map((s) => ({ postingId: posting.id, ...s })));
    await writeSearchText(tx, posting.id, postingSearchText(values));
    await logReview(tx, posting.id, adminId, "posting.revision.approve", { version: revision.version });
    await notify(tx, { to: await memberIdsOf(tx, posting.organisationId), except: adminId, type: "notify.postingRevisionApproved", params: { posting: values.title }, link: `/postings/${posting.id}` });
  });
}

/** Refuses a held revision: the approved version stays, and the owner is told why. */
export async function rejectPostingRevision(db: Db, revisionId: string, reason: string, adminId: string) {
  const { revision, posting } = await pendingRevision(db, revisionId);
  await withTransaction(db, async (tx) => {
    await decideRevision(tx, revisionId, { status: "rejected", reason }, adminId);
    await logReview(tx, posting.id, adminId, "posting.revision.reject", { version: revision.version, reason });
    await notify(tx, { to: await memberIdsOf(tx, posting.organisationId), except: adminId, type: "notify.postingRevisionRejected", params: { posting: posting.title, reason }, link: editLink(posting.organisationId, posting.id) });
  });
}
