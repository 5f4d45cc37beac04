import { createHash } from "node:crypto";
import { and, asc, eq, gt, inArray, or, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/create";
import { complaints, hostPosts, organisations, placements, postings, regions, users, type ComplaintStatus, type VerificationStatus } from "../../db/schema";

/**
 * An authority (issue 19): an education authority's platform holding an administrator-issued API token scoped to a
 * province (xx0000) or city (xxxx00) code. It reads only rows in that region. The region test lives here, once, for
 * the REST API and for anything else that answers to authorities (webhooks).
 */
export interface AuthorityScope {
  /** The province or city code the administrator gave the token. */
  regionCode: string;
}

/** The region codes inside a scope (the province or city itself and every county under it), as a subquery. */
function regionsWithin(db: Db, scope: AuthorityScope) {
  return db
    .select({ code: regions.code })
    .from(regions)
    .where(or(eq(regions.code, scope.regionCode), eq(regions.provinceCode, scope.regionCode), eq(regions.cityCode, scope.regionCode)));
}

/** A condition: the region code in `column` lies inside the authority's region. */
export function inAuthorityRegion(db: Db, scope: AuthorityScope, column: SQLWrapper): SQL {
  return inArray(column as never, regionsWithin(db, scope));
}

/** Whether one region code lies inside the authority's region. */
export async function regionWithinScope(db: Db, scope: AuthorityScope, regionCode: string): Promise<boolean> {
  const [row] = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(eq(regions.code, regionCode), or(eq(regions.code, scope.regionCode), eq(regions.provinceCode, scope.regionCode), eq(regions.cityCode, scope.regionCode))))
    .limit(1);
  return !!row;
}

/** "张三丰" → "张**": a filing platform matches records by `studentRef`; the name is only a human check. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  return chars[0] + "*".repeat(Math.max(1, chars.length - 1));
}

/**
 * A stable pseudonym of a student for one authority region: the same student is the same reference in every
 * answer to that region, and references cannot be joined across regions or turned back into an account id.
 */
export function studentRef(scope: AuthorityScope, studentId: string): string {
  return createHash("sha256").update(`edubridge-student\n${scope.regionCode}\n${studentId}`).digest("hex").slice(0, 24);
}

const school = alias(organisations, "school");
const host = alias(organisations, "host");
const student = alias(users, "student");

/** A page of rows after `after` (an id), in id order: stable for a platform that syncs page by page. */
export interface Page {
  after?: string;
  limit: number;
}

/**
 * A page from the `limit + 1` rows a query read in id order (the extra row only says that more follow), each shown
 * as `show` makes it, with the id to pass back as `after` for the next page.
 */
export function pageOf<Row, Item extends { id: string }>(rows: Row[], limit: number, show: (row: Row) => Item): { items: Item[]; nextAfter: string | null } {
  const items = rows.slice(0, limit).map(show);
  return { items, nextAfter: rows.length > limit ? items[items.length - 1]!.id : null };
}

/**
 * Placements for internship filing (实习备案) whose school or workplace lies in the region: the student masked,
 * school, host, post, dates, pay, insurance and the agreement's digest once all three parties confirmed the same text.
 */
export async function placementsForFiling(db: Db, scope: AuthorityScope, page: Page) {
  const rows = await db
    .select({
      id: placements.id,
      status: placements.status,
      startDate: placements.startDate,
      endDate: placements.endDate,
      studentId: student.id,
      studentName: student.name,
      schoolId: school.id,
      schoolName: school.name,
      schoolCode: school.schoolCode,
      schoolRegionCode: school.regionCode,
      hostId: host.id,
      hostName: host.name,
      hostUscc: host.uscc,
      hostRegionCode: host.regionCode,
      postingId: postings.id,
      postingTitle: postings.title,
      postingKind: postings.kind,
      workplaceRegionCode: postings.regionCode,
      postName: hostPosts.name,
      monthlyPay: postings.monthlyPay,
      insurer: placements.insurer,
      insurancePolicyNumber: placements.insurancePolicyNumber,
      insurancePaidBy: placements.insurancePaidBy,
      studentDigest: placements.studentConfirmedDigest,
      schoolDigest: placements.schoolConfirmedDigest,
      hostDigest: placements.hostConfirmedDigest,
    })
    .from(placements)
    .innerJoin(student, eq(student.id, placements.studentId))
    .innerJoin(school, eq(school.id, placements.schoolId))
    .innerJoin(host, eq(host.id, placements.hostId))
    .innerJoin(postings, eq(postings.id, placements.postingId))
    .leftJoin(hostPosts, eq(hostPosts.id, postings.postId))
    .where(and(or(inAuthorityRegion(db, scope, school.regionCode), inAuthorityRegion(db, scope, postings.regionCode)), page.after ? gt(placements.id, page.after) : undefined))
    .orderBy(asc(placements.id))
    .limit(page.limit + 1);
  return pageOf(rows, page.limit, (r) => ({
    id: r.id,
    status: r.status,
    startDate: r.startDate,
    endDate: r.endDate,
    student: { ref: studentRef(scope, r.studentId), maskedName: maskName(r.studentName) },
    school: { id: r.schoolId, name: r.schoolName, schoolCode: r.schoolCode, regionCode: r.schoolRegionCode },
    host: { id: r.hostId, name: r.hostName, uscc: r.hostUscc, regionCode: r.hostRegionCode },
    post: { postingId: r.postingId, title: r.postingTitle, kind: r.postingKind, postName: r.postName, workplaceRegionCode: r.workplaceRegionCode },
    monthlyPay: r.monthlyPay,
    insurance: r.insurancePolicyNumber ? { insurer: r.insurer, policyNumber: r.insurancePolicyNumber, paidBy: r.insurancePaidBy } : null,
    agreementDigest: r.studentDigest && r.studentDigest === r.schoolDigest && r.studentDigest === r.hostDigest ? r.studentDigest : null,
  }));
}

/** Complaints about placements whose school or host lies in the region, with their status and deadlines (no text). */
export async function complaintsInRegion(db: Db, scope: AuthorityScope, page: Page & { status?: ComplaintStatus }) {
  const rows = await db
    .select({
      id: complaints.id,
      placementId: complaints.placementId,
      category: complaints.category,
      status: complaints.status,
      replyDueOn: complaints.replyDueOn,
      firstRepliedAt: complaints.firstRepliedAt,
      resolvedAt: complaints.resolvedAt,
      closedAt: complaints.closedAt,
      createdAt: complaints.createdAt,
      schoolId: school.id,
      schoolName: school.name,
      hostId: host.id,
      hostName: host.name,
    })
    .from(complaints)
    .innerJoin(school, eq(school.id, complaints.schoolId))
    .innerJoin(host, eq(host.id, complaints.hostId))
    .where(and(or(inAuthorityRegion(db, scope, school.regionCode), inAuthorityRegion(db, scope, host.regionCode)), page.status ? eq(complaints.status, page.status) : undefined, page.after ? gt(complaints.id, page.after) : undefined))
    .orderBy(asc(complaints.id))
    .limit(page.limit + 1);
  return pageOf(rows, page.limit, ({ schoolId, schoolName, hostId, hostName, ...r }) => ({ ...r, school: { id: schoolId, name: schoolName }, host: { id: hostId, name: hostName } }));
}

/** Organisations registered in the region with their verification state. */
export async function organisationsInRegion(db: Db, scope: AuthorityScope, page: Page & { verificationStatus?: VerificationStatus }) {
  const rows = await db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      schoolCode: organisations.schoolCode,
      uscc: organisations.uscc,
      regionCode: organisations.regionCode,
      verificationStatus: organisations.verificationStatus,
      reviewedAt: organisations.reviewedAt,
    })
    .from(organisations)
    .where(and(inAuthorityRegion(db, scope, organisations.regionCode), page.verificationStatus ? eq(organisations.verificationStatus, page.verificationStatus) : undefined, page.after ? gt(organisations.id, page.after) : undefined))
    .orderBy(asc(organisations.id))
    .limit(page.limit + 1);
  return pageOf(rows, page.limit, (r) => r);
}
