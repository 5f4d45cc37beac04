import { checkHostInternCap, checkPostInternCap, type Violation } from "./rules";

/**
 * How many interns the two caps count (《职业学校学生实习管理规定》: interns at a host ≤ 10% of its staff,
 * on one post ≤ 20% of the staff on that post). Pure: the data-reading side is server/applications/caps.ts.
 *
 * One rule for publishing, applying and accepting alike, so that a post cannot be split across postings
 * and the host cap cannot be met by counting only placements or only open seats:
 * every intern placed or accepted (a seat-holding placement) counts, and so does every seat still open on a
 * posting under review or published. A placement fills one of its posting's seats, so a posting counts
 * max(its seats, its placements) while open and its placements alone once closed — never both.
 */

/** One placement internship of the host, as the caps see it. */
export interface SeatRow {
  postingId: string;
  /** The declared post it names; null on postings written before posts existed. */
  postId: string | null;
  quantity: number;
  /** Under review or published and not yet ended: its unfilled seats still count. */
  open: boolean;
  /** Seat-holding placements (accepted, approved or running). */
  held: number;
}

/**
 * What is being decided: a posting written with these seats (publishing), or one more intern taking a
 * seat of a posting (applying, accepting).
 */
export type SeatChange =
  | { kind: "write"; postingId: string | null; postId: string | null; quantity: number }
  | { kind: "take"; postingId: string; postId: string | null };

/** Interns one posting counts for. */
function counted(row: SeatRow): number {
  return row.open ? Math.max(row.quantity, row.held) : row.held;
}

/** The rows as they would be after the change (the changed posting last, so callers can find it). */
export function rowsAfter(rows: readonly SeatRow[], change: SeatChange): SeatRow[] {
  const current = change.postingId ? rows.find((r) => r.postingId === change.postingId) : undefined;
  const others = rows.filter((r) => r !== current);
  if (change.kind === "write") {
    return [...others, { postingId: change.postingId ?? "", postId: change.postId, quantity: change.quantity, open: true, held: current?.held ?? 0 }];
  }
  return [...others, current ? { ...current, held: current.held + 1 } : { postingId: change.postingId, postId: change.postId, quantity: 0, open: false, held: 1 }];
}

export interface CapCount {
  /** Interns at the host after the change, and its staff (null: not declared, the cap cannot be checked). */
  hostInterns: number;
  hostStaff: number | null;
  /** Interns on the post after the change, and the staff on that post (null: no post known). */
  postInterns: number;
  postStaff: number | null;
}

/**
 * Counts both caps after a change. `post` is the post the changed posting names (its staff), or for an
 * older posting without a post the staff it stated itself, which then counts that posting alone.
 */
export function countCaps(rows: readonly SeatRow[], change: SeatChange, hostStaff: number | null, post: { id: string | null; staff: number | null }): CapCount {
  const after = rowsAfter(rows, change);
  const changed = after[after.length - 1];
  const onPost = post.id ? after.filter((r) => r.postId === post.id) : changed ? [changed] : [];
  return {
    hostInterns: after.reduce((sum, r) => sum + counted(r), 0),
    hostStaff,
    postInterns: onPost.reduce((sum, r) => sum + counted(r), 0),
    postStaff: post.staff,
  };
}

/** The 10% and 20% rules applied to a count; `field` names the form field the message belongs to. */
export function checkCaps(count: CapCount, field: string | null = "quantity"): Violation[] {
  return [
    count.postStaff ? checkPostInternCap(count.postInterns, count.postStaff, field) : null,
    count.hostStaff ? checkHostInternCap(count.hostInterns, count.hostStaff, field) : null,
  ].filter((v): v is Violation => v !== null);
}
