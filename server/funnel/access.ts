import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/create";
import { memberships, postings } from "../../db/schema";

/**
 * Whether the user may read a posting's funnel: administrators, and members of the organisation that owns it.
 * Null when the posting does not exist.
 */
export async function mayReadPostingFunnel(db: Db, user: { id: string; role: string }, postingId: string): Promise<boolean | null> {
  const [posting] = await db.select({ organisationId: postings.organisationId }).from(postings).where(eq(postings.id, postingId)).limit(1);
  if (!posting) return null;
  if (user.role === "admin") return true;
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.organisationId, posting.organisationId)))
    .limit(1);
  return member !== undefined;
}
