import { TRPCError } from "@trpc/server";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { withTransaction } from "../../db/transaction";
import { applications, organisations, placements, postings, postingSpecialties, specialties, studentProfiles, users, type ApplicationStatus } from "../../db/schema";
import { openApplicationStatuses, seatHoldingPlacementStatuses } from "../../db/schema-enums";
import { capCount } from "./caps";
import { reservedSeats } from "../allocation/reserved";
import { checkApplication, checkPlacementEligibility, checkStudentEligibility, type PostingFacts, type SeatFacts, type StudentFacts } from "../compliance/application";
import { studentFacingKinds } from "../compliance/posting";
import { memberIdsOf, notify } from "../notifications/notify";
import { todayInChina } from "../schemas/accounts";
import { ComplianceError, conflictOnUnique, FieldError } from "../trpc";
import { recordWebhookEvent } from "../webhooks/events";

// --- Facts for the rules, read inside the deciding transaction ------------------------------------

export async function postingFactsOf(tx: Runner, postingId: string) {
  const [row] = await tx
    .select({
      id: postings.id,
      title: postings.title,
      kind: postings.kind,
      status: postings.status,
      applyBy: postings.applyBy,
      startDate: postings.startDate,
      endDate: postings.endDate,
      quantity: postings.quantity,
      details: postings.details,
      hostId: postings.organisationId,
      hostKind: organisations.kind,
      hostStaffCount: organisations.staffCount,
      postId: postings.postId,
      hostVerification: organisations.verificationStatus,
    })
    .from(postings)
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    .where(eq(postings.id, postingId))
    .limit(1);
  if (!row) return null;
  const groups = await tx.selectDistinct({ group: postingSpecialties.groupDomain }).from(postingSpecialties).where(eq(postingSpecialties.postingId, postingId));
  const facts: PostingFacts = {
    kind: row.kind,
    status: row.status,
    applyBy: row.applyBy,
    startDate: row.startDate,
    quantity: row.quantity,
    specialtyGroups: groups.map((g) => g.group),
    forbiddenForMinors: row.details.forbiddenForMinors === true,
    postStaffCount: typeof row.details.postStaffCount === "number" ? row.details.postStaffCount : null,
  };
  return { row, facts };
}

export async function studentFactsOf(tx: Runner, studentId: string) {
  const [row] = await tx
    .select({ schoolId: studentProfiles.schoolId, enrolmentYear: studentProfiles.enrolmentYear, birthDate: studentProfiles.birthDate, domainCode: specialties.domainCode, name: users.name })
    .from(studentProfiles)
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .where(eq(studentProfiles.userId, studentId))
    .limit(1);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  const facts: StudentFacts = { enrolmentYear: row.enrolmentYear, birthDate: row.birthDate, specialtyGroup: row.domainCode.slice(0, 2) };
  return { row, facts };
}

/** Placements holding a seat on the posting. */
export async function seatsTaken(tx: Runner, postingId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(placements).where(and(eq(placements.postingId, postingId), inArray(placements.status, [...seatHoldingPlacementStatuses])));
  // Seats reserved for an allocation round that is running are not open to applications (issue 21).
  return (row?.n ?? 0) + (await reservedSeats(tx, postingId));
}

/**
 * Placements holding a seat on the posting, and what the host's 10% and the post's 20% caps would count
 * with one more intern in a seat of this posting (server/compliance/caps.ts: placed and accepted interns
 * plus every open seat, at the host and on the post across all its postings).
 */
export async function seatFactsOf(tx: Runner, postingId: string, hostId: string, posting: { row: { postId: string | null }; facts: PostingFacts }): Promise<SeatFacts> {
  const caps = await capCount(tx, hostId, { kind: "take", postingId, postId: posting.row.postId }, { postId: posting.row.postId, legacyPostStaff: posting.facts.postStaffCount });
  return { postingPlacements: await seatsTaken(tx, postingId), caps };
}

async function hasOpenApplication(tx: Runner, postingId: string, studentId: string) {
  const rows = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.postingId, postingId), eq(applications.studentId, studentId), sql`${applications.status} <> 'withdrawn'`))
    .limit(1);
  return rows.length > 0;
}

function isApplicable(row: { kind: PostingFacts["kind"]; hostKind: string }) {
  return row.hostKind === "enterprise" && studentFacingKinds.includes(row.kind);
}

// --- Student side -------------------------------------------------------------------------------------

/** What the posting page shows a student before they apply: the rules that would refuse them, if any. */
export async function applicationEligibility(db: Db, studentId: string, postingId: string) {
  const posting = await postingFactsOf(db, postingId);
  // Only what the student may see (as applyToPosting): a draft, a posting under review or one of a host not
  // verified does not exist for them — its seats and the rules it would apply are the host's (issue 15).
  if (!posting || !isVisibleToApplicants(posting.row)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (!isApplicable(posting.row)) return { applicable: false, violations: [] };
  const student = await studentFactsOf(db, studentId);
  const seats = await seatFactsOf(db, postingId, posting.row.hostId, posting);
  const violations = checkApplication(posting.facts, student.facts, seats, { today: todayInChina(), alreadyApplied: await hasOpenApplication(db, postingId, studentId) });
  return { applicable: true, violations, seatsLeft: Math.max(0, posting.facts.quantity - seats.postingPlacements) };
}

/** Published (or closed) postings of a verified host: the only ones that exist for students. */
function isVisibleToApplicants(row: { status: string; hostVerification: string | null }) {
  return (row.status === "published" || row.status === "closed") && row.hostVerification === "verified";
}

/** Applies, or refuses with every rule that stands in the way; the check and the write are one transaction. */
export async function applyToPosting(db: Db, studentId: string, input: { postingId: string; coverNote: string }, today = todayInChina()) {
  try {
    return await withTransaction(db, async (tx) => {
      const posting = await postingFactsOf(tx, input.postingId);
      // A host that is not (or no longer) verified receives no applications: its postings are not shown either.
      if (!posting || !isVisibleToApplicants(posting.row)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
      if (!isApplicable(posting.row)) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.notApplicable" });
      const student = await studentFactsOf(tx, studentId);
      const seats = await seatFactsOf(tx, input.postingId, posting.row.hostId, posting);
      const violations = checkApplication(posting.facts, student.facts, seats, { today, alreadyApplied: await hasOpenApplication(tx, input.postingId, studentId) });
      if (violations.length) throw new ComplianceError(violations);
      const [application] = await tx
        .insert(applications)
        .values({ postingId: input.postingId, studentId, schoolId: student.row.schoolId, hostId: posting.row.hostId, coverNote: input.coverNote })
        .returning({ id: applications.id });
      await notify(tx, {
        to: await memberIdsOf(tx, posting.row.hostId),
        type: "notify.applicationReceived",
        params: { student: student.row.name, posting: posting.row.title },
        link: `/organisations/${posting.row.hostId}/postings/${input.postingId}/applicants`,
      });
      await recordWebhookEvent(tx, { type: "application.received", applicationId: application!.id });
      return application!;
    });
  } catch (error) {
    conflictOnUnique(error, { applications_posting_student_idx: { field: "_form", message: "errors.alreadyApplied" }, "applications.posting_id": { field: "_form", message: "errors.alreadyApplied" } });
  }
}

async function ownApplication(tx: Runner, studentId: string, applicationId: string) {
  const [row] = await tx
    .select({ id: applications.id, status: applications.status, postingId: applications.postingId, hostId: applications.hostId, schoolId: applications.schoolId, offerStartDate: applications.offerStartDate, title: postings.title })
    .from(applications)
    .innerJoin(postings, eq(postings.id, applications.postingId))
    .where(and(eq(applications.id, applicationId), eq(applications.studentId, studentId)))
    .limit(1);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  return row;
}

/** Moves an application only from the given states; the condition is in the UPDATE so races cannot both win. */
async function moveApplication(tx: Runner, applicationId: string, from: readonly ApplicationStatus[], to: Partial<typeof applications.$inferInsert>) {
  const moved = await tx
    .update(applications)
    .set(to)
    .where(and(eq(applications.id, applicationId), inArray(applications.status, [...from])))
    .returning({ id: applications.id });
  if (moved.length === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.applicationWrongState" });
}

// A "write" transaction (here and in moveApplicant; BEGIN IMMEDIATE on SQLite, the writers' lock on PostgreSQL):
// these read the application before they write it. On SQLite a deferred transaction
// that has read cannot take the write lock while another process holds it — SQLite answers SQLITE_BUSY at once,
// busy_timeout or not — so the loser of a race got a 500 instead of errors.applicationWrongState (issue 15).
export async function withdrawApplication(db: Db, studentId: string, applicationId: string) {
  await withTransaction(db, async (tx) => {
    const application = await ownApplication(tx, studentId, applicationId);
    await moveApplication(tx, applicationId, openApplicationStatuses, { status: "withdrawn" });
    const [student] = await tx.select({ name: users.name }).from(users).where(eq(users.id, studentId)).limit(1);
    await notify(tx, { to: await memberIdsOf(tx, application.hostId), type: "notify.applicationWithdrawn", params: { student: student?.name ?? "", posting: application.title }, link: `/organisations/${application.hostId}/postings/${application.postingId}/applicants` });
  });
}

/**
 * The student accepts or declines an offer. Accepting re-checks seats, the host's 10% and the post's 20%
 * caps and the personal rules on the offered start date, then creates the placement — all in one
 * "write" transaction (withTransaction: writers serialised on both engines), so two students accepting the
 * last seat at once cannot both get it.
 */
export async function respondToOffer(db: Db, studentId: string, input: { applicationId: string; accept: boolean }) {
  return withTransaction(db, async (tx) => {
    const application = await ownApplication(tx, studentId, input.applicationId);
    const student = await studentFactsOf(tx, studentId);
    const params = { student: student.row.name, posting: application.title };
    if (!input.accept) {
      await moveApplication(tx, input.applicationId, ["offered"], { status: "declined" });
      await notify(tx, { to: await memberIdsOf(tx, application.hostId), type: "notify.offerDeclined", params, link: `/organisations/${application.hostId}/postings/${application.postingId}/applicants` });
      return { placementId: null };
    }
    if (application.status !== "offered") throw new TRPCError({ code: "CONFLICT", message: "errors.applicationWrongState" });
    const posting = (await postingFactsOf(tx, application.postingId))!;
    const startDate = application.offerStartDate ?? posting.row.startDate;
    const seats = await seatFactsOf(tx, application.postingId, application.hostId, posting);
    const violations = checkPlacementEligibility(posting.facts, student.facts, seats, startDate);
    const [overlapping] = await tx
      .select({ id: placements.id })
      .from(placements)
      .where(and(eq(placements.studentId, studentId), inArray(placements.status, [...seatHoldingPlacementStatuses]), sql`${placements.startDate} <= ${posting.row.endDate}`, sql`${placements.endDate} >= ${startDate}`))
      .limit(1);
    if (violations.length) throw new ComplianceError(violations);
    if (overlapping) throw new TRPCError({ code: "CONFLICT", message: "errors.placementOverlap" });
    await moveApplication(tx, input.applicationId, ["offered"], { status: "accepted" });
    const [placement] = await tx
      .insert(placements)
      .values({ applicationId: application.id, postingId: application.postingId, studentId, schoolId: application.schoolId, hostId: application.hostId, startDate, endDate: posting.row.endDate })
      .returning({ id: placements.id });
    const link = `/placements/${placement!.id}`;
    await notify(tx, { to: [...(await memberIdsOf(tx, application.hostId)), ...(await memberIdsOf(tx, application.schoolId))], type: "notify.offerAccepted", params, link });
    return { placementId: placement!.id };
  });
}

// --- Host side ------------------------------------------------------------------------------------------

export type HostAction =
  | { action: "screen" }
  | { action: "interview"; interviewAt: Date; interviewLocation: string }
  | { action: "offer"; offerStartDate: string; offerNote: string }
  | { action: "reject"; reason: string };

/**
 * The host moves an applicant along its pipeline. Ownership is part of the query (the application must be
 * on this organisation's posting). An offer is checked against the personal rules on its start date, so
 * a first-year student is never offered a 岗位实习; seats and caps are checked when the offer is accepted.
 */
export async function moveApplicant(db: Db, hostId: string, applicationId: string, move: HostAction) {
  await withTransaction(db, async (tx) => {
    const [application] = await tx
      .select({ id: applications.id, studentId: applications.studentId, postingId: applications.postingId, title: postings.title, startDate: postings.startDate, endDate: postings.endDate })
      .from(applications)
      .innerJoin(postings, eq(postings.id, applications.postingId))
      .where(and(eq(applications.id, applicationId), eq(applications.hostId, hostId)))
      .limit(1);
    if (!application) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    const link = "/my/applications";
    const params = { posting: application.title };
    switch (move.action) {
      case "screen":
        await moveApplication(tx, applicationId, ["submitted"], { status: "screening" });
        await notify(tx, { to: [application.studentId], type: "notify.applicationScreening", params, link });
        break;
      case "interview":
        await moveApplication(tx, applicationId, ["submitted", "screening", "interview"], { status: "interview", interviewAt: move.interviewAt, interviewLocation: move.interviewLocation });
        await notify(tx, { to: [application.studentId], type: "notify.interviewScheduled", params, link });
        break;
      case "offer": {
        if (move.offerStartDate < application.startDate || move.offerStartDate > application.endDate) {
          throw new FieldError({ offerStartDate: "errors.offerStartOutside" });
        }
        const posting = (await postingFactsOf(tx, application.postingId))!;
        const violations = checkStudentEligibility(posting.facts, (await studentFactsOf(tx, application.studentId)).facts, move.offerStartDate);
        if (violations.length) throw new ComplianceError(violations);
        await moveApplication(tx, applicationId, ["submitted", "screening", "interview"], { status: "offered", offerStartDate: move.offerStartDate, offerNote: move.offerNote });
        await notify(tx, { to: [application.studentId], type: "notify.offerMade", params, link });
        break;
      }
      case "reject":
        await moveApplication(tx, applicationId, ["submitted", "screening", "interview", "offered"], { status: "rejected", rejectionReason: move.reason });
        await notify(tx, { to: [application.studentId], type: "notify.applicationRejected", params, link });
        break;
    }
  });
}
