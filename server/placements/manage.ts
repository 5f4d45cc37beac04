import { TRPCError } from "@trpc/server";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { withTransaction } from "../../db/transaction";
import { placementDetail, type PlacementDetail } from "../../db/queries/placements";
import { evaluations, logComments, memberships, organisations, placements, weeklyLogs, type PlacementParty, type PlacementStatus } from "../../db/schema";
import { checkInsurance, type InsurancePayer } from "../compliance/rules";
import { checkLogWeek, checkLongPlacementReason, checkPlacementStart } from "../compliance/dates";
import { memberIdsOf, notify, type NotificationType } from "../notifications/notify";
import { todayInChina } from "../schemas/accounts";
import { ComplianceError, FieldError, findMembership, MessageError, type SessionUser } from "../trpc";
import { buildAgreement } from "./agreement";
import { agreementComplete, missingBeforeStart, needsGuardianConsent, type ReadinessFacts } from "./readiness";
import { recordWebhookEvent } from "../webhooks/events";

/**
 * Which party of the placement the user is: the student themself, a member of the student's school, or a
 * member of the host. Administrators read everything but act for no party. Everyone else: null.
 */
export async function partyOf(db: Db, user: SessionUser, placement: { studentId: string; schoolId: string; hostId: string }): Promise<PlacementParty | "admin" | null> {
  if (user.role === "student") return user.id === placement.studentId ? "student" : null;
  if (user.role === "admin") return "admin";
  if (await findMembership(db, user.id, placement.schoolId)) return "school";
  if (await findMembership(db, user.id, placement.hostId)) return "host";
  return null;
}

/** The placement as one of its parties (or an administrator) sees it; NOT_FOUND for everyone else. */
export async function loadPlacement(db: Db, user: SessionUser, placementId: string) {
  const detail = await placementDetail(db, placementId);
  const party = detail ? await partyOf(db, user, detail.placement) : null;
  if (!detail || !party) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  return { detail, party };
}

async function actingParty(db: Db, user: SessionUser, placementId: string, allowed: readonly PlacementParty[]) {
  const loaded = await loadPlacement(db, user, placementId);
  if (loaded.party === "admin" || !allowed.includes(loaded.party)) throw new TRPCError({ code: "FORBIDDEN", message: "errors.placementPartyOnly" });
  return { ...loaded, party: loaded.party };
}

export function readinessFacts(d: PlacementDetail): ReadinessFacts {
  return { ...d.placement, kind: d.posting.kind, birthDate: d.profile.birthDate };
}

/** The agreement in its current text (or as frozen when the placement started) and what is still missing. */
export function placementState(d: PlacementDetail) {
  const agreement = buildAgreement(d);
  const facts = readinessFacts(d);
  const frozen = d.placement.agreementSnapshot as typeof agreement | null;
  const current = frozen ?? agreement;
  const p = d.placement;
  return {
    agreement: current,
    // A party's confirmation counts only for the text it confirmed.
    confirmations: {
      student: p.studentConfirmedDigest === current.digest ? p.studentConfirmedAt : null,
      school: p.schoolConfirmedDigest === current.digest ? p.schoolConfirmedAt : null,
      host: p.hostConfirmedDigest === current.digest ? p.hostConfirmedAt : null,
    },
    agreementReady: agreementComplete(facts),
    missing: d.placement.status === "approved" || d.placement.status === "pending_approval" ? missingBeforeStart(facts, agreement.digest) : [],
    guardianConsentNeeded: needsGuardianConsent(d.profile.birthDate, d.placement.startDate),
  };
}

/** Moves a placement between states; the condition is part of the UPDATE so two racing moves cannot both win. */
async function movePlacement(tx: Runner, placementId: string, from: readonly PlacementStatus[], to: Partial<typeof placements.$inferInsert>) {
  const moved = await tx
    .update(placements)
    .set(to)
    .where(and(eq(placements.id, placementId), inArray(placements.status, [...from])))
    .returning({ id: placements.id });
  if (moved.length === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.placementWrongState" });
}

/** Everyone concerned by a placement: the student and the members of both organisations. */
async function concerned(tx: Runner, p: { studentId: string; schoolId: string; hostId: string }) {
  return [p.studentId, ...(await memberIdsOf(tx, p.schoolId)), ...(await memberIdsOf(tx, p.hostId))];
}

async function tell(tx: Runner, d: PlacementDetail, actor: string, type: NotificationType, to?: string[]) {
  await notify(tx, { to: to ?? (await concerned(tx, d.placement)), except: actor, type, params: { student: d.student.name, posting: d.posting.title }, link: `/placements/${d.placement.id}` });
}

async function assertMember(tx: Runner, organisationId: string, userId: string, field: string) {
  const [member] = await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId))).limit(1);
  if (!member) throw new FieldError({ [field]: "errors.tutorNotMember" });
}

const ongoing: readonly PlacementStatus[] = ["pending_approval", "approved", "active"];

/** Approval and the agreement bind the school and the host: both must be verified organisations (issue 13 M6). */
async function assertPartiesVerified(db: Db, placement: { schoolId: string; hostId: string }) {
  const [unverified] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(inArray(organisations.id, [placement.schoolId, placement.hostId]), ne(organisations.verificationStatus, "verified")))
    .limit(1);
  if (unverified) throw new MessageError("FORBIDDEN", "errors.placementPartyNotVerified");
}

// --- The school ----------------------------------------------------------------------------------------

/**
 * The school approves the placement (岗位实习 is organised by the school) and names its tutor; a 岗位实习 longer
 * than six months needs the school's reason, which is stored and shown with the placement.
 */
export async function approvePlacement(db: Db, user: SessionUser, input: { placementId: string; schoolTutorId: string; longPlacementReason?: string }) {
  const { detail } = await actingParty(db, user, input.placementId, ["school"]);
  const reason = input.longPlacementReason?.trim() || null;
  if (detail.posting.kind === "placement_internship") {
    const violation = checkLongPlacementReason(detail.placement.startDate, detail.placement.endDate, reason);
    if (violation) throw new ComplianceError([violation]);
  }
  await assertPartiesVerified(db, detail.placement);
  await withTransaction(db, async (tx) => {
    await assertMember(tx, detail.placement.schoolId, input.schoolTutorId, "schoolTutorId");
    await movePlacement(tx, input.placementId, ["pending_approval"], { status: "approved", schoolApprovedAt: new Date(), schoolApprovedBy: user.id, schoolTutorId: input.schoolTutorId, ...(reason ? { longPlacementReason: reason } : {}) });
    await tell(tx, detail, user.id, "notify.placementApproved");
  });
}

/** A tutor for the school's or the host's side, chosen among that organisation's members. */
export async function assignTutor(db: Db, user: SessionUser, input: { placementId: string; tutorId: string }) {
  const { detail, party } = await actingParty(db, user, input.placementId, ["school", "host"]);
  await withTransaction(db, async (tx) => {
    await assertMember(tx, party === "school" ? detail.placement.schoolId : detail.placement.hostId, input.tutorId, "tutorId");
    await movePlacement(tx, input.placementId, ongoing, party === "school" ? { schoolTutorId: input.tutorId } : { hostTutorId: input.tutorId });
    await tell(tx, detail, user.id, "notify.tutorAssigned", [detail.placement.studentId]);
  });
}

/** The liability insurance, recorded by the school or the host; the rule refuses a student-paid policy. */
export async function recordInsurance(db: Db, user: SessionUser, input: { placementId: string; insurer: string; policyNumber: string; paidBy: InsurancePayer }) {
  await actingParty(db, user, input.placementId, ["school", "host"]);
  const violation = checkInsurance(true, input.paidBy);
  if (violation) throw new ComplianceError([{ ...violation, field: "paidBy" }]);
  const paidBy = input.paidBy === "student" ? null : input.paidBy;
  await withTransaction(db, async (tx) => {
    await movePlacement(tx, input.placementId, ["pending_approval", "approved"], { insurer: input.insurer, insurancePolicyNumber: input.policyNumber, insurancePaidBy: paidBy, insuranceRecordedBy: user.id });
  });
}

/** The student's informed consent, and a minor's guardian's, recorded by the student. */
export async function recordConsent(db: Db, user: SessionUser, input: { placementId: string; guardianName?: string; guardianRelation?: string }) {
  const { detail } = await actingParty(db, user, input.placementId, ["student"]);
  const needsGuardian = needsGuardianConsent(detail.profile.birthDate, detail.placement.startDate);
  if (needsGuardian && !input.guardianName) throw new FieldError({ guardianName: "errors.guardianRequired" });
  const now = new Date();
  await withTransaction(db, async (tx) => {
    await movePlacement(tx, input.placementId, ["pending_approval", "approved"], {
      studentConsentAt: now,
      ...(input.guardianName ? { guardianName: input.guardianName, guardianRelation: input.guardianRelation ?? "", guardianConsentAt: now } : {}),
    });
  });
}

/**
 * A party confirms the agreement's current text. The digest sent must be the one of the text now: a
 * confirmation of a text that changed since it was read is refused, so nobody confirms what they did not see.
 */
export async function confirmAgreement(db: Db, user: SessionUser, input: { placementId: string; digest: string }) {
  const { detail, party } = await actingParty(db, user, input.placementId, ["student", "school", "host"]);
  await assertPartiesVerified(db, detail.placement);
  const { agreement, agreementReady } = placementState(detail);
  if (!agreementReady) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.agreementIncomplete" });
  if (agreement.digest !== input.digest) throw new TRPCError({ code: "CONFLICT", message: "errors.agreementChanged" });
  const now = new Date();
  const columns =
    party === "student"
      ? { studentConfirmedDigest: input.digest, studentConfirmedAt: now }
      : party === "school"
        ? { schoolConfirmedDigest: input.digest, schoolConfirmedAt: now, schoolConfirmedBy: user.id }
        : { hostConfirmedDigest: input.digest, hostConfirmedAt: now, hostConfirmedBy: user.id };
  await withTransaction(db, async (tx) => {
    await movePlacement(tx, input.placementId, ["approved"], columns);
    await tell(tx, detail, user.id, "notify.agreementConfirmed");
  });
}

/**
 * Starts the placement once nothing is missing, and never before its agreed start date (China time); the
 * agreement's text is frozen as it was confirmed.
 */
export async function startPlacement(db: Db, user: SessionUser, placementId: string, today = todayInChina()) {
  const { detail } = await actingParty(db, user, placementId, ["school", "host"]);
  const { agreement, missing } = placementState(detail);
  if (detail.placement.status !== "approved" && detail.placement.status !== "pending_approval") throw new TRPCError({ code: "CONFLICT", message: "errors.placementWrongState" });
  if (missing.length) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.placementNotReady" });
  const early = checkPlacementStart(detail.placement.startDate, today);
  if (early) throw new ComplianceError([early]);
  await withTransaction(db, async (tx) => {
    await movePlacement(tx, placementId, ["approved"], { status: "active", startedAt: new Date(), agreementSnapshot: detail.posting.kind === "placement_internship" ? { ...agreement } : null });
    await tell(tx, detail, user.id, "notify.placementStarted");
    await recordWebhookEvent(tx, { type: "placement.started", placementId });
  });
}

/** Ends a placement early (or the school declines to approve it), with the reason; the seat is freed. */
export async function terminatePlacement(db: Db, user: SessionUser, input: { placementId: string; reason: string }) {
  const { detail } = await actingParty(db, user, input.placementId, ["school", "host"]);
  await withTransaction(db, async (tx) => {
    await movePlacement(tx, input.placementId, ongoing, { status: "terminated", terminatedAt: new Date(), terminationReason: input.reason });
    await tell(tx, detail, user.id, "notify.placementTerminated");
  });
}

/** Completion needs both tutors' evaluations; the student's rating of the host may follow. */
export async function completePlacement(db: Db, user: SessionUser, placementId: string) {
  const { detail } = await actingParty(db, user, placementId, ["school", "host"]);
  await withTransaction(db, async (tx) => {
    const sides = (await tx.select({ party: evaluations.party }).from(evaluations).where(eq(evaluations.placementId, placementId))).map((e) => e.party);
    if (!sides.includes("school") || !sides.includes("host")) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.evaluationsMissing" });
    await movePlacement(tx, placementId, ["active"], { status: "completed", completedAt: new Date() });
    await tell(tx, detail, user.id, "notify.placementCompleted");
  });
}

// --- During the placement ------------------------------------------------------------------------------

/** The Monday of the week a date falls in (weeks start on Monday in China). */
export function mondayOf(isoDate: string) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The student's 周志 for a week: written or rewritten while the placement is active, for a week inside it that has begun. */
export async function writeWeeklyLog(db: Db, user: SessionUser, input: { placementId: string; weekStart: string; content: string }, today = todayInChina()) {
  const { detail } = await actingParty(db, user, input.placementId, ["student"]);
  if (detail.placement.status !== "active") throw new TRPCError({ code: "CONFLICT", message: "errors.placementNotActive" });
  const weekStart = mondayOf(input.weekStart);
  const outside = checkLogWeek(weekStart, detail.placement, today);
  if (outside) throw new ComplianceError([outside]);
  return withTransaction(db, async (tx) => {
    const [log] = await tx
      .insert(weeklyLogs)
      .values({ placementId: input.placementId, weekStart, content: input.content })
      .onConflictDoUpdate({ target: [weeklyLogs.placementId, weeklyLogs.weekStart], set: { content: input.content, updatedAt: new Date() } })
      .returning({ id: weeklyLogs.id });
    await tell(tx, detail, user.id, "notify.logWritten", [detail.placement.schoolTutorId, detail.placement.hostTutorId].filter((x): x is string => !!x));
    return { id: log!.id, weekStart };
  });
}

/** A tutor's comment on a weekly log, from the school's or the host's side. */
export async function commentOnLog(db: Db, user: SessionUser, input: { logId: string; content: string }) {
  const [log] = await db.select({ placementId: weeklyLogs.placementId }).from(weeklyLogs).where(eq(weeklyLogs.id, input.logId)).limit(1);
  if (!log) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  const { detail, party } = await actingParty(db, user, log.placementId, ["school", "host"]);
  await withTransaction(db, async (tx) => {
    await tx.insert(logComments).values({ logId: input.logId, authorId: user.id, party, content: input.content });
    await tell(tx, detail, user.id, "notify.logCommented", [detail.placement.studentId]);
  });
}

/** The end-of-placement evaluation of the acting party: a tutor's of the student, or the student's of the host. */
export async function evaluatePlacement(db: Db, user: SessionUser, input: { placementId: string; score: number; comment: string }) {
  const { detail, party } = await actingParty(db, user, input.placementId, ["student", "school", "host"]);
  if (detail.placement.status !== "active" && detail.placement.status !== "completed") throw new TRPCError({ code: "CONFLICT", message: "errors.placementNotActive" });
  await withTransaction(db, async (tx) => {
    await tx
      .insert(evaluations)
      .values({ placementId: input.placementId, party, authorId: user.id, score: input.score, comment: input.comment })
      .onConflictDoUpdate({ target: [evaluations.placementId, evaluations.party], set: { score: input.score, comment: input.comment, authorId: user.id, updatedAt: new Date() } });
    await tell(tx, detail, user.id, "notify.evaluated", party === "student" ? await memberIdsOf(tx, detail.placement.hostId) : [detail.placement.studentId]);
  });
}

/** The host records that it hired the student after a completed placement (counted in outcome reports). */
export async function markHired(db: Db, user: SessionUser, placementId: string) {
  await actingParty(db, user, placementId, ["host"]);
  await withTransaction(db, (tx) => movePlacement(tx, placementId, ["completed"], { hiredAfter: true }));
}
