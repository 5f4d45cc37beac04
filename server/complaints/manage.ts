import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, Runner } from "../../db/create";
import { withTransaction } from "../../db/transaction";
import { complaintReplies, complaints, organisations, placements, postings, users, type ComplaintCategory, type ComplaintStatus } from "../../db/schema";
import { loadPlacement } from "../placements/manage";
import { memberIdsOf, notify } from "../notifications/notify";
import { todayInChina } from "../schemas/accounts";
import { findMembership, MessageError, type SessionUser } from "../trpc";
import { isComplaintOverdue, replyDueOn } from "./deadline";
import { recordWebhookEvent } from "../webhooks/events";

/**
 * 实习权益投诉: a student (or their guardian, through the student's account) reports a problem in a
 * placement to the school and the administrators. The host is never told: no procedure lets a host's
 * member read a complaint, learn that one exists, or receive a notification about it.
 */

/** Administrators: told of every complaint. */
export async function adminIds(tx: Runner): Promise<string[]> {
  return (await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin"))).map((u) => u.id);
}

export async function fileComplaint(db: Db, user: SessionUser, input: { placementId: string; category: ComplaintCategory; reporter: "student" | "guardian"; description: string }, today = todayInChina()) {
  const { detail, party } = await loadPlacement(db, user, input.placementId);
  if (party !== "student") throw new TRPCError({ code: "FORBIDDEN", message: "errors.placementPartyOnly" });
  const p = detail.placement;
  const due = replyDueOn(today);
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(complaints)
      .values({ placementId: p.id, studentId: p.studentId, schoolId: p.schoolId, hostId: p.hostId, category: input.category, reporter: input.reporter, description: input.description, replyDueOn: due })
      .returning({ id: complaints.id });
    // Told: the school's members and the administrators. Never the host.
    const params = { student: detail.student.name, posting: detail.posting.title, category: categoryLabel(input.category), date: due };
    await notify(tx, { to: await memberIdsOf(tx, p.schoolId), type: "notify.complaintFiled", params, link: `/organisations/${p.schoolId}/complaints#complaint-${row!.id}` });
    await notify(tx, { to: await adminIds(tx), type: "notify.complaintFiled", params, link: `/admin/complaints#complaint-${row!.id}` });
    await recordWebhookEvent(tx, { type: "complaint.filed", complaintId: row!.id });
    return { id: row!.id, replyDueOn: due };
  });
}

/** Notifications keep plain parameters: the category is named in both languages at once. */
const categoryNames: Record<ComplaintCategory, string> = {
  fees: "收取费用 / fees",
  overtime: "加班 / overtime",
  unsafe_work: "不安全作业 / unsafe work",
  pay: "报酬 / pay",
  id_withheld: "扣押证件 / ID withheld",
  harassment: "骚扰 / harassment",
  other: "其他 / other",
};
function categoryLabel(category: ComplaintCategory) {
  return categoryNames[category];
}

type Side = "student" | "school" | "admin";

/** Who the user is for a complaint: its student, a member of its school, an administrator; null otherwise (the host included). */
async function sideOf(db: Db, user: SessionUser, complaint: { studentId: string; schoolId: string }): Promise<Side | null> {
  if (user.role === "admin") return "admin";
  if (user.role === "student") return user.id === complaint.studentId ? "student" : null;
  return (await findMembership(db, user.id, complaint.schoolId)) ? "school" : null;
}

const student = alias(users, "complaint_student");
const school = alias(organisations, "complaint_school");
const host = alias(organisations, "complaint_host");

/** Complaints with their placement's names and their replies, newest first; callers have checked access. */
async function complaintList(db: Db, where: SQL | undefined, today = todayInChina()) {
  const rows = await db
    .select({
      complaint: complaints,
      studentName: student.name,
      schoolName: school.name,
      hostName: host.name,
      postingTitle: postings.title,
      placementStart: placements.startDate,
      placementEnd: placements.endDate,
    })
    .from(complaints)
    .innerJoin(placements, eq(placements.id, complaints.placementId))
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .innerJoin(student, eq(student.id, complaints.studentId))
    .innerJoin(school, eq(school.id, complaints.schoolId))
    .innerJoin(host, eq(host.id, complaints.hostId))
    .where(where)
    .orderBy(desc(complaints.createdAt), desc(complaints.id))
    .limit(500);
  const ids = rows.map((r) => r.complaint.id);
  const replies = ids.length
    ? await db
        .select({ id: complaintReplies.id, complaintId: complaintReplies.complaintId, side: complaintReplies.side, body: complaintReplies.body, status: complaintReplies.status, createdAt: complaintReplies.createdAt, authorName: users.name })
        .from(complaintReplies)
        .leftJoin(users, eq(users.id, complaintReplies.authorId))
        .where(inArray(complaintReplies.complaintId, ids))
        // Replies in the order written (two in one millisecond keep it too: rowid, not the random id).
        // PostgreSQL's complaint_replies has a rowid identity column (db/schema/pg.ts), so this reads the same on both.
        .orderBy(asc(complaintReplies.createdAt), sql`${complaintReplies}.rowid`)
    : [];
  return rows.map((r) => ({
    ...r.complaint,
    studentName: r.studentName,
    schoolName: r.schoolName,
    hostName: r.hostName,
    postingTitle: r.postingTitle,
    placementStart: r.placementStart,
    placementEnd: r.placementEnd,
    overdue: isComplaintOverdue(r.complaint, today),
    replies: replies.filter((x) => x.complaintId === r.complaint.id),
  }));
}

/** A placement's complaints, for its student, its school and administrators; the host is refused outright. */
export async function complaintsOfPlacement(db: Db, user: SessionUser, placementId: string) {
  const { party } = await loadPlacement(db, user, placementId);
  if (party === "host") throw new TRPCError({ code: "FORBIDDEN", message: "errors.FORBIDDEN" });
  return complaintList(db, eq(complaints.placementId, placementId));
}

export function complaintsOfSchool(db: Db, schoolId: string, status?: ComplaintStatus) {
  return complaintList(db, and(eq(complaints.schoolId, schoolId), status ? eq(complaints.status, status) : undefined));
}

export function allComplaints(db: Db, status?: ComplaintStatus) {
  return complaintList(db, status ? eq(complaints.status, status) : undefined);
}

/** One complaint, for those who may read it; NOT_FOUND for everyone else, so its existence is not revealed. */
export async function getComplaint(db: Db, user: SessionUser, complaintId: string) {
  const [row] = await db.select().from(complaints).where(eq(complaints.id, complaintId)).limit(1);
  const side = row ? await sideOf(db, user, row) : null;
  if (!row || !side) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  const [complaint] = await complaintList(db, eq(complaints.id, complaintId));
  return { complaint: complaint!, side };
}

/** Where a complaint may go from each status: it is worked on, then resolved or closed; a resolved one may reopen. */
const nextStatuses: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  submitted: ["in_progress", "resolved", "closed"],
  in_progress: ["resolved", "closed"],
  resolved: ["in_progress", "closed"],
  closed: [],
};

/**
 * A reply by the school's staff or an administrator (optionally moving the status), or a further word from
 * the student (who cannot move it). The first reply of the school or an administrator stops the deadline.
 */
export async function replyToComplaint(db: Db, user: SessionUser, input: { complaintId: string; body: string; status?: Exclude<ComplaintStatus, "submitted"> }) {
  const { complaint, side } = await getComplaint(db, user, input.complaintId);
  if (side === "student" && input.status) throw new TRPCError({ code: "FORBIDDEN", message: "errors.FORBIDDEN" });
  if (complaint.status === "closed") throw new MessageError("CONFLICT", "errors.complaintWrongState");
  // A reply by the school or an administrator to a complaint nobody has picked up yet starts the work on it.
  const to = input.status ?? (side !== "student" && complaint.status === "submitted" ? "in_progress" : undefined);
  if (to && !nextStatuses[complaint.status].includes(to)) throw new MessageError("CONFLICT", "errors.complaintWrongState");
  await withTransaction(db, async (tx) => {
    const now = new Date();
    const moved = await tx
      .update(complaints)
      .set({
        ...(to ? { status: to } : {}),
        ...(side !== "student" && !complaint.firstRepliedAt ? { firstRepliedAt: now } : {}),
        ...(to === "resolved" ? { resolvedAt: now } : {}),
        ...(to === "closed" ? { closedAt: now } : {}),
        updatedAt: now,
      })
      .where(and(eq(complaints.id, complaint.id), eq(complaints.status, complaint.status)))
      .returning({ id: complaints.id });
    if (moved.length === 0) throw new MessageError("CONFLICT", "errors.complaintWrongState");
    await tx.insert(complaintReplies).values({ complaintId: complaint.id, authorId: user.id, side, body: input.body, status: to ?? null });
    const params = { student: complaint.studentName, category: categoryLabel(complaint.category) };
    if (side === "student") {
      await notify(tx, { to: await memberIdsOf(tx, complaint.schoolId), type: "notify.complaintStudentReplied", params, link: `/organisations/${complaint.schoolId}/complaints#complaint-${complaint.id}` });
      await notify(tx, { to: await adminIds(tx), type: "notify.complaintStudentReplied", params, link: `/admin/complaints#complaint-${complaint.id}` });
    } else {
      await notify(tx, { to: [complaint.studentId], type: "notify.complaintReplied", params, link: `/placements/${complaint.placementId}#complaints` });
    }
  });
}
