import { and, eq, inArray, sum } from "drizzle-orm";
import type { Runner } from "../../db/create";
import { allocationRoundPostings, allocationRounds, type AllocationRoundState } from "../../db/schema";

/** Rounds whose reserved seats are out of open applications: from opening until the result is published. */
export const reservingStates: readonly AllocationRoundState[] = ["ranking", "host_ranking", "computed"];

/**
 * Seats of a posting reserved for running allocation rounds; applications count them as taken
 * (server/applications/manage.ts seatsTaken). Once published, the round's offers hold the seats instead.
 */
export async function reservedSeats(tx: Runner, postingId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sum(allocationRoundPostings.seats).mapWith(Number) })
    .from(allocationRoundPostings)
    .innerJoin(allocationRounds, eq(allocationRounds.id, allocationRoundPostings.roundId))
    .where(and(eq(allocationRoundPostings.postingId, postingId), inArray(allocationRounds.state, [...reservingStates])));
  return row?.n ?? 0;
}
