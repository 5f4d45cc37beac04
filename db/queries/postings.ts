import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../create";
import { industries, organisations, postingRevisions, postings, postingSpecialties, regions, specialties } from "../schema";
import { pushTo } from "../collections";
import { first, rawRun } from "../sql";
import { isPostgres } from "../transaction";

/** A posting of the given organisation (ownership is part of the query), or undefined. */
export async function findPosting(db: Db, postingId: string, organisationId: string) {
  const [posting] = await db
    .select()
    .from(postings)
    .where(and(eq(postings.id, postingId), eq(postings.organisationId, organisationId)))
    .limit(1);
  return posting;
}

export async function specialtiesOfPostings(db: Db, postingIds: string[]) {
  if (postingIds.length === 0) return new Map<string, { code: string; name: string }[]>();
  const rows = await db
    .select({ postingId: postingSpecialties.postingId, code: specialties.code, name: specialties.name })
    .from(postingSpecialties)
    .innerJoin(specialties, eq(specialties.code, postingSpecialties.specialtyCode))
    .where(inArray(postingSpecialties.postingId, postingIds))
    .orderBy(asc(specialties.code));
  const map = new Map<string, { code: string; name: string }[]>();
  for (const r of rows) pushTo(map, r.postingId, { code: r.code, name: r.name });
  return map;
}

/** A posting with the names a reader needs: organisation, region path, industry and specialties. */
export async function postingDetail(db: Db, postingId: string) {
  const [row] = await db
    .select({
      posting: postings,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      industryName: industries.name,
    })
    .from(postings)
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    .innerJoin(industries, eq(industries.code, postings.industryCode))
    .where(eq(postings.id, postingId))
    .limit(1);
  if (!row) return undefined;
  const regionRows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [row.posting.provinceCode, row.posting.cityCode, row.posting.regionCode]));
  const regionName = [row.posting.provinceCode, row.posting.cityCode, row.posting.regionCode]
    .filter((c, i, all) => all.indexOf(c) === i)
    .map((c) => regionRows.find((r) => r.code === c)?.name)
    .filter((n) => n && n !== "市辖区")
    .join(" ");
  const specialtyList = (await specialtiesOfPostings(db, [postingId])).get(postingId) ?? [];
  return { ...row.posting, organisationName: row.organisationName, organisationKind: row.organisationKind, industryName: row.industryName, regionName, specialties: specialtyList };
}

/** An organisation's own postings, newest first, for its postings list. */
export async function postingsOf(db: Db, organisationId: string) {
  return db
    .select({
      id: postings.id,
      kind: postings.kind,
      status: postings.status,
      title: postings.title,
      quantity: postings.quantity,
      applyBy: postings.applyBy,
      startDate: postings.startDate,
      rejectionReason: postings.rejectionReason,
      updatedAt: postings.updatedAt,
      revisionPending: sql<boolean>`exists (select 1 from posting_revisions r where r.posting_id = postings.id and r.status = 'pending')`.mapWith(Boolean),
    })
    .from(postings)
    .where(eq(postings.organisationId, organisationId))
    .orderBy(desc(postings.updatedAt));
}

/** Postings awaiting review, oldest submission first. */
export async function reviewQueue(db: Db, cursor: number, limit: number) {
  const rows = await db
    .select({
      id: postings.id,
      kind: postings.kind,
      title: postings.title,
      quantity: postings.quantity,
      monthlyPay: postings.monthlyPay,
      submittedAt: postings.submittedAt,
      organisationId: postings.organisationId,
      organisationName: organisations.name,
    })
    .from(postings)
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    .where(eq(postings.status, "submitted"))
    .orderBy(asc(postings.submittedAt), asc(postings.id))
    .limit(limit + 1)
    .offset(cursor);
  const total = first(await db.select({ n: count() }).from(postings).where(eq(postings.status, "submitted")))?.n ?? 0;
  return { items: rows.slice(0, limit), total, nextCursor: rows.length > limit ? cursor + limit : null };
}

/**
 * Replaces a posting's entry in SQLite's full-text index (rowid = postings.rowid); call inside the write's
 * transaction. PostgreSQL has no search table: its GIN index over cjk_bigrams(title || ' ' || description)
 * follows the postings row by itself.
 */
export async function writeSearchText(db: Db, postingId: string, tokens: string) {
  if (isPostgres(db)) return;
  await rawRun(db, sql`delete from posting_search where rowid = (select rowid from postings where id = ${postingId})`);
  await rawRun(db, sql`insert into posting_search (rowid, text) select rowid, ${tokens} from postings where id = ${postingId}`);
}

/** Held changes to published postings awaiting review, oldest first, with the published row to compare. */
export async function pendingRevisions(db: Db, cursor: number, limit: number) {
  const where = and(eq(postingRevisions.status, "pending"), eq(postings.status, "published"));
  const rows = await db
    .select({ revision: postingRevisions, posting: postings, organisationName: organisations.name })
    .from(postingRevisions)
    .innerJoin(postings, eq(postings.id, postingRevisions.postingId))
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    .where(where)
    .orderBy(asc(postingRevisions.createdAt), asc(postingRevisions.id))
    .limit(limit + 1)
    .offset(cursor);
  const total = first(await db.select({ n: count() }).from(postingRevisions).innerJoin(postings, eq(postings.id, postingRevisions.postingId)).where(where))?.n ?? 0;
  return { rows: rows.slice(0, limit), total, nextCursor: rows.length > limit ? cursor + limit : null };
}

/** The newest held change of a posting that is still of interest to its owner (waiting, or refused). */
export async function latestRevision(db: Db, postingId: string) {
  const [revision] = await db
    .select({ id: postingRevisions.id, version: postingRevisions.version, status: postingRevisions.status, values: postingRevisions.values, reason: postingRevisions.reason, createdAt: postingRevisions.createdAt })
    .from(postingRevisions)
    .where(and(eq(postingRevisions.postingId, postingId), ne(postingRevisions.status, "superseded")))
    .orderBy(desc(postingRevisions.version))
    .limit(1);
  return revision;
}
