import { TRPCError } from "@trpc/server";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../../db/create";
import { withTransaction } from "../../db/transaction";
import { hostPosts, postings } from "../../db/schema";
import { hostSeatRows } from "../applications/caps";
import { conflictOnUnique } from "../trpc";

/**
 * A host's declared posts (岗位) with the staff on each, and what the 20% cap counts on each now: placed
 * and accepted interns plus open seats across every posting naming the post (compliance/caps.ts).
 */
export async function postsOf(db: Db, organisationId: string) {
  const posts = await db.select().from(hostPosts).where(eq(hostPosts.organisationId, organisationId)).orderBy(asc(hostPosts.name));
  const rows = await hostSeatRows(db, organisationId);
  const named = await db
    .select({ postId: postings.postId, n: count() })
    .from(postings)
    .where(eq(postings.organisationId, organisationId))
    .groupBy(postings.postId);
  return posts.map((p) => ({
    id: p.id,
    name: p.name,
    staffCount: p.staffCount,
    cap: Math.floor(p.staffCount / 5),
    interns: rows.filter((r) => r.postId === p.id).reduce((sum, r) => sum + (r.open ? Math.max(r.quantity, r.held) : r.held), 0),
    postings: named.find((n) => n.postId === p.id)?.n ?? 0,
  }));
}

const uniqueName = { host_posts_organisation_name_idx: { field: "name", message: "errors.postNameTaken" as const }, "host_posts.organisation_id": { field: "name", message: "errors.postNameTaken" as const } };

export async function createPost(db: Db, userId: string, input: { organisationId: string; name: string; staffCount: number }) {
  try {
    const [post] = await db.insert(hostPosts).values({ organisationId: input.organisationId, name: input.name, staffCount: input.staffCount, createdBy: userId }).returning({ id: hostPosts.id });
    return post!;
  } catch (error) {
    conflictOnUnique(error, uniqueName);
  }
}

/**
 * Renames a post or corrects its staff. Fewer staff may put the post over its cap; the postings already
 * published stay, and the next publishing, application or acceptance on the post is refused until it fits.
 */
export async function updatePost(db: Db, input: { organisationId: string; postId: string; name: string; staffCount: number }) {
  try {
    const updated = await db
      .update(hostPosts)
      .set({ name: input.name, staffCount: input.staffCount })
      .where(and(eq(hostPosts.id, input.postId), eq(hostPosts.organisationId, input.organisationId)))
      .returning({ id: hostPosts.id });
    if (updated.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  } catch (error) {
    if (error instanceof TRPCError) throw error;
    conflictOnUnique(error, uniqueName);
  }
}

/** Removes a post no posting names; one that is named stays (its postings and their caps depend on it). */
export async function removePost(db: Db, input: { organisationId: string; postId: string }) {
  await withTransaction(db, async (tx) => {
    const [post] = await tx.select({ id: hostPosts.id }).from(hostPosts).where(and(eq(hostPosts.id, input.postId), eq(hostPosts.organisationId, input.organisationId))).limit(1);
    if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    const [named] = await tx.select({ id: postings.id }).from(postings).where(eq(postings.postId, input.postId)).limit(1);
    if (named) throw new TRPCError({ code: "CONFLICT", message: "errors.postInUse" });
    await tx.delete(hostPosts).where(eq(hostPosts.id, input.postId));
  });
}
