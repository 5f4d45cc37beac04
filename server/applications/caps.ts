import { and, eq, sql } from "drizzle-orm";
import type { Runner } from "../../db/create";
import { hostPosts, organisations, postings } from "../../db/schema";
import { seatHoldingPlacementStatuses } from "../../db/schema-enums";
import { checkCaps, countCaps, type CapCount, type SeatChange, type SeatRow } from "../compliance/caps";
import { todayInChina } from "../schemas/accounts";
import { FieldError } from "../trpc";

const holding = sql.raw(seatHoldingPlacementStatuses.map((s) => `'${s}'`).join(", "));

/**
 * The host's placement internships that the caps count: those still open (under review or published, not
 * yet ended) and those holding seats. Read inside the deciding transaction so the count and the write agree.
 */
export async function hostSeatRows(tx: Runner, hostId: string, today = todayInChina()): Promise<SeatRow[]> {
  const rows = await tx
    .select({
      postingId: postings.id,
      postId: postings.postId,
      quantity: postings.quantity,
      // A condition as a value: 1/0 on SQLite, true/false on PostgreSQL; read as a boolean on both.
      open: sql<boolean>`${postings.status} in ('submitted', 'published') and ${postings.endDate} >= ${today}`.mapWith(Boolean),
      // Spelled out: inside a subquery drizzle would leave the outer column unqualified (it would read pl.id).
      held: sql<number>`(select count(*) from placements pl where pl.posting_id = "postings"."id" and pl.status in (${holding}))`.mapWith(Number),
    })
    .from(postings)
    .where(and(eq(postings.organisationId, hostId), eq(postings.kind, "placement_internship")));
  return rows.filter((r) => r.open || r.held > 0);
}

/** A host's declared post, only when it is the host's own. */
export async function hostPost(tx: Runner, hostId: string, postId: string) {
  const [post] = await tx.select({ id: hostPosts.id, name: hostPosts.name, staffCount: hostPosts.staffCount }).from(hostPosts).where(and(eq(hostPosts.id, postId), eq(hostPosts.organisationId, hostId))).limit(1);
  return post ?? null;
}

/**
 * What both caps count after a change at a host: a posting written (publishing) or a seat taken (applying,
 * accepting). `legacyPostStaff` is the staff an older posting without a declared post stated itself.
 */
export async function capCount(tx: Runner, hostId: string, change: SeatChange, options: { postId: string | null; legacyPostStaff?: number | null; today?: string }): Promise<CapCount> {
  const [host] = await tx.select({ staffCount: organisations.staffCount }).from(organisations).where(eq(organisations.id, hostId)).limit(1);
  const post = options.postId ? await hostPost(tx, hostId, options.postId) : null;
  return countCaps(await hostSeatRows(tx, hostId, options.today), change, host?.staffCount ?? null, post ? { id: post.id, staff: post.staffCount } : { id: null, staff: options.legacyPostStaff ?? null });
}

/** The cap violations of a change, for the procedures that refuse it. */
export async function capViolations(tx: Runner, hostId: string, change: SeatChange, options: { postId: string | null; legacyPostStaff?: number | null; today?: string }, field: string | null = "quantity") {
  return checkCaps(await capCount(tx, hostId, change, options), field);
}

/**
 * What the caps count when a host writes a posting (creating it, or editing the one `postingId` names):
 * its seats replace what it counted before. A placement internship must name one of the host's declared
 * posts; other kinds are not counted (null).
 */
export async function postingCaps(tx: Runner, hostId: string, posting: { kind: string; quantity: number; postId?: string | null }, postingId?: string): Promise<CapCount | null> {
  if (posting.kind !== "placement_internship") return null;
  if (!posting.postId) throw new FieldError({ postId: "errors.postRequired" });
  if (!(await hostPost(tx, hostId, posting.postId))) throw new FieldError({ postId: "errors.postUnknown" });
  return capCount(tx, hostId, { kind: "write", postingId: postingId ?? null, postId: posting.postId, quantity: posting.quantity }, { postId: posting.postId });
}
