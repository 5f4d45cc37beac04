import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, count, countDistinct, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { organisations, postingReports, postings, type PostingReportReason } from "../../db/schema";
import { memberIdsOf, notify } from "../notifications/notify";
import { conflictOnUnique, type SessionUser } from "../trpc";
import { adminIds } from "./manage";

/** Distinct reporters whose open reports take a published posting out of search until an administrator reviews it. */
export const reportsToSuspend = 3;

/** A reporter is a user, or for anonymous reporters their address (hashed: the address itself is not kept). */
export function reporterKey(user: SessionUser | null, address: string) {
  return user ? `user:${user.id}` : `addr:${createHash("sha256").update(`posting-report:${address}`).digest("hex").slice(0, 32)}`;
}

/**
 * Sends a published posting back to the review queue (status submitted) because of reports. The UPDATE
 * touches updated_at, which is how the search index learns that the posting left; the reports that did it
 * are closed, so after the review it takes new reports to suspend it again.
 */
function suspendForReview(tx: Runner, postingId: string) {
  const now = new Date();
  const moved = tx
    .update(postings)
    .set({ status: "submitted", submittedAt: now, suspendedAt: now, updatedAt: now })
    .where(and(eq(postings.id, postingId), eq(postings.status, "published")))
    .run();
  tx.update(postingReports).set({ closedAt: now }).where(and(eq(postingReports.postingId, postingId), isNull(postingReports.closedAt))).run();
  return moved.changes > 0;
}

/**
 * Anyone, signed in or not, reports a published posting with a reason. The third distinct reporter
 * suspends it pending review; the host's members and the administrators are told. Reporters are never named.
 */
export function reportPosting(db: Db, user: SessionUser | null, address: string, input: { postingId: string; reason: PostingReportReason; note: string }) {
  try {
    return db.transaction(
      (tx) => {
        const posting = tx
          .select({ id: postings.id, title: postings.title, status: postings.status, organisationId: postings.organisationId, hostVerified: postings.hostVerified })
          .from(postings)
          .where(eq(postings.id, input.postingId))
          .get();
        // Only what the public can see can be reported; anything else does not exist for the reporter.
        if (!posting || posting.status !== "published" || !posting.hostVerified) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
        tx.insert(postingReports).values({ postingId: posting.id, reporterId: user?.id ?? null, reporterKey: reporterKey(user, address), reason: input.reason, note: input.note }).run();
        const open = tx.select({ n: countDistinct(postingReports.reporterKey) }).from(postingReports).where(and(eq(postingReports.postingId, posting.id), isNull(postingReports.closedAt))).get()?.n ?? 0;
        const suspended = open >= reportsToSuspend && suspendForReview(tx, posting.id);
        if (suspended) {
          notify(tx, { to: [...memberIdsOf(tx, posting.organisationId), ...adminIds(tx)], type: "notify.postingSuspended", params: { posting: posting.title }, link: `/postings/${posting.id}` });
        }
        return { suspended };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    conflictOnUnique(error, { posting_reports_open_reporter_idx: { field: "_form", message: "errors.alreadyReported" }, "posting_reports.posting_id": { field: "_form", message: "errors.alreadyReported" } });
  }
}

/** Postings suspended by reports and still waiting for review, with what they were reported for (administrators). */
export function suspendedPostings(db: Db) {
  const rows = db
    .select({ id: postings.id, title: postings.title, kind: postings.kind, suspendedAt: postings.suspendedAt, organisationId: postings.organisationId, organisationName: organisations.name })
    .from(postings)
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
        // A later resubmission (submittedAt after the suspension) is an ordinary review again.
    .where(and(eq(postings.status, "submitted"), isNotNull(postings.suspendedAt), sql`${postings.suspendedAt} >= ${postings.submittedAt}`))
    .orderBy(desc(postings.suspendedAt))
    .limit(200)
    .all();
  return rows.map((r) => {
    const reasons = db
      .select({ reason: postingReports.reason, n: count(), notes: sql<string>`group_concat(nullif(${postingReports.note}, ''), ' / ')` })
      .from(postingReports)
      .where(eq(postingReports.postingId, r.id))
      .groupBy(postingReports.reason)
      .all();
    return { ...r, reports: reasons.reduce((sum, x) => sum + x.n, 0), reasons };
  });
}
