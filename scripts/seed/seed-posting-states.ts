import { and, asc, eq, lt } from "drizzle-orm";
import { closePosting, rejectPosting, withdrawPosting } from "../../server/postings/manage";
import type { Db } from "../../db/create";
import { postings } from "../../db/schema";

/** Reasons an administrator gives when sending a posting back, as they would write them. */
const rejectionReasons = [
  "岗位实习报酬未写明发放方式，请补充后重新提交",
  "实习内容描述过于简单，请写明具体岗位职责和带教安排",
  "联系电话无法接通，请核实联系方式",
  "所选专业与岗位内容不对口，请调整面向专业",
];

/**
 * Postings in every stored state, through the domain functions (so audit log and notifications follow): some
 * under review are rejected with a reason, some published ones whose application window has passed are closed,
 * and a few are withdrawn by their owners. The generator leaves drafts, submitted and published postings.
 */
export async function seedPostingStates(db: Db, ctx: { today: string; adminId: string }) {
  const submitted = await db.select({ id: postings.id }).from(postings).where(eq(postings.status, "submitted")).orderBy(asc(postings.createdAt), asc(postings.id)).limit(8);
  for (const [i, p] of submitted.slice(0, 4).entries()) await rejectPosting(db, p.id, rejectionReasons[i % rejectionReasons.length]!, ctx.adminId);
  const past = await db
    .select({ id: postings.id, organisationId: postings.organisationId })
    .from(postings)
    .where(and(eq(postings.status, "published"), lt(postings.applyBy, ctx.today)))
    .orderBy(asc(postings.applyBy), asc(postings.id))
    .limit(12);
  for (const p of past.slice(0, 8)) await closePosting(db, p.organisationId, p.id);
  for (const p of past.slice(8, 10)) await withdrawPosting(db, p.organisationId, p.id);
  const drafts = await db.select({ id: postings.id, organisationId: postings.organisationId }).from(postings).where(eq(postings.status, "draft")).orderBy(asc(postings.createdAt), asc(postings.id)).limit(2);
  for (const p of drafts) await withdrawPosting(db, p.organisationId, p.id);
}
