import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, count, countDistinct, desc, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { first, onEngine } from "../../db/sql";
import { withTransaction } from "../../db/transaction";
import { organisations, postingReports, postings, type PostingReportReason } from "../../db/schema";
import { memberIdsOf, notify } from "../notifications/notify";
import { attemptWithin, limits } from "../security/rate-limit";
import { conflictOnUnique, MessageError, type SessionUser } from "../trpc";
import { adminIds } from "./manage";

/** Distinct reporters whose open reports take a published posting out of search until an administrator reviews it. */
export const reportsToSuspend = 3;

/**
 * Days before a reporter may report the same posting again. Read from posting_reports (so it holds across
 * restarts and processes): after a review re-publishes a posting, the reporters who suspended it cannot
 * suspend it again at once. While a report is open the unique index already refuses a second one.
 */
export const reportAgainAfterDays = 30;

/** A reporter is a user, or for anonymous reporters their address (hashed: the address itself is not kept). */
export function reporterKey(user: SessionUser | null, address: string) {
  return user ? `user:${user.id}` : `addr:${createHash("sha256").update(`posting-report:${address}`).digest("hex").slice(0, 32)}`;
}

/**
 * Sends a published posting back to the review queue (status submitted) because of reports. The UPDATE
 * touches updated_at, which is how the search index learns that the posting left; the reports that did it
 * are closed, so after the review it takes new reports to suspend it again.
 */
async function suspendForReview(tx: Runner, postingId: string) {
  const now = new Date();
  const moved = await tx
    .update(postings)
    .set({ status: "submitted", submittedAt: now, suspendedAt: now, updatedAt: now })
    .where(and(eq(postings.id, postingId), eq(postings.status, "published")))
    .returning({ id: postings.id });
  await tx.update(postingReports).set({ closedAt: now }).where(and(eq(postingReports.postingId, postingId), isNull(postingReports.closedAt)));
  return moved.length > 0;
}

/**
 * Anyone, signed in or not, reports a published posting with a reason. The third distinct reporter
 * suspends it pending review; the host's members and the administrators are told. Reporters are never named.
 * Limited: anonymous reports per address, every attempt counted (server/security/rate-limit.ts), and one
 * report per reporter per posting in `reportAgainAfterDays`.
 */
export async function reportPosting(db: Db, user: SessionUser | null, address: string, input: { postingId: string; reason: PostingReportReason; note: string }) {
  if (!user) {
    const wait = await attemptWithin(db, [[limits.postingReportsPerAddress, address]]);
    if (wait > 0) throw new MessageError("TOO_MANY_REQUESTS", "errors.reportRateLimited", { minutes: Math.ceil(wait / 60) });
  }
  const key = reporterKey(user, address);
  try {
    return await withTransaction(db, async (tx) => {
      const [posting] = await tx
        .select({ id: postings.id, title: postings.title, status: postings.status, organisationId: postings.organisationId, hostVerified: postings.hostVerified })
        .from(postings)
        .where(eq(postings.id, input.postingId))
        .limit(1);
      // Only what the public can see can be reported; anything else does not exist for the reporter.
      if (!posting || posting.status !== "published" || !posting.hostVerified) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
      // One clock for the window and the rows (the JS one; closedAt is written from it too).
      const now = new Date();
      const since = new Date(now.getTime() - reportAgainAfterDays * 24 * 60 * 60_000);
      const [recent] = await tx
        .select({ id: postingReports.id })
        .from(postingReports)
        .where(and(eq(postingReports.postingId, posting.id), gt(postingReports.createdAt, since), eq(postingReports.reporterKey, key), isNotNull(postingReports.closedAt)))
        .limit(1);
      if (recent) throw new MessageError("TOO_MANY_REQUESTS", "errors.reportedRecently", { days: reportAgainAfterDays });
      await tx.insert(postingReports).values({ postingId: posting.id, reporterId: user?.id ?? null, reporterKey: key, reason: input.reason, note: input.note, createdAt: now });
      const open = first(await tx.select({ n: countDistinct(postingReports.reporterKey) }).from(postingReports).where(and(eq(postingReports.postingId, posting.id), isNull(postingReports.closedAt))))?.n ?? 0;
      const suspended = open >= reportsToSuspend && (await suspendForReview(tx, posting.id));
      if (suspended) {
        await notify(tx, { to: [...(await memberIdsOf(tx, posting.organisationId)), ...(await adminIds(tx))], type: "notify.postingSuspended", params: { posting: posting.title }, link: `/postings/${posting.id}` });
      }
      return { suspended };
    });
  } catch (error) {
    conflictOnUnique(error, { posting_reports_open_reporter_idx: { field: "_form", message: "errors.alreadyReported" }, "posting_reports.posting_id": { field: "_form", message: "errors.alreadyReported" } });
  }
}

/** A posting under review because reports suspended it: status submitted, suspended since its last submission. */
const isSuspended = and(eq(postings.status, "submitted"), isNotNull(postings.suspendedAt), sql`${postings.suspendedAt} >= ${postings.submittedAt}`);

/** The reasons of the reports that suspended each posting (closed with the suspension, at the same instant). */
async function suspensionReasons(db: Runner, postingIds: string[]) {
  if (!postingIds.length) return new Map<string, { reason: PostingReportReason; n: number; notes: string | null }[]>();
  // The notes joined with " / ": group_concat on SQLite, string_agg on PostgreSQL (both skip nulls, so empty
  // notes drop out; PostgreSQL is told the order, SQLite keeps the order the rows were written in).
  const note = sql`nullif(${postingReports.note}, '')`;
  const notes = onEngine(db, {
    sqlite: sql<string | null>`group_concat(${note}, ' / ')`,
    postgres: sql<string | null>`string_agg(${note}, ' / ' order by ${postingReports.createdAt})`,
  });
  const rows = await db
    .select({ postingId: postingReports.postingId, reason: postingReports.reason, n: count(), notes })
    .from(postingReports)
    .innerJoin(postings, and(eq(postings.id, postingReports.postingId), eq(postingReports.closedAt, postings.suspendedAt)))
    .where(inArray(postingReports.postingId, postingIds))
    .groupBy(postingReports.postingId, postingReports.reason)
    .orderBy(postingReports.postingId, desc(count()), postingReports.reason);
  const byPosting = new Map<string, { reason: PostingReportReason; n: number; notes: string | null }[]>();
  for (const { postingId, ...r } of rows) byPosting.set(postingId, [...(byPosting.get(postingId) ?? []), r]);
  return byPosting;
}

/** Postings suspended by reports and still waiting for review, with what they were reported for (administrators). */
export async function suspendedPostings(db: Db) {
  const rows = await db
    .select({ id: postings.id, title: postings.title, kind: postings.kind, suspendedAt: postings.suspendedAt, organisationId: postings.organisationId, organisationName: organisations.name })
    .from(postings)
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    // A later resubmission (submittedAt after the suspension) is an ordinary review again.
    .where(isSuspended)
    .orderBy(desc(postings.suspendedAt))
    .limit(200);
  const reasons = await suspensionReasons(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const of = reasons.get(r.id) ?? [];
    return { ...r, reports: of.reduce((sum, x) => sum + x.n, 0), reasons: of };
  });
}

/**
 * The review queue's items, each marked when reports suspended it: when, by how many reports and for what,
 * so the reviewer knows why a posting that was public is back in the queue.
 */
export async function withSuspensions<T extends { id: string }>(db: Db, items: T[]) {
  const ids = items.map((i) => i.id);
  const suspended = ids.length
    ? new Map(
        (await db.select({ id: postings.id, suspendedAt: postings.suspendedAt }).from(postings).where(and(inArray(postings.id, ids), isSuspended))).map((r) => [r.id, r.suspendedAt!]),
      )
    : new Map<string, Date>();
  const reasons = await suspensionReasons(db, [...suspended.keys()]);
  return items.map((item) => {
    const at = suspended.get(item.id);
    const of = reasons.get(item.id) ?? [];
    return { ...item, suspension: at ? { suspendedAt: at, reports: of.reduce((sum, x) => sum + x.n, 0), reasons: of } : null };
  });
}
