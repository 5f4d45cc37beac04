import { inArray } from "drizzle-orm";
import type { Db } from "../../db/create";
import { postings } from "../../db/schema";
import { feeFlagsOf } from "../compliance/fees";

/**
 * Adds to each review-queue item the phrases of its text that charge students fees or withhold ID
 * (compliance/fees.ts), so the reviewer sees them before approving. One read for the page.
 */
export async function withFeeFlags<T extends { id: string }>(db: Db, items: T[]): Promise<(T & { feeFlags: string[] })[]> {
  if (items.length === 0) return [];
  const rows = await db
    .select({ id: postings.id, title: postings.title, description: postings.description, details: postings.details })
    .from(postings)
    .where(inArray(postings.id, items.map((i) => i.id)));
  const flags = new Map(rows.map((r) => [r.id, feeFlagsOf(r)]));
  return items.map((i) => ({ ...i, feeFlags: flags.get(i.id) ?? [] }));
}
