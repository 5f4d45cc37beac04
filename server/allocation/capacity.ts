/**
 * How many of a round posting's reserved seats the round may fill: its seats still free, then one intern
 * at a time while the host's 10% and the post's 20% caps hold. The caps are the platform's own
 * (server/compliance/caps.ts: countCaps/checkCaps, the same rule as publishing and accepting); nothing here
 * restates a number. Pure; the reading side is rounds.ts (hostSeatRows from server/applications/caps.ts).
 */
import { checkCaps, countCaps, rowsAfter, type SeatRow } from "../compliance/caps";
import type { RuleId } from "../compliance/rules";

export interface CapacityPosting {
  postingId: string;
  postId: string | null;
  /** Seats reserved for the round. */
  reserved: number;
  /** Staff on the post an older posting without a declared post stated itself. */
  legacyPostStaff: number | null;
}

export interface HostCapFacts {
  hostStaff: number | null;
  /** The host's counted postings (hostSeatRows). */
  rows: readonly SeatRow[];
  /** Staff of the host's declared posts, by post id. */
  postStaff: Readonly<Record<string, number>>;
}

export interface Allocatable {
  capacity: number;
  /** What stopped it below the reserved seats: the seats still free, or the cap's rule. */
  limitedBy: "seats" | RuleId | null;
}

/**
 * Capacities of one host's round postings, in order: each posting's takes are added to the rows before the
 * next, so two postings of one host cannot both use the same room under its 10% cap.
 */
export function allocatableSeats(host: HostCapFacts, postings: readonly CapacityPosting[]): Map<string, Allocatable> {
  let rows: SeatRow[] = [...host.rows];
  const out = new Map<string, Allocatable>();
  for (const posting of postings) {
    const row = rows.find((r) => r.postingId === posting.postingId);
    const free = row ? Math.max(0, row.quantity - row.held) : 0;
    let limitedBy: Allocatable["limitedBy"] = posting.reserved > free ? "seats" : null;
    const target = Math.min(posting.reserved, free);
    const post = posting.postId ? { id: posting.postId, staff: host.postStaff[posting.postId] ?? null } : { id: null, staff: posting.legacyPostStaff };
    let capacity = 0;
    while (capacity < target) {
      const change = { kind: "take" as const, postingId: posting.postingId, postId: posting.postId };
      const violations = checkCaps(countCaps(rows, change, host.hostStaff, post), null);
      if (violations.length > 0) {
        limitedBy = violations[0]!.rule;
        break;
      }
      rows = rowsAfter(rows, change);
      capacity++;
    }
    out.set(posting.postingId, { capacity, limitedBy });
  }
  return out;
}
