import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { withTransaction } from "../../db/transaction";
import { placementAmendments, placements, users } from "../../db/schema";
import { seatHoldingPlacementStatuses } from "../../db/schema-enums";
import { checkAmendedEndDate } from "../compliance/dates";
import { memberIdsOf, notify } from "../notifications/notify";
import { todayInChina } from "../schemas/accounts";
import { ComplianceError, type SessionUser } from "../trpc";
import { loadPlacement } from "./manage";

/**
 * Changing a placement's end date — extending it or ending it early — is an amendment of the tripartite
 * agreement: proposed by the school or the host with a reason, applied only when the student, the school
 * and the host have all confirmed it. The proposer's own confirmation is given by proposing.
 */

const changeable = ["pending_approval", "approved", "active"] as const;

async function partyFor(db: Db, user: SessionUser, placementId: string, allowed: readonly ("student" | "school" | "host")[]) {
  const loaded = await loadPlacement(db, user, placementId);
  if (loaded.party === "admin" || !allowed.includes(loaded.party)) throw new TRPCError({ code: "FORBIDDEN", message: "errors.placementPartyOnly" });
  return { ...loaded, party: loaded.party };
}

function confirmationOf(party: "student" | "school" | "host", userId: string, now: Date) {
  if (party === "student") return { studentConfirmedAt: now };
  if (party === "school") return { schoolConfirmedAt: now, schoolConfirmedBy: userId };
  return { hostConfirmedAt: now, hostConfirmedBy: userId };
}

async function concerned(tx: Runner, p: { studentId: string; schoolId: string; hostId: string }) {
  return [p.studentId, ...(await memberIdsOf(tx, p.schoolId)), ...(await memberIdsOf(tx, p.hostId))];
}

/** The school or the host proposes a new end date with its reason; a pending proposal it replaces is superseded. */
export async function proposeAmendment(db: Db, user: SessionUser, input: { placementId: string; newEndDate: string; reason: string }, today = todayInChina()) {
  const { detail, party } = await partyFor(db, user, input.placementId, ["school", "host"]);
  const p = detail.placement;
  if (!(changeable as readonly string[]).includes(p.status)) throw new TRPCError({ code: "CONFLICT", message: "errors.placementWrongState" });
  const violation = checkAmendedEndDate(input.newEndDate, p, today);
  if (violation) throw new ComplianceError([violation]);
  return withTransaction(db, async (tx) => {
    // An extension must not run into another placement of the same student.
    const [overlapping] = await tx
      .select({ id: placements.id })
      .from(placements)
      .where(and(eq(placements.studentId, p.studentId), ne(placements.id, p.id), inArray(placements.status, [...seatHoldingPlacementStatuses]), sql`${placements.startDate} <= ${input.newEndDate}`, sql`${placements.endDate} >= ${p.startDate}`))
      .limit(1);
    if (overlapping) throw new TRPCError({ code: "CONFLICT", message: "errors.placementOverlap" });
    await tx.update(placementAmendments).set({ status: "superseded" }).where(and(eq(placementAmendments.placementId, p.id), eq(placementAmendments.status, "pending")));
    const [row] = await tx
      .insert(placementAmendments)
      .values({ placementId: p.id, previousEndDate: p.endDate, newEndDate: input.newEndDate, reason: input.reason, proposedBy: user.id, ...confirmationOf(party, user.id, new Date()) })
      .returning({ id: placementAmendments.id });
    await notify(tx, { to: await concerned(tx, p), except: user.id, type: "notify.amendmentProposed", params: { student: detail.student.name, posting: detail.posting.title, date: input.newEndDate }, link: `/placements/${p.id}` });
    return { id: row!.id };
  });
}

/**
 * A party confirms the pending amendment. When the third confirmation arrives the new end date is applied to
 * the placement, in the same transaction, and only if the end date is still the one the amendment changes.
 */
export async function confirmAmendment(db: Db, user: SessionUser, input: { placementId: string; amendmentId: string }) {
  const { detail, party } = await partyFor(db, user, input.placementId, ["student", "school", "host"]);
  const p = detail.placement;
  return withTransaction(db, async (tx) => {
    const [amendment] = await tx
      .select()
      .from(placementAmendments)
      .where(and(eq(placementAmendments.id, input.amendmentId), eq(placementAmendments.placementId, p.id)))
      .limit(1);
    if (!amendment) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    if (amendment.status !== "pending") throw new TRPCError({ code: "CONFLICT", message: "errors.amendmentNotPending" });
    const now = new Date();
    const confirmed = { ...amendment, ...confirmationOf(party, user.id, now) };
    const complete = !!confirmed.studentConfirmedAt && !!confirmed.schoolConfirmedAt && !!confirmed.hostConfirmedAt;
    await tx
      .update(placementAmendments)
      .set({ ...confirmationOf(party, user.id, now), ...(complete ? { status: "applied" as const, appliedAt: now } : {}) })
      .where(and(eq(placementAmendments.id, amendment.id), eq(placementAmendments.status, "pending")));
    if (complete) {
      const applied = await tx
        .update(placements)
        .set({ endDate: amendment.newEndDate })
        .where(and(eq(placements.id, p.id), eq(placements.endDate, amendment.previousEndDate), inArray(placements.status, [...changeable])))
        .returning({ id: placements.id });
      if (applied.length === 0) throw new TRPCError({ code: "CONFLICT", message: "errors.placementWrongState" });
      await notify(tx, { to: await concerned(tx, p), except: user.id, type: "notify.amendmentApplied", params: { student: detail.student.name, posting: detail.posting.title, date: amendment.newEndDate }, link: `/placements/${p.id}` });
    }
    return { applied: complete };
  });
}

/** A placement's amendments, newest first, with who proposed each. */
export async function amendmentsOf(db: Db, placementId: string) {
  return db
    .select({
      id: placementAmendments.id,
      previousEndDate: placementAmendments.previousEndDate,
      newEndDate: placementAmendments.newEndDate,
      reason: placementAmendments.reason,
      status: placementAmendments.status,
      proposedByName: users.name,
      studentConfirmedAt: placementAmendments.studentConfirmedAt,
      schoolConfirmedAt: placementAmendments.schoolConfirmedAt,
      hostConfirmedAt: placementAmendments.hostConfirmedAt,
      appliedAt: placementAmendments.appliedAt,
      createdAt: placementAmendments.createdAt,
    })
    .from(placementAmendments)
    .leftJoin(users, eq(users.id, placementAmendments.proposedBy))
    .where(eq(placementAmendments.placementId, placementId))
    .orderBy(desc(placementAmendments.createdAt));
}
