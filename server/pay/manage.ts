import { TRPCError } from "@trpc/server";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { withTransaction } from "../../db/transaction";
import type { PlacementDetail } from "../../db/queries/placements";
import { payRecords } from "../../db/schema";
import { adminIds } from "../complaints/manage";
import { memberIdsOf, notify } from "../notifications/notify";
import { loadPlacement } from "../placements/manage";
import { todayInChina } from "../schemas/accounts";
import { FieldError, MessageError, type SessionUser } from "../trpc";
import { missingFlag, payDueBy, payFlags, placementMonths, recordFlags, type PayFlag, type PayTerms } from "./flags";

/**
 * Pay actually paid: each month of a running placement the host records what it paid, the student
 * confirms or disputes it, and anything below the agreement, below 80% of the post's wage, more than a
 * month late or disputed is flagged to the school and the administrators (never only computed: each flag
 * found when recording or answering is also sent as a notification).
 */

/** The agreed pay of a placement, when its posting has one (placement internships, apprenticeships). */
export function payTermsOf(d: PlacementDetail): PayTerms | null {
  const details = d.posting.details;
  if (typeof details.monthlyPay !== "number" || !d.placement.startedAt) return null;
  // A placement ended early is owed pay up to the day it ended.
  const endedOn = d.placement.terminatedAt ? dayInChina(d.placement.terminatedAt) : null;
  const end = endedOn && endedOn < d.placement.endDate ? endedOn : d.placement.endDate;
  return { monthlyPay: details.monthlyPay, sameWage: typeof details.sameWage === "number" ? details.sameWage : null, startDate: d.placement.startDate, endDate: end };
}

function dayInChina(at: Date) {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

async function recordsOf(db: Runner, placementId: string) {
  return db.select().from(payRecords).where(eq(payRecords.placementId, placementId)).orderBy(asc(payRecords.month));
}

/** The pay section of a placement page, for its three parties and administrators. */
export async function payOverview(db: Db, user: SessionUser, placementId: string, today = todayInChina()) {
  const { detail, party } = await loadPlacement(db, user, placementId);
  const terms = payTermsOf(detail);
  const records = await recordsOf(db, placementId);
  return {
    party,
    terms,
    records: records.map((r) => ({ ...r, dueBy: payDueBy(r.month), flags: terms ? recordFlags(r, terms) : [] })),
    flags: terms ? payFlags(terms, records, today) : [],
    /** The months the host may record now: those of the placement up to this month. */
    months: terms ? placementMonths(terms.startDate, terms.endDate, today.slice(0, 7)) : [],
  };
}

async function tellSchoolAndAdmins(tx: Runner, d: PlacementDetail, flags: PayFlag[]) {
  const to = [...(await memberIdsOf(tx, d.placement.schoolId)), ...(await adminIds(tx))];
  for (const flag of flags) {
    await notify(tx, { to, type: "notify.payFlagged", params: { student: d.student.name, posting: d.posting.title, month: flag.month, problem: `${flag.zh} / ${flag.en}` }, link: `/placements/${d.placement.id}#pay` });
  }
}

/** The host records (or corrects) what it paid for a month; a correction asks the student again. */
export async function recordPay(db: Db, user: SessionUser, input: { placementId: string; month: string; amount: number; paidOn: string }, today = todayInChina()) {
  const { detail, party } = await loadPlacement(db, user, input.placementId);
  if (party !== "host") throw new TRPCError({ code: "FORBIDDEN", message: "errors.placementPartyOnly" });
  const terms = payTermsOf(detail);
  if (!terms || (detail.placement.status !== "active" && detail.placement.status !== "completed" && detail.placement.status !== "terminated")) throw new MessageError("CONFLICT", "errors.payNotRunning");
  if (!placementMonths(terms.startDate, terms.endDate, today.slice(0, 7)).includes(input.month)) throw new FieldError({ month: "errors.payMonthOutside" });
  if (input.paidOn < `${input.month}-01`) throw new FieldError({ paidOn: "errors.paidOnBeforeMonth" });
  if (input.paidOn > today) throw new FieldError({ paidOn: "errors.paidOnFuture" });
  await withTransaction(db, async (tx) => {
    const values = { amount: input.amount, paidOn: input.paidOn, recordedBy: user.id, studentResponse: null, studentNote: null, respondedAt: null };
    await tx
      .insert(payRecords)
      .values({ placementId: input.placementId, month: input.month, ...values })
      .onConflictDoUpdate({ target: [payRecords.placementId, payRecords.month], set: { ...values, updatedAt: new Date() } });
    // The check when recording: this month's problems, and earlier months still unrecorded past their due day.
    const recorded = new Set((await recordsOf(tx, input.placementId)).map((r) => r.month));
    const missing = placementMonths(terms.startDate, terms.endDate, input.month)
      .filter((m) => m < input.month && !recorded.has(m) && today > payDueBy(m))
      .map(missingFlag);
    await tellSchoolAndAdmins(tx, detail, [...recordFlags({ ...input, studentResponse: null, studentNote: null }, terms), ...missing]);
    await notify(tx, { to: [detail.placement.studentId], type: "notify.payRecorded", params: { posting: detail.posting.title, month: input.month }, link: `/placements/${detail.placement.id}#pay` });
  });
}

/** The student confirms a month's pay or disputes it with a note; a dispute is flagged at once. */
export async function respondToPay(db: Db, user: SessionUser, input: { payRecordId: string; response: "confirmed" | "disputed"; note: string }) {
  const [record] = await db.select().from(payRecords).where(eq(payRecords.id, input.payRecordId)).limit(1);
  if (!record) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  const { detail, party } = await loadPlacement(db, user, record.placementId);
  if (party !== "student") throw new TRPCError({ code: "FORBIDDEN", message: "errors.placementPartyOnly" });
  if (record.studentResponse) throw new MessageError("CONFLICT", "errors.payAlreadyAnswered");
  const terms = payTermsOf(detail);
  await withTransaction(db, async (tx) => {
    const note = input.note || null;
    // Answers the version the student saw: a correction by the host in between asks again.
    const moved = await tx
      .update(payRecords)
      .set({ studentResponse: input.response, studentNote: note, respondedAt: new Date() })
      .where(and(eq(payRecords.id, record.id), isNull(payRecords.studentResponse), eq(payRecords.updatedAt, record.updatedAt)))
      .returning({ id: payRecords.id });
    if (moved.length === 0) throw new MessageError("CONFLICT", "errors.payAlreadyAnswered");
    if (input.response === "disputed" && terms) {
      await tellSchoolAndAdmins(tx, detail, recordFlags({ ...record, studentResponse: "disputed", studentNote: note }, terms).filter((f) => f.kind === "disputed"));
    }
  });
}
